// How sure are we? Fan charts (p5-p95) and a tornado for the 2030 EV share, computed in the worker on demand.
import { memo, useMemo, useState } from "react";
import { Chart } from "./Chart";
import type { ModelClient } from "./client";
import type { Strings } from "./i18n";
import type { UncertaintyReply } from "./protocol";
import type { ViewState } from "./state";
import { fmtNumber, fmtPct } from "./format";

function fan(years: readonly number[], bands: { p5: number[]; p25: number[]; p50: number[]; p75: number[]; p95: number[] }, fmt: (v: number) => string) {
  const diff = (a: number[], b: number[]) => a.map((x, i) => x - b[i]);
  return {
    animation: false,
    color: ["#0f766e"],
    grid: { left: 56, right: 16, top: 30, bottom: 28 },
    tooltip: { trigger: "axis", valueFormatter: (v: number) => fmt(v) },
    legend: { top: 0, data: ["median", "p25-p75", "p5-p95"] },
    xAxis: { type: "category", data: years, axisLabel: { interval: 4 } },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => fmt(v) } },
    series: [
      { name: "p5", type: "line", data: bands.p5, stack: "outer", lineStyle: { opacity: 0 }, showSymbol: false, tooltip: { show: false } },
      {
        name: "p5-p95",
        type: "line",
        data: diff(bands.p95, bands.p5),
        stack: "outer",
        lineStyle: { opacity: 0 },
        showSymbol: false,
        areaStyle: { color: "#99f6e4", opacity: 0.6 },
      },
      { name: "p25", type: "line", data: bands.p25, stack: "inner", lineStyle: { opacity: 0 }, showSymbol: false, tooltip: { show: false } },
      {
        name: "p25-p75",
        type: "line",
        data: diff(bands.p75, bands.p25),
        stack: "inner",
        lineStyle: { opacity: 0 },
        showSymbol: false,
        areaStyle: { color: "#2dd4bf", opacity: 0.6 },
      },
      { name: "median", type: "line", data: bands.p50, showSymbol: false, lineStyle: { width: 2.5, color: "#0f766e" } },
    ],
  };
}

function tornadoOption(r: UncertaintyReply["tornado"]) {
  const top = [...r.parameters]
    .sort((a, b) => b.swing - a.swing)
    .slice(0, 12)
    .reverse();
  return {
    animation: false,
    grid: { left: 230, right: 20, top: 24, bottom: 24 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => `${(v * 100).toFixed(2)} pp` },
    legend: { top: 0, data: ["low input", "high input"] },
    xAxis: { type: "value", axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(1)} pp` } },
    yAxis: { type: "category", data: top.map((p) => p.name), axisLabel: { fontSize: 10 } },
    series: [
      { name: "low input", type: "bar", stack: "t", data: top.map((p) => p.low - r.base), itemStyle: { color: "#2563eb" } },
      { name: "high input", type: "bar", stack: "t", data: top.map((p) => p.high - r.base), itemStyle: { color: "#d97706" } },
    ],
  };
}

export const Uncertainty = memo(function Uncertainty({ client, state, t }: { client: ModelClient; state: ViewState; t: Strings }) {
  const [result, setResult] = useState<UncertaintyReply | null>(null);
  const [busy, setBusy] = useState(false);
  const [samples, setSamples] = useState(400);
  const [forState, setForState] = useState<ViewState | null>(null);
  const go = async () => {
    setBusy(true);
    try {
      const asked = state;
      setResult(await client.uncertainty(asked.preset, asked.overrides, samples));
      setForState(asked);
    } finally {
      setBusy(false);
    }
  };
  const m = result?.report.metrics;
  // Options are built once per result: the page re-renders on every slider move and must not redraw these.
  const options = useMemo(
    () =>
      result && m
        ? {
            share: fan(result.report.years, m.ev_sales_share.total, (v) => fmtPct(v, 0)),
            co2: fan(result.report.years, m.co2_ttw.total, (v) => `${fmtNumber(v / 1e6, 0)} Mt`),
            fiscal: fan(result.report.years, m.net_fiscal.total, (v) => `PKR ${fmtNumber(v / 1e9, 0)} bn`),
            tornado: tornadoOption(result.tornado),
          }
        : null,
    [result, m],
  );
  const stale = forState !== null && (forState.preset !== state.preset || JSON.stringify(forState.overrides) !== JSON.stringify(state.overrides));
  const target = result?.report.targets.find((x) => x.metric === "ev_sales_share" && x.segment === "total" && x.year === 2030);
  return (
    <section className="uncertainty" id="uncertainty">
      <h2>{t.uncertainty}</h2>
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
            P(≥ 30% in 2030) = <strong>{fmtPct(target.probability_met, 0)}</strong> · {result!.report.samples} {t.samples}
          </span>
        )}
      </div>
      {stale && <p className="stale">{t.stale}</p>}
      {options && (
        <div className="charts">
          <Chart
            id="fan-share"
            title={`${t.evShare2030.replace(", 2030", "")} (p5-p95)`}
            option={options.share}
            docAnchor="11-goal-seek"
            methodLabel={t.method}
            pngLabel={t.exportPng}
          />
          <Chart
            id="fan-co2"
            title={`${t.chartCo2} (p5-p95)`}
            option={options.co2}
            docAnchor="6-activity-energy-emissions"
            methodLabel={t.method}
            pngLabel={t.exportPng}
          />
          <Chart
            id="fan-fiscal"
            title={`${t.chartLedger} (p5-p95)`}
            option={options.fiscal}
            docAnchor="9-economy-and-public-finances"
            methodLabel={t.method}
            pngLabel={t.exportPng}
          />
          <Chart id="tornado" title={t.tornado} option={options.tornado} docAnchor="11-goal-seek" methodLabel={t.method} pngLabel={t.exportPng} />
        </div>
      )}
    </section>
  );
});
