// The first screen: will the settings reach the targets, what would it take, how sure, at what cost. Numbers come
// from the worker (run and background analysis); this file only lays them out.
import { memo, type ReactNode } from "react";
import type { LeverAnswer, TargetResult } from "@evplan/core";
import type { Strings } from "./i18n";
import type { AnalysisReply, LeverInfo, RunReply } from "./protocol";
import { headlineFigures, type HeadlineFigures } from "./figures";
import { dollars, fmtNumber, fmtPct, leverNumber, leverText, money, points, signed } from "./format";
import type { Labels } from "./labels";

import { N } from "./Num";

export const Headlines = memo(function Headlines({
  r,
  compare,
  compareName,
  analysis,
  analysisPending,
  levers,
  presetTitle,
  t,
  L,
}: {
  presetTitle: (name: string) => string;
  r: RunReply;
  compare: RunReply | null;
  compareName: string;
  analysis: AnalysisReply | null;
  analysisPending: boolean;
  levers: readonly LeverInfo[];
  t: Strings;
  L: Labels;
}) {
  const f = headlineFigures(r);
  const g = compare ? headlineFigures(compare) : null;
  const mt = (v: number) => `${fmtNumber(v / 1e6, 1)} ${L.valueUnit("mt")}`;
  const cmp = (text: string, diff: string) =>
    g ? (
      <div className="card-compare">
        {compareName}: <N>{text}</N> · {t.difference} <N>{diff}</N>
      </div>
    ) : null;
  const status = (met: boolean) => <span className={`badge ${met ? "met" : "missed"}`}>{met ? t.met : t.missed}</span>;
  const segTargets = r.targets.filter((x) => x.metric === "ev_sales_share" && x.segment !== "total" && x.year === 2030);
  // Values, targets and met-or-missed come from the core's headline view (the scenario's own targets).
  const h30 = f.byId("ev_share_2030");
  const h40 = f.byId("ev_share_2040");
  const hCo2 = f.byId("co2_end");
  const shareCard = (id: string, label: string, value: number, target: TargetResult | undefined, extra?: ReactNode, diff?: ReactNode) => (
    <div className={`card ${target ? (target.met ? "met" : "missed") : ""}`} data-testid={`headline-${id}`}>
      <div className="card-label">{label}</div>
      <div className="card-value">
        <N>{fmtPct(value)}</N>
      </div>
      {target && (
        <div className="card-sub">
          {status(target.met)} {t.target} <N>{fmtPct(target.target, 0)}</N> · {t.gap} <N>{points(target.gap, L)}</N>
        </div>
      )}
      {extra}
      {diff}
    </div>
  );
  return (
    <div className="cards" role="region" aria-label={t.headline}>
      {shareCard(
        "share2030",
        t.evShare2030,
        f.s30,
        h30?.target,
        segTargets.length > 0 && (
          <table className="seg-targets" data-testid="segment-targets">
            <caption>{t.segmentTargets}</caption>
            <tbody>
              {segTargets.map((x) => (
                <tr key={x.segment} className={x.met ? "met" : "missed"}>
                  <th scope="row">{L.segments(x.segment)}</th>
                  <td>
                    <N>{fmtPct(x.value, 0)}</N>
                  </td>
                  <td>
                    / <N>{fmtPct(x.target, 0)}</N>
                  </td>
                  <td>
                    <span className="tick" role="img" aria-label={x.met ? t.met : t.missed}>
                      {x.met ? "✓" : "✗"}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ),
        g ? cmp(fmtPct(g.s30), points(f.s30 - g.s30, L)) : null,
      )}
      <WhatItTakesCard analysis={analysis} pending={analysisPending} levers={levers} t={t} L={L} />
      <ProbabilityCard analysis={analysis} pending={analysisPending} t={t} />
      <div className="card" data-testid="headline-fiscal">
        <div className="card-label">{t.fiscal}</div>
        <div className="card-value">
          <N>{money(f.fiscal, L)}</N>
        </div>
        <div className="card-sub">
          {t.cumulative} <N>{`${r.baseYear}–2030`}</N> · {t.positiveCost}
        </div>
        {g ? cmp(money(g.fiscal, L), money(f.fiscal - g.fiscal, L, 0, true)) : null}
      </div>
      {shareCard("share2040", t.evShare2040, f.s40, h40?.target, null, g ? cmp(fmtPct(g.s40), points(f.s40 - g.s40, L)) : null)}
      <div className={`card ${hCo2?.target ? (hCo2.target.met ? "met" : "missed") : ""}`} data-testid="headline-co2">
        <div className="card-label">{t.co2_2060.replace("2060", String(f.lastYear))}</div>
        <div className="card-value">
          <N>{mt(f.co2)}</N>
        </div>
        {hCo2?.target && (
          <div className="card-sub">
            {status(hCo2.target.met)} {t.target} <N>{fmtNumber(hCo2.target.target / 1e6, 0)}</N> ({t.netZero})
          </div>
        )}
        {g ? cmp(mt(g.co2), `${signed((f.co2 - g.co2) / 1e6, 1)} ${L.valueUnit("mt")}`) : null}
      </div>
      <div className="card" data-testid="headline-oil">
        <div className="card-label">{t.oil}</div>
        <div className="card-value">
          <N>{dollars(f.oil, L)}</N>
        </div>
        <div className="card-sub">
          {t.cumulative} <N>{`${r.baseYear}–2030`}</N> · {t.vs} {presetTitle(r.counterfactualName ?? "–")}
        </div>
        {g && Number.isFinite(g.oil) ? cmp(dollars(g.oil, L), dollars(f.oil - g.oil, L, 2, true)) : null}
      </div>
      <div className="card" data-testid="headline-chargers">
        <div className="card-label">{t.chargers}</div>
        <div className="card-value">
          <N>{fmtNumber(f.chargers, 0)}</N>
        </div>
        <div className="card-sub">{t.chargerKinds}</div>
        {g ? cmp(fmtNumber(g.chargers, 0), signed(f.chargers - g.chargers, 0)) : null}
      </div>
    </div>
  );
});

function answerLine(a: LeverAnswer, levers: readonly LeverInfo[], t: Strings, L: Labels, alreadyMet: boolean): ReactNode {
  const info = levers.find((l) => l.parameter === a.lever || l.series === a.lever);
  const name = L.parameter(a.lever, info?.label ?? a.lever);
  if (a.value === null)
    return (
      <>
        <strong>{name}</strong> {t.notReachable} <N>{fmtPct(a.achieved)}</N> (<N>{leverText(a.range[1], a.unit, L)}</N>)
      </>
    );
  return (
    <>
      <strong>{name}</strong>: {alreadyMet ? "" : `${t.setTo} `}
      <N>{leverText(a.value, a.unit, L)}</N> {t.insteadOf} <N>{leverText(a.current, a.unit, L)}</N> · {t.netCost} <N>{money(a.fiscalCost ?? NaN, L)}</N>
    </>
  );
}

const WhatItTakesCard = memo(function WhatItTakesCard({
  analysis,
  pending,
  levers,
  t,
  L,
}: {
  analysis: AnalysisReply | null;
  pending: boolean;
  levers: readonly LeverInfo[];
  t: Strings;
  L: Labels;
}) {
  const w = analysis?.whatItTakes;
  // The first lever that reaches the target leads (the programme, if it can); the others follow.
  const main = w?.answers.find((a) => a.value !== null) ?? w?.answers[0];
  const others = w?.answers.filter((a) => a !== main) ?? [];
  return (
    <div className={`card what-it-takes${pending ? " pending-analysis" : ""}`} data-testid="headline-what-it-takes" aria-busy={pending}>
      <div className="card-label">
        {t.whatItTakes} <N>{w ? fmtPct(w.target.value, 0) : "30%"}</N> <N>{w?.target.year ?? 2030}</N>
      </div>
      {!w || !main ? (
        <div className="card-sub">{t.computingBackground}</div>
      ) : (
        <>
          {w.alreadyMet && <div className="card-sub">{t.alreadyMet}</div>}
          <div className="card-answer" data-testid="what-it-takes-main" data-lever={main.lever} data-value={main.value ?? ""}>
            {main.value !== null ? (
              <>
                <div className="card-value small">
                  <N>{leverNumber(main.value, main.unit)}</N>{" "}
                  <span className="card-unit">{leverText(main.value, main.unit, L).replace(leverNumber(main.value, main.unit), "").trim()}</span>
                </div>
                <div className="card-sub">
                  <strong>{L.parameter(main.lever, levers.find((l) => l.parameter === main.lever)?.label ?? main.lever)}</strong> {t.insteadOf}{" "}
                  <N>{leverText(main.current, main.unit, L)}</N>
                </div>
                <div className="card-sub">
                  {t.netCost}: <N>{money(main.fiscalCost!, L)}</N> (<N>{money(main.fiscalCost! - w.currentFiscalCost, L, 0, true)}</N> {t.moreThanNow})
                </div>
              </>
            ) : (
              <div className="card-sub">{answerLine(main, levers, t, L, w.alreadyMet)}</div>
            )}
          </div>
          {others.length > 0 && (
            <details className="other-levers">
              <summary>{t.otherLevers}</summary>
              <ul>
                {others.map((a) => (
                  <li key={a.lever} data-lever={a.lever}>
                    {answerLine(a, levers, t, L, w.alreadyMet)}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="card-note">{t.verified}</div>
        </>
      )}
    </div>
  );
});

const ProbabilityCard = memo(function ProbabilityCard({ analysis, pending, t }: { analysis: AnalysisReply | null; pending: boolean; t: Strings }) {
  const ps = analysis?.probabilities.filter((p) => p.segment === "total") ?? [];
  const main = ps.find((p) => p.metric === "ev_sales_share" && p.year === 2030);
  const label = (p: (typeof ps)[number]) =>
    p.metric === "ev_sales_share" ? (
      <>
        ≥ <N>{fmtPct(p.target, 0)}</N> <N>{p.year}</N>
      </>
    ) : (
      <>
        {t.netZero} <N>{p.year}</N>
      </>
    );
  return (
    <div className={`card probability-card${pending ? " pending-analysis" : ""}`} data-testid="headline-probability" aria-busy={pending}>
      <div className="card-label">{t.howSure}</div>
      {!main ? (
        <div className="card-sub">{t.computingBackground}</div>
      ) : (
        <>
          <div className="card-value" data-probability={main.probability}>
            <N>{fmtPct(main.probability, 0)}</N>
          </div>
          <div className="card-sub">
            {t.probabilityOf} {label(main)}
          </div>
          <ul className="prob-list">
            {ps
              .filter((p) => p !== main)
              .map((p) => (
                <li key={`${p.metric}-${p.year}`}>
                  {label(p)}: <N>{fmtPct(p.probability, 0)}</N>
                </li>
              ))}
          </ul>
          <div className="card-note">
            {t.montecarloNote} · <N>{analysis!.samples}</N> {t.ofSamples}
          </div>
        </>
      )}
    </div>
  );
});

export type { HeadlineFigures };
