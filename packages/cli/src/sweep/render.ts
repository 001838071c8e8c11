// Reports of sweeps as the user sees them (table or JSON): the same function serves a whole run and a merge, so
// a merge of shards prints exactly what the unsharded run prints.
import { sweepReport, type SobolReport, type SweepMeta, type TornadoReport, type UncertaintyReport } from "@evplan/core/runtime";
import { compact, pct } from "../format/numbers.js";
import { table } from "../format/table.js";

export const REPORT_FORMATS = ["table", "json"] as const;

/** The report is built in the core (`sweepReport`), so the CLI and the HTTP API's jobs give the same document. */
export function summarise(meta: SweepMeta, records: Float64Array): UncertaintyReport | TornadoReport | SobolReport {
  return sweepReport(meta, records);
}

export function render(meta: SweepMeta, records: Float64Array, format: string): string {
  return renderReport(summarise(meta, records), format);
}

export function renderReport(report: UncertaintyReport | TornadoReport | SobolReport, format: string): string {
  if (format === "json") return JSON.stringify(report) + "\n";
  if ("method" in report) return report.method === "tornado" ? tornadoTable(report) : sobolTable(report);
  return uncertaintyTable(report);
}

/** Readable numbers across magnitudes (fractions, prices, fleets in millions). */
export function num(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  const a = Math.abs(x);
  if (a >= 1e4) return compact(x);
  if (a === 0) return "0";
  if (a < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

function bandRows(metrics: UncertaintyReport["metrics"], years: readonly number[]): string[][] {
  const shown = years.map((y, t) => [y, t] as const).filter(([y], t) => y % 5 === 0 || t === years.length - 1);
  const rows: string[][] = [];
  for (const [id, m] of Object.entries(metrics))
    for (const [y, t] of shown)
      rows.push([id, String(y), num(m.total.p5[t]), num(m.total.p25[t]), num(m.total.p50[t]), num(m.total.p75[t]), num(m.total.p95[t]), m.unit]);
  return rows;
}

function uncertaintyTable(r: UncertaintyReport): string {
  const head = ["metric", "year", "p5", "p25", "p50", "p75", "p95", "unit"];
  const align = ["l", "r", "r", "r", "r", "r", "r", "l"] as const;
  const parts = [
    `Monte Carlo: ${r.scenario}, ${r.samples} samples (seed ${r.seed}), ${r.parameters.length} uncertain parameters` +
      (r.difference ? `; each sample also runs ${r.counterfactual} with the same draws` : ""),
    ...(r.quantiles?.method === "sketch" ? [`Percentiles: streaming sketch, each within ${r.quantiles.relative_error * 100}% of exact; P(met) exact`] : []),
    "",
    table(head, bandRows(r.metrics, r.years), align),
  ];
  if (r.difference)
    parts.push("", `Difference ${r.scenario} minus ${r.difference.counterfactual} (paired)`, "", table(head, bandRows(r.difference.metrics, r.years), align));
  if (r.targets.length)
    parts.push(
      "",
      "Targets",
      "",
      table(
        ["target", "value", "p5", "p50", "p95", "P(met)"],
        r.targets.map((t) => [
          t.label,
          `${t.sense === "at_least" ? ">=" : "<="} ${num(t.target)}`,
          num(t.value.p5),
          num(t.value.p50),
          num(t.value.p95),
          pct(t.probability_met),
        ]),
      ),
    );
  return parts.join("\n") + "\n";
}

function cellName(m: TornadoReport["metric"]): string {
  return `${m.metric} ${m.segment} ${m.year} (${m.unit})`;
}

function tornadoTable(r: TornadoReport): string {
  return (
    [
      `Tornado: ${cellName(r.metric)} of ${r.scenario}${r.counterfactual ? ` minus ${r.counterfactual}` : ""}; each parameter at its p${r.low_percentile} and p${r.high_percentile}, the others as compiled`,
      `Base: ${num(r.base)}`,
      "",
      table(
        ["parameter", "scale", "low input", "high input", "at low", "at high", "swing"],
        r.parameters.map((p) => [p.name, p.scale, num(p.low_input), num(p.high_input), num(p.low), num(p.high), num(p.swing)]),
      ),
    ].join("\n") + "\n"
  );
}

function sobolTable(r: SobolReport): string {
  const ci = (c: [number, number]) => `[${num(c[0])}, ${num(c[1])}]`;
  const level = `${Math.round(r.confidence * 100)}% CI`;
  return (
    [
      `Sobol indices: ${cellName(r.metric)} of ${r.scenario}${r.counterfactual ? ` minus ${r.counterfactual}` : ""}`,
      `${r.samples} base samples, ${r.evaluations} evaluations (Saltelli design, Jansen estimators), seed ${r.seed}, ${r.bootstrap} bootstrap resamples; variance ${num(r.variance)}`,
      "",
      table(
        ["parameter", "first order", level, "total order", level],
        r.parameters.map((p) => [p.name, num(p.first), ci(p.first_ci), num(p.total), ci(p.total_ci)]),
      ),
    ].join("\n") + "\n"
  );
}
