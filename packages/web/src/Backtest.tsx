// Backtest on history the user brings (IEA Global EV Data Explorer CSV): the planner's own choice model (fitted on
// the panel up to the cut-off) against observed shares, a naive logistic and persistence, with its p5-p95 band.
import { memo, useState } from "react";
import { Chart } from "./Chart";
import type { ModelClient } from "./client";
import type { Strings } from "./i18n";
import type { BacktestReply } from "./protocol";
import { fmtNumber } from "./format";

function option(r: NonNullable<BacktestReply["result"]>, t: Strings) {
  const years = [...r.fitted.years, ...r.years];
  const pad = (n: number) => new Array(n).fill(null);
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 30, bottom: 28 },
    tooltip: { trigger: "axis", valueFormatter: (v: number) => (v == null ? "–" : `${fmtNumber(v, 1)}%`) },
    legend: { show: false },
    xAxis: { type: "category", data: years },
    yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
    series: [
      {
        name: t.observed,
        type: "line",
        symbol: "circle",
        data: [...r.fitted.observed, ...r.observed],
        lineStyle: { color: "#111" },
        itemStyle: { color: "#111" },
      },
      {
        name: t.modelFit,
        type: "line",
        data: [...r.fitted.model, ...r.forecast],
        lineStyle: { color: "#0f766e", width: 2.5 },
        itemStyle: { color: "#0f766e" },
      },
      {
        name: t.naive,
        type: "line",
        data: [...r.fitted.naive, ...r.naive],
        lineStyle: { color: "#d97706", type: "dashed" },
        itemStyle: { color: "#d97706" },
      },
      {
        name: "persistence",
        type: "line",
        data: [...pad(r.fitted.years.length - 1), r.fitted.observed[r.fitted.observed.length - 1], ...r.persistence],
        lineStyle: { color: "#6b7280", type: "dotted" },
        itemStyle: { color: "#6b7280" },
      },
      // The model's p5-p95 band over the test years: a transparent base and the band's width stacked on it.
      {
        name: "band base",
        legend: false,
        type: "line",
        stack: "band",
        symbol: "none",
        lineStyle: { opacity: 0 },
        data: [...pad(r.fitted.years.length), ...r.band.p5],
        tooltip: { show: false },
      },
      {
        name: "p5-p95 band",
        type: "line",
        stack: "band",
        symbol: "none",
        lineStyle: { opacity: 0 },
        areaStyle: { color: "#0f766e", opacity: 0.15 },
        data: [...pad(r.fitted.years.length), ...r.band.p95.map((x, i) => x - r.band.p5[i])],
        tooltip: { show: false },
      },
      {
        name: t.fitUntil,
        legend: false,
        type: "line",
        data: [...pad(r.fitted.years.length - 1), r.fitted.observed[r.fitted.observed.length - 1]],
        markLine: { symbol: "none", data: [{ xAxis: String(r.fitUntil) }], label: { formatter: t.fitUntil } },
      },
    ],
  };
}

export const Backtest = memo(function Backtest({ client, t }: { client: ModelClient; t: Strings }) {
  const [reply, setReply] = useState<BacktestReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sel, setSel] = useState({ region: "", mode: "", fitUntil: 2019 });
  const run = async (args: { text?: string; file?: string; region?: string; mode?: string; fitUntil: number }) => {
    try {
      setError(null);
      const r = await client.backtest(args);
      setReply(r);
      if (r.result) setSel({ region: r.result.region, mode: r.result.mode, fitUntil: r.result.fitUntil });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const onFile = async (file: File | undefined) => file && run({ text: await file.text(), file: file.name, fitUntil: sel.fitUntil });
  const regions = [...new Set(reply?.series.map((s) => s.region) ?? [])];
  const modes = reply?.series.filter((s) => s.region === sel.region).map((s) => s.mode) ?? [];
  return (
    <section className="backtest" id="backtest">
      <h2>{t.backtest}</h2>
      <p className="hint">{t.backtestHint}</p>
      <div className="exports">
        <label className="file-label">
          {t.historyFile} <input type="file" accept=".csv,text/csv" onChange={(e) => onFile(e.target.files?.[0])} data-testid="backtest-file" />
        </label>
        {reply && (
          <>
            <select
              aria-label={t.region}
              value={sel.region}
              onChange={(e) => run({ region: e.target.value, mode: reply.series.find((s) => s.region === e.target.value)?.mode, fitUntil: sel.fitUntil })}
            >
              {regions.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
            <select aria-label={t.mode} value={sel.mode} onChange={(e) => run({ region: sel.region, mode: e.target.value, fitUntil: sel.fitUntil })}>
              {modes.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
            <label>
              {t.fitUntil}{" "}
              <input
                type="number"
                value={sel.fitUntil}
                min={2012}
                max={2023}
                onChange={(e) => run({ region: sel.region, mode: sel.mode, fitUntil: Number(e.target.value) })}
                style={{ width: 80 }}
              />
            </label>
          </>
        )}
        {reply?.result && (
          <span data-testid="backtest-mae">
            <bdi dir="ltr">
              MAE: model {fmtNumber(reply.result.mae.model, 2)} pp · naive {fmtNumber(reply.result.mae.naive, 2)} pp · persistence{" "}
              {fmtNumber(reply.result.mae.persistence, 2)} pp · band coverage {fmtNumber(100 * reply.result.coverage, 0)}%
            </bdi>
          </span>
        )}
      </div>
      {error && <pre className="error">{error}</pre>}
      {reply?.result && (
        <div className="charts">
          <Chart id="backtest" title={`${reply.result.region} · ${reply.result.mode}`} option={option(reply.result, t)} docAnchor="backtest.html" t={t} />
        </div>
      )}
    </section>
  );
});
