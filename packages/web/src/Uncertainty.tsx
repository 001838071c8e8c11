// How sure are we? Fan charts (p5-p95, p25-p75, median, and the central run) and a tornado for the 2030 EV share,
// computed in the background worker on request.
import { memo, useMemo, useState } from "react";
import { Chart } from "./Chart";
import { CHART_FONT } from "./charts";
import type { ModelClient } from "./client";
import type { Strings } from "./i18n";
import type { LeverInfo, ParameterInfo, RunReply, UncertaintyReply } from "./protocol";
import type { ViewState } from "./state";
import { fmtNumber, fmtPct } from "./format";
import { labels, type Labels } from "./labels";
import { row } from "./results";

type Bands = { p5: number[]; p25: number[]; p50: number[]; p75: number[]; p95: number[] };

function fan(years: readonly number[], bands: Bands, central: number[] | null, fmt: (v: number) => string, L: Labels) {
  const diff = (a: number[], b: number[]) => a.map((x, i) => x - b[i]);
  const hidden = { lineStyle: { opacity: 0 }, showSymbol: false, tooltip: { show: false }, legend: false, silent: true } as const;
  return {
    animation: false,
    color: ["#0f766e"],
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 56, right: 16, top: 12, bottom: 28 },
    tooltip: { trigger: "axis", valueFormatter: (v: number) => (v == null ? "–" : fmt(v)) },
    legend: { show: false },
    xAxis: { type: "category", data: years, axisLabel: { interval: 4 } },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => fmt(v) } },
    series: [
      { name: "p5", type: "line", data: bands.p5, stack: "outer", ...hidden },
      {
        name: L.series("band90"),
        type: "line",
        data: diff(bands.p95, bands.p5),
        stack: "outer",
        lineStyle: { opacity: 0 },
        showSymbol: false,
        areaStyle: { color: "#99f6e4", opacity: 1 },
        tooltip: { show: false },
      },
      { name: "p25", type: "line", data: bands.p25, stack: "inner", ...hidden },
      {
        name: L.series("band50"),
        type: "line",
        data: diff(bands.p75, bands.p25),
        stack: "inner",
        lineStyle: { opacity: 0 },
        showSymbol: false,
        areaStyle: { color: "#2dd4bf", opacity: 1 },
        tooltip: { show: false },
      },
      { name: L.series("median"), type: "line", data: bands.p50, showSymbol: false, lineStyle: { width: 2.5, color: "#134e4a" } },
      ...(central
        ? [{ name: L.series("central"), type: "line", data: central, showSymbol: false, lineStyle: { width: 1.5, type: "dashed", color: "#0f172a" } }]
        : []),
    ],
  };
}

/** A parameter id (or one key of it) as its data-pack label, with the key in words. */
export function parameterName(id: string, parameters: readonly ParameterInfo[], levers: readonly LeverInfo[], L: Labels): string {
  const p = parameters.find((x) => x.name === id);
  if (p) return L.parameter(p.name, p.label);
  const dot = id.lastIndexOf(".");
  const parent = parameters.find((x) => x.name === id.slice(0, dot));
  if (parent) return `${L.parameter(parent.name, parent.label)}, ${L.key(id.slice(dot + 1))}`;
  return levers.find((l) => l.series === id)?.label ?? id;
}

function tornadoOption(r: UncertaintyReply["tornado"], name: (id: string) => string, L: Labels) {
  const top = [...r.parameters]
    .sort((a, b) => b.swing - a.swing)
    .slice(0, 10)
    .reverse();
  const pp = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}`;
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    color: ["#2563eb", "#b45309"],
    grid: { left: 8, right: 20, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => `${pp(v)} ${L.valueUnit("pp")}` },
    legend: { show: false },
    xAxis: { type: "value", splitNumber: 4, axisLabel: { formatter: (v: number) => pp(v), fontSize: 10.5 } },
    yAxis: { type: "category", data: top.map((p) => name(p.name)), axisLabel: { fontSize: 11, width: 260, overflow: "truncate", color: "#334155" } },
    series: [
      { name: L.series("lowInput"), type: "bar", stack: "t", data: top.map((p) => p.low - r.base), itemStyle: { color: "#2563eb" }, barMaxWidth: 16 },
      { name: L.series("highInput"), type: "bar", stack: "t", data: top.map((p) => p.high - r.base), itemStyle: { color: "#b45309" }, barMaxWidth: 16 },
    ],
  };
}

export const Uncertainty = memo(function Uncertainty({
  client,
  state,
  t,
  central,
  scenario,
  levers,
  parameters,
}: {
  client: ModelClient;
  state: ViewState;
  t: Strings;
  central: RunReply | null;
  scenario: { label: string; file: string };
  levers: readonly LeverInfo[];
  parameters: readonly ParameterInfo[];
}) {
  const [result, setResult] = useState<UncertaintyReply | null>(null);
  const [busy, setBusy] = useState(false);
  const [samples, setSamples] = useState(400);
  const [forState, setForState] = useState<ViewState | null>(null);
  const [centralRun, setCentralRun] = useState<RunReply | null>(null);
  const L = labels(state.lang);
  const go = async () => {
    setBusy(true);
    try {
      const asked = state;
      const askedCentral = central;
      setResult(await client.uncertainty(asked.preset, asked.overrides, samples, asked.years));
      setForState(asked);
      setCentralRun(askedCentral);
    } finally {
      setBusy(false);
    }
  };
  const m = result?.report.metrics;
  // Options are built once per result: the page re-renders on every slider move and must not redraw these.
  const options = useMemo(() => {
    if (!result || !m) return null;
    const c = (metric: string) => (centralRun ? row(centralRun.main, centralRun.nYears, metric).slice(0, result.report.years.length) : null);
    return {
      share: fan(result.report.years, m.ev_sales_share.total, c("ev_sales_share"), (v) => fmtPct(v, 0), L),
      co2: fan(result.report.years, m.co2_ttw.total, c("co2_ttw"), (v) => `${fmtNumber(v / 1e6, 0)}`, L),
      fiscal: fan(result.report.years, m.net_fiscal.total, c("net_fiscal"), (v) => `${fmtNumber(v / 1e9, 0)}`, L),
      tornado: tornadoOption(result.tornado, (id) => parameterName(id, parameters, levers, L), L),
    };
  }, [result, m, centralRun, L, parameters, levers]);
  const stale =
    forState !== null &&
    (forState.preset !== state.preset || JSON.stringify([forState.overrides, forState.years]) !== JSON.stringify([state.overrides, state.years]));
  const target = result?.report.targets.find((x) => x.metric === "ev_sales_share" && x.segment === "total" && x.year === 2030);
  return (
    <section className="uncertainty" id="uncertainty" aria-labelledby="uncertainty-title">
      <h2 id="uncertainty-title">{t.uncertainty}</h2>
      <p className="hint">{t.uncertaintyHint}</p>
      <div className="exports">
        <label>
          {t.samples}{" "}
          <select value={samples} onChange={(e) => setSamples(Number(e.target.value))}>
            {[100, 400, 1000, 2000].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={go} disabled={busy} data-testid="run-uncertainty">
          {busy ? t.computing : t.runUncertainty}
        </button>
        {target && (
          <span className="probability" data-testid="probability">
            <bdi dir="ltr">P(≥ 30% in 2030) = </bdi>
            <strong>
              <bdi dir="ltr">{fmtPct(target.probability_met, 0)}</bdi>
            </strong>{" "}
            · <bdi dir="ltr">{result!.report.samples}</bdi> {t.samples}
          </span>
        )}
      </div>
      {stale && <p className="stale">{t.stale}</p>}
      {options && (
        <>
          <p className="hint band-legend" data-testid="band-legend">
            <i className="swatch" style={{ background: "#2dd4bf" }} aria-hidden="true" />{" "}
            <i className="swatch" style={{ background: "#99f6e4" }} aria-hidden="true" /> {t.bandsLegend}
          </p>
          <p className="hint" data-testid="median-note">
            {t.medianNote}
          </p>
          <div className="charts">
            {(
              [
                ["fan-share", t.evShare2030.replace(/[,،] 2030/, ""), t.unitShare.split(/[;؛]/)[0], options.share, "monte-carlo-report"],
                ["fan-co2", t.chartCo2, t.unitCo2, options.co2, "monte-carlo-report"],
                ["fan-fiscal", t.chartLedger, t.unitLedger, options.fiscal, "monte-carlo-report"],
                ["tornado", t.tornado, t.tornadoNote, options.tornado, "sensitivity"],
              ] as const
            ).map(([id, title, unit, option, anchor]) => (
              <Chart key={id} id={id} title={title} unit={unit} option={option} docAnchor={`uncertainty.html#${anchor}`} t={t} scenario={scenario} />
            ))}
          </div>
        </>
      )}
    </section>
  );
});
