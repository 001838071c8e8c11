// The policy brief: one or two A4 pages that a ministry can circulate. The question, the answer against the
// targets, what it would take, how sure, three charts, why it differs from a comparison, the settings that differ
// from the reference with their sources, the model version and the date. The same page prints from the planner
// ("Policy brief") and from `evplan brief`, which opens it in Debian's Chromium and saves it as PDF.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, MarkLineComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { LeverAnswer } from "@evplan/core";
import { ModelClient } from "../client";
import { CHARTS } from "../charts";
import { headlineFigures } from "../figures";
import { fmtNumber, fmtPct, leverText } from "../format";
import { labels } from "../labels";
import type { AnalysisReply, DecomposeReply, ExtraScenario, InitReply, RunReply } from "../protocol";
import { readState, yearRuns } from "../state";
import { valueAt } from "../paths";
import { STRINGS } from "../i18n";
import { waterfallSteps } from "../WhyChanged";
import { legendItems } from "../Chart";

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, MarkLineComponent, SVGRenderer]);

declare global {
  interface Window {
    /** Set by `evplan brief` before the page loads: a scenario file from outside the bundle. */
    __evplanExtraScenario?: ExtraScenario;
    /** True once every figure and chart of the brief is drawn (the CLI waits for it before printing). */
    __briefReady?: boolean;
    __briefError?: string;
  }
}

const L = labels("en");
const SHORT_SEGMENTS: Record<string, string> = { two_wheeler: "2-wheel", three_wheeler: "3-wheel", car: "cars", lcv: "LCVs", bus: "buses", truck: "trucks" };
const t = STRINGS.en;
const SAMPLES = 400;

interface BriefData {
  init: InitReply;
  run: RunReply;
  analysis: AnalysisReply;
  compare: RunReply | null;
  why: DecomposeReply | null;
}

const pkr = (v: number, digits = 0) => `PKR ${fmtNumber(v / 1e9, digits)} bn`;
const pp = (d: number) => `${d >= 0 ? "+" : "−"}${Math.abs(d * 100).toFixed(1)} pp`;
/** A signed change in PKR billions, with the true minus sign as `pp` writes it. */
const bnChange = (v: number) => `${v >= 0 ? "+" : "−"}${fmtNumber(Math.abs(v) / 1e9, 1)} bn`;

export function Brief() {
  const [data, setData] = useState<BriefData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const state = readState(location.hash);
    const extra = window.__evplanExtraScenario;
    const preset = extra?.name ?? state.preset;
    const client = new ModelClient();
    (async () => {
      const init = await client.init(extra ? [extra] : undefined);
      const [run, analysis, compare, why] = await Promise.all([
        client.run(preset, state.overrides, state.years),
        client.analysis(preset, state.overrides, SAMPLES, state.years),
        state.compare ? client.run(state.compare, {}) : Promise.resolve(null),
        state.compare ? client.decompose(preset, state.overrides, state.compare, {}, state.years) : Promise.resolve(null),
      ]);
      setData({ init, run, analysis, compare, why });
    })().catch((e: Error) => {
      setError(e.message);
      window.__briefError = e.message;
    });
  }, []);
  if (error) return <pre className="brief-error">{error}</pre>;
  if (!data) return <p className="brief-loading">Preparing the brief…</p>;
  return <BriefPages {...data} />;
}

function BriefPages({ init, run, analysis, compare, why }: BriefData) {
  const state = readState(location.hash);
  const preset = window.__evplanExtraScenario?.name ?? state.preset;
  const info = init.presets.find((p) => p.name === preset);
  const moved = [...new Set([...Object.keys(state.overrides), ...Object.keys(state.years)])];
  const title = `${info?.title ?? preset}${moved.length ? `, with ${moved.length} lever${moved.length > 1 ? "s" : ""} moved` : ""}`;
  const compareTitle = state.compare ? (init.presets.find((p) => p.name === state.compare)?.title ?? state.compare) : "";
  const f = headlineFigures(run);
  const g = compare ? headlineFigures(compare) : null;
  // Targets and met-or-missed from the core's headline view (the scenario's own targets).
  const t30 = f.byId("ev_share_2030")?.target;
  const t40 = f.byId("ev_share_2040")?.target;
  const tCo2 = f.byId("co2_end")?.target;
  const target30 = t30?.target ?? 0.3;
  const met30 = t30?.met ?? f.s30 >= target30;
  const segs = run.targets.filter((x) => x.metric === "ev_sales_share" && x.segment !== "total" && x.year === 2030);
  const w = analysis.whatItTakes;
  // The first lever that reaches the target leads the tile (the programme, if it can).
  const lead = w.answers.find((a) => a.value !== null) ?? w.answers[0];
  const p30 = analysis.probabilities.find((p) => p.metric === "ev_sales_share" && p.segment === "total" && p.year === 2030);
  const p40 = analysis.probabilities.find((p) => p.metric === "ev_sales_share" && p.segment === "total" && p.year === 2040);
  const leverName = (id: string) => init.parameters.find((p) => p.name === id)?.label ?? id;
  const date = new Date().toISOString().slice(0, 10);
  const cmp = { name: compareTitle, run: compare! };
  const charts = ["share", "ledger", ...(why ? [] : ["co2"])].map((id) => {
    const def = CHARTS.find((c) => c.id === id)!;
    return { id, title: t[def.title], unit: t[def.unit], option: def.build(run, compare ? cmp : null, L) };
  });
  const co2 = CHARTS.find((c) => c.id === "co2")!.build(run, compare ? cmp : null, L);
  const answer = met30
    ? `Yes. With these settings ${fmtPct(f.s30)} of new vehicles sold in 2030 are electric, meeting the ${fmtPct(target30, 0)} target`
    : `No. With these settings ${fmtPct(f.s30)} of new vehicles sold in 2030 are electric, against the ${fmtPct(target30, 0)} target (${Math.abs((f.s30 - target30) * 100).toFixed(1)} percentage points short)`;
  const ready = useRef(0);
  const onDrawn = () => {
    ready.current++;
    if (ready.current === charts.length + (why ? 2 : 0)) {
      window.__briefReady = true;
      if (new URLSearchParams(location.hash.slice(1)).get("print") === "1") setTimeout(() => window.print(), 100);
    }
  };
  const names = {
    factor: (id: string) => (id === "mode" ? "modelling mode (targets or market)" : leverName(id)),
    other: "other inputs",
    interaction: "interaction of the inputs",
    from: compareTitle,
    to: "these settings",
  };
  return (
    <article className="brief">
      <header className="brief-head">
        <div className="brief-kicker">
          <span>Policy brief · Pakistan's electric-vehicle transition</span>
          <span>{date}</span>
        </div>
        <h1>{title}</h1>
        <p className="brief-question">
          <span>The question</span> Will the National Electric Vehicle Policy 2025-30 reach its targets with these settings, what would it take, how sure can we
          be, and at what cost to the treasury?
        </p>
      </header>

      <section className={`brief-answer ${met30 ? "met" : "missed"}`} data-testid="brief-answer">
        <p>
          <strong>{answer}</strong>; the net fiscal cost from {run.baseYear} to 2030 is <strong>{pkr(f.fiscal)}</strong>
          {p30 ? (
            <>
              {" "}
              and the chance of reaching the target, over {analysis.samples} Monte Carlo runs of every uncertain input, is{" "}
              <strong>{fmtPct(p30.probability, 0)}</strong>
            </>
          ) : null}
          .
        </p>
      </section>

      <div className="brief-tiles">
        <div className={`tile ${met30 ? "met" : "missed"}`}>
          <span>EV share of new sales, 2030</span>
          <strong>{fmtPct(f.s30)}</strong>
          <em>
            target {fmtPct(target30, 0)} · {pp(f.s30 - target30)}
          </em>
        </div>
        <div className="tile">
          <span>Net fiscal cost {run.baseYear}-2030</span>
          <strong>{pkr(f.fiscal)}</strong>
          <em>+ is a cost to the treasury</em>
        </div>
        <div className="tile take">
          <span>What it takes to reach {fmtPct(target30, 0)}</span>
          <strong>{lead?.value != null ? leverText(lead.value, lead.unit, L).replace(" announced amounts", "") : "–"}</strong>
          <em>
            {lead?.value != null ? `${leverName(lead.lever).toLowerCase()}; ${pkr(lead.fiscalCost!)} to 2030` : "no single lever reaches it within its range"}
          </em>
        </div>
        <div className="tile sure">
          <span>Chance of reaching {fmtPct(target30, 0)} in 2030</span>
          <strong>{p30 ? fmtPct(p30.probability, 0) : "–"}</strong>
          <em>{analysis.samples} Monte Carlo runs</em>
        </div>
      </div>

      <div className="brief-grid">
        <section>
          <h2>Headline figures against the targets</h2>
          <table className="brief-table">
            <thead>
              <tr>
                <th>Figure</th>
                <th>Value</th>
                <th>Target</th>
                <th>Status</th>
                {g && <th className="cmp">Comparison¹</th>}
              </tr>
            </thead>
            <tbody>
              <Row label="EV share of sales, 2030" value={fmtPct(f.s30)} target={`≥ ${fmtPct(target30, 0)}`} met={met30} cmp={g && fmtPct(g.s30)} />
              <Row
                label="EV share of sales, 2040"
                value={fmtPct(f.s40)}
                target={t40 ? `≥ ${fmtPct(t40.target, 0)}` : undefined}
                met={t40?.met}
                cmp={g && fmtPct(g.s40)}
              />
              <Row
                label={`Road CO₂ incl. charging power, ${f.lastYear}`}
                value={`${fmtNumber(f.co2 / 1e6, 1)} Mt`}
                target={tCo2 ? "net zero" : undefined}
                met={tCo2?.met}
                cmp={g && `${fmtNumber(g.co2 / 1e6, 1)} Mt`}
              />
              <Row label={`Fiscal cost ${run.baseYear}-30`} value={pkr(f.fiscal)} cmp={g && pkr(g.fiscal)} />
              <Row
                label={`Oil imports avoided ${run.baseYear}-30`}
                value={`USD ${fmtNumber(f.oil / 1e9, 2)} bn`}
                cmp={g && Number.isFinite(g.oil) ? `USD ${fmtNumber(g.oil / 1e9, 2)} bn` : g ? "–" : null}
              />
              <Row label="Public charge points 2030" value={fmtNumber(f.chargers, 0)} cmp={g && fmtNumber(g.chargers, 0)} />
            </tbody>
          </table>
          <p className="brief-note">
            {g ? `¹ ${compareTitle}. ` : ""}Fiscal cost: subsidies, markup support, taxes and levies forgone, minus the NEV levy and tax on charging; + is a
            cost. Oil against the counterfactual “{run.counterfactualName ?? "none"}”.
          </p>
        </section>
        <section>
          {segs.length > 0 && (
            <>
              <h2>Segment targets, 2030</h2>
              <table className="brief-table segs">
                <thead>
                  <tr>
                    <th style={{ width: "13%" }} />
                    {segs.map((x) => (
                      <th key={x.segment}>{SHORT_SEGMENTS[x.segment] ?? L.segments(x.segment)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td>share</td>
                    {segs.map((x) => (
                      <td key={x.segment} className="num">
                        {fmtPct(x.value, 0)}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <td>target</td>
                    {segs.map((x) => (
                      <td key={x.segment} className="num">
                        {fmtPct(x.target, 0)} <span className={`mark ${x.met ? "met" : "missed"}`}>{x.met ? "✓" : "✗"}</span>
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </>
          )}
          <h2>How sure</h2>
          <p className="brief-text">
            {p30 && (
              <>
                Chance of ≥ {fmtPct(p30.target, 0)} in 2030: <strong>{fmtPct(p30.probability, 0)}</strong>
              </>
            )}
            {p40 && (
              <>
                ; of ≥ {fmtPct(p40.target, 0)} in 2040: <strong>{fmtPct(p40.probability, 0)}</strong>
              </>
            )}
            . {analysis.samples} runs drawing every input that has an uncertainty range in the data pack (prices, costs, consumer response, fleet survival),
            with these settings.
          </p>
        </section>
      </div>
      <section>
        <h2>What it would take</h2>
        <WhatItTakes w={w} leverName={leverName} />
      </section>

      <section className="brief-charts">
        {charts.map((c) => (
          <BriefFigure key={c.id} title={c.title} unit={c.unit} option={c.option} width={335} height={175} onDrawn={onDrawn} />
        ))}
      </section>

      {why && (
        <section className="brief-why" data-testid="brief-why">
          <h2>Why it differs from “{compareTitle}”</h2>
          <p className="brief-text">
            Each input that differs is moved alone from the comparison to these settings; the interaction makes the parts add up to the total change.
          </p>
          <div className="brief-why-grid">
            <StaticChart option={waterfallBriefOption(waterfallSteps(why.decomposition, 0, names), 100, "%")} width={340} height={170} onDrawn={onDrawn} />
            <table className="brief-table">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>EV share 2030</th>
                  <th>Fiscal cost to 2030</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{compareTitle}</td>
                  <td>{fmtPct(why.decomposition.from[0])}</td>
                  <td>{pkr(why.decomposition.from[1])}</td>
                </tr>
                {why.decomposition.factors.slice(0, 6).map((x) => (
                  <tr key={x.factor}>
                    <td>{names.factor(x.factor)}</td>
                    <td>{pp(x.effects[0])}</td>
                    <td>{bnChange(x.effects[1])}</td>
                  </tr>
                ))}
                <tr>
                  <td>interaction and other inputs</td>
                  <td>
                    {pp(why.decomposition.to[0] - why.decomposition.from[0] - why.decomposition.factors.slice(0, 6).reduce((s, x) => s + x.effects[0], 0))}
                  </td>
                  <td>
                    {bnChange(
                      why.decomposition.to[1] - why.decomposition.from[1] - why.decomposition.factors.slice(0, 6).reduce((s, x) => s + x.effects[1], 0),
                    )}
                  </td>
                </tr>
                <tr className="total">
                  <td>these settings</td>
                  <td>{fmtPct(why.decomposition.to[0])}</td>
                  <td>{pkr(why.decomposition.to[1])}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <BriefFigure className="brief-co2" title={t.chartCo2} unit={t.unitCo2} option={co2} width={660} height={150} onDrawn={onDrawn} />
        </section>
      )}

      <section className="brief-settings">
        <h2>Settings that differ from the reference scenario, and their sources</h2>
        <Settings analysis={analysis} moved={state.overrides} years={state.years} init={init} run={run} />
      </section>

      <footer className="brief-foot">
        <span>
          evplan {__EVPLAN_VERSION__} · data pack data/pakistan ({init.parameters.length} parameters,{" "}
          {init.parameters.filter((p) => p.provenance !== "assumption").length} with a published source) · generated {date}
        </span>
        <span>
          Money in constant FY2025 rupees; fiscal year 2030 = July 2029 to June 2030. Method: docs/model.md. Open source: every number is cited or marked as an
          assumption.
        </span>
      </footer>
    </article>
  );
}

function Row({ label, value, target, met, cmp, sub }: { label: string; value: string; target?: string; met?: boolean; cmp?: string | null; sub?: boolean }) {
  return (
    <tr className={sub ? "sub" : undefined}>
      <td>{label}</td>
      <td className="num">{value}</td>
      <td className="num">{target ?? ""}</td>
      <td>{met === undefined ? "" : <span className={`pill ${met ? "met" : "missed"}`}>{met ? "met" : "missed"}</span>}</td>
      {cmp !== undefined && cmp !== null ? <td className="num">{cmp}</td> : null}
    </tr>
  );
}

function WhatItTakes({ w, leverName }: { w: AnalysisReply["whatItTakes"]; leverName: (id: string) => string }) {
  const line = (a: LeverAnswer) =>
    a.value === null ? (
      <>
        <strong>{leverName(a.lever)}</strong> alone cannot reach it within its range (at most {fmtPct(a.achieved)} at {leverText(a.range[1], a.unit, L)}).
      </>
    ) : (
      <>
        <strong>{leverName(a.lever)}</strong> at <strong>{leverText(a.value, a.unit, L)}</strong> from FY{a.fromYear} (now {leverText(a.current, a.unit, L)}):
        net fiscal cost to {w.target.year} {pkr(a.fiscalCost!)} ({a.fiscalCost! - w.currentFiscalCost >= 0 ? "+" : "−"}
        {fmtNumber(Math.abs(a.fiscalCost! - w.currentFiscalCost) / 1e9, 0)} bn).
      </>
    );
  return (
    <div className="brief-text">
      <p>
        {w.alreadyMet
          ? "The target is met already; the lowest settings that still meet it:"
          : `To reach ${fmtPct(w.target.value, 0)} of new sales in ${w.target.year}, one lever at a time:`}
      </p>
      <ul className="two">
        {w.answers.map((a) => (
          <li key={a.lever}>{line(a)}</li>
        ))}
      </ul>
      <p className="brief-note">Goal seek in the model, each answer checked by a fresh run; the other settings stay as they are.</p>
    </div>
  );
}

interface SettingRow {
  key: string;
  setting: string;
  from: number;
  value: string;
  reference: string;
  source: string;
}

/** One row per parameter: its keys' values together ("bus 1%, car 1.7%") or one value for all keys. */
function groupRows(rows: AnalysisReply["differences"]): SettingRow[] {
  const groups = new Map<string, AnalysisReply["differences"][number][]>();
  for (const d of rows) groups.set(`${d.parameter}|${d.year}`, [...(groups.get(`${d.parameter}|${d.year}`) ?? []), d]);
  return [...groups.entries()].map(([key, ds]) => {
    const list = (pick: (d: (typeof ds)[number]) => number) => {
      const vals = ds.map((d) => fmtValue(pick(d), d.unit));
      if (ds.length === 1 || vals.every((v) => v === vals[0])) return ds.length > 1 ? `${vals[0]} (all)` : vals[0];
      return ds.map((d, i) => `${L.key(d.key ?? "")} ${vals[i]}`).join(", ");
    };
    return { key, setting: ds[0].label, from: ds[0].year, value: list((d) => d.value), reference: list((d) => d.reference), source: ds[0].source };
  });
}

function Settings({
  analysis,
  moved,
  years,
  init,
  run,
}: {
  analysis: AnalysisReply;
  moved: Record<string, number>;
  years: Record<string, Record<number, number>>;
  init: InitReply;
  run: RunReply;
}) {
  const leverName = (series: string) => {
    const l = init.levers.find((x) => x.series === series);
    return l ? `${l.label}${l.key ? ` (${L.key(l.key)})` : ""}` : series;
  };
  // Years set by hand in the year table, as runs of years ("2031-2035: 10 PKR/litre"), beside the preset's values.
  const handSet = Object.entries(years)
    .filter(([, path]) => Object.keys(path).length)
    .map(([series, path]): SettingRow => {
      const l = init.levers.find((x) => x.series === series);
      const text = (v: number) => (l ? leverText(v, l.unit, L) : String(v));
      const runs = yearRuns(path);
      const policy = run.leverPaths[series];
      return {
        key: `${series}|years`,
        setting: `${leverName(series)}, years set by hand`,
        from: Math.min(...Object.keys(path).map(Number)),
        value: runs.map(([range, v]) => `${range}: ${text(v)}`).join("; "),
        reference: policy
          ? runs
              .map(([range]) => {
                const [a, b = a] = range.split("-").map(Number);
                const vals = Array.from({ length: b - a + 1 }, (_, i) => valueAt(policy, a + i));
                const lo = Math.min(...vals);
                const hi = Math.max(...vals);
                return `${range}: ${lo === hi ? text(lo) : `${text(lo)} to ${text(hi)}`}`;
              })
              .join("; ") + " (scenario)"
          : "",
        source: l?.source ?? "",
      };
    });
  const rows: SettingRow[] = [
    ...handSet,
    ...Object.entries(moved).map(([series, value]) => {
      const l = init.levers.find((x) => x.series === series);
      return {
        key: series,
        setting: `${leverName(series)}, moved in the planner`,
        from: l?.fromYear ?? 2026,
        value: l ? leverText(value, l.unit, L) : String(value),
        reference: l ? `${leverText(run.leverDefaults[series], l.unit, L)} (scenario)` : "",
        source: l?.source ?? "",
      };
    }),
    ...groupRows(analysis.differences),
  ];
  if (!rows.length) return <p className="brief-text">None: these are the reference scenario's settings.</p>;
  const shown = rows.slice(0, 16);
  return (
    <>
      <table className="brief-table settings">
        <thead>
          <tr>
            <th>Setting</th>
            <th>From</th>
            <th>This scenario</th>
            <th>Reference</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key}>
              <td>{r.setting}</td>
              <td className="num">{r.from}</td>
              <td className="val">{r.value}</td>
              <td className="val">{r.reference}</td>
              <td className="source">{r.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && <p className="brief-note">and {rows.length - shown.length} more settings: see the Settings sheet of the XLSX export.</p>}
    </>
  );
}

function fmtValue(v: number, unit: string): string {
  if (unit === "fraction" || unit === "fraction/year") return `${fmtNumber(v * 100, Math.abs(v * 100) < 10 && v * 100 !== Math.round(v * 100) ? 1 : 0)}%`;
  if (unit === "PKR") return `PKR ${fmtNumber(v / 1e9, 1)} bn`;
  if (unit === "dimensionless") return `×${fmtNumber(v, 2)}`;
  return `${fmtNumber(v, Math.abs(v) < 10 && v !== Math.round(v) ? 2 : 0)} ${unit}`;
}

function waterfallBriefOption(steps: ReturnType<typeof waterfallSteps>, scale: number, suffix: string) {
  let level = 0;
  const base: (number | string)[] = [];
  const delta: { value: number | string; itemStyle?: object }[] = [];
  for (const s of steps) {
    const v = s.value * scale;
    if (s.kind === "end") {
      level = v;
      base.push(0);
      delta.push({ value: v, itemStyle: { color: "#334155" } });
    } else {
      base.push(Math.min(level, level + v));
      delta.push({ value: Math.abs(v), itemStyle: { color: v >= 0 ? "#b45309" : "#0f766e" } });
      level += v;
    }
  }
  return {
    animation: false,
    textStyle: { fontFamily: "Liberation Sans, Arial, sans-serif" },
    grid: { left: 6, right: 40, top: 6, bottom: 20, containLabel: true },
    xAxis: { type: "value", axisLabel: { formatter: (v: number) => `${fmtNumber(v, 0)}${suffix}`, fontSize: 9 } },
    yAxis: { type: "category", inverse: true, data: steps.map((s) => s.label), axisLabel: { fontSize: 9, width: 150, overflow: "truncate" } },
    series: [
      { type: "bar", stack: "w", data: base, itemStyle: { color: "transparent" }, silent: true },
      { type: "bar", stack: "w", data: delta, barMaxWidth: 14 },
    ],
  };
}

/** A chart of the brief with its title, unit and legend (the legend in words: the page is printed). */
function BriefFigure({
  className,
  title,
  unit,
  option,
  width,
  height,
  onDrawn,
}: {
  className?: string;
  title: string;
  unit: string;
  option: object | null;
  width: number;
  height: number;
  onDrawn: () => void;
}) {
  return (
    <figure className={className}>
      <figcaption>
        <strong>{title}</strong>
        <span>{unit}</span>
      </figcaption>
      <StaticChart option={option} width={width} height={height} onDrawn={onDrawn} />
      <ul className="brief-legend">
        {legendItems(option as never).map((l) => (
          <li key={l.name}>
            <i className={`key ${l.kind}`} style={{ color: l.color }} />
            {l.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}

function StaticChart({ option, width, height, onDrawn }: { option: object | null; width: number; height: number; onDrawn: () => void }) {
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!el.current) return;
    if (!option) {
      onDrawn();
      return;
    }
    const c = echarts.init(el.current, undefined, { renderer: "svg", width, height });
    // Print sizes: smaller labels, no tooltips; the chart's own series and annotations.
    c.setOption({ ...option, tooltip: undefined, textStyle: { fontFamily: "Liberation Sans, Arial, Helvetica, sans-serif", fontSize: 9 } });
    onDrawn();
    return () => c.dispose();
  }, []);
  return <div ref={el} style={{ width, height }} className="brief-chart" />;
}
