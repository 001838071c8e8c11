// Friendly views of a run at the edge: the JSON document of `evplan run --format json` and tidy CSV rows.
import { SEGMENTS } from "../domain.js";
import { BRK_ALL, SEG_TOTAL, rowOffset } from "../engine/layout.js";
import { BREAKDOWN_KEYS, METRICS, type MetricDef } from "../engine/metrics.js";
import type { RunResult, ScenarioRun } from "./model.js";
import type { TargetResult } from "./targets.js";

export interface MetricBlock {
  unit: string;
  label: string;
  total: number[];
  by_segment: Record<string, number[]>;
  [breakdown: `by_${string}`]: Record<string, number[]> | undefined;
}

export interface RunDocument {
  scenario: string;
  title: string;
  counterfactual: string | null;
  base_year: number;
  end_year: number;
  years: number[];
  targets: Omit<TargetResult, "sense" | "label">[] & object[];
  metrics: Record<string, MetricBlock>;
  difference: { metrics: Record<string, MetricBlock> } | null;
}

function row(out: Float64Array, m: number, seg: number, brk: number, T: number): number[] {
  const o = rowOffset(m, seg, brk, T);
  return Array.from(out.subarray(o, o + T));
}

function metricBlocks(out: Float64Array, T: number): Record<string, MetricBlock> {
  const metrics: Record<string, MetricBlock> = {};
  METRICS.forEach((def: MetricDef, m) => {
    const block: MetricBlock = { unit: def.unit, label: def.label, total: row(out, m, SEG_TOTAL, BRK_ALL, T), by_segment: {} };
    SEGMENTS.forEach((s, i) => (block.by_segment[s] = row(out, m, i, BRK_ALL, T)));
    if (def.breakdown) {
      const byKey: Record<string, number[]> = {};
      BREAKDOWN_KEYS[def.breakdown].forEach((k, b) => (byKey[k] = row(out, m, SEG_TOTAL, b, T)));
      block[`by_${def.breakdown}`] = byKey;
    }
    metrics[def.id] = block;
  });
  return metrics;
}

/** Scenario minus counterfactual, element by element (shares and ratios too: a difference in points). */
export function differenceBuffer(a: RunResult, b: RunResult): Float64Array {
  const d = new Float64Array(a.out.length);
  for (let i = 0; i < d.length; i++) d[i] = a.out[i] - b.out[i];
  return d;
}

export function runDocument(run: ScenarioRun): RunDocument {
  const c = run.main.scenario;
  const T = c.nYears;
  const years = Array.from({ length: T }, (_, t) => c.baseYear + t);
  return {
    scenario: c.name,
    title: c.title,
    counterfactual: run.counterfactual?.scenario.name ?? null,
    base_year: c.baseYear,
    end_year: c.endYear,
    years,
    targets: run.targets.map((t) => ({
      metric: t.metric,
      segment: t.segment,
      year: t.year,
      target: t.target,
      value: t.value,
      met: t.met,
      gap: t.gap,
      sense: t.sense,
      label: t.label,
    })),
    metrics: metricBlocks(run.main.out, T),
    difference: run.counterfactual ? { metrics: metricBlocks(differenceBuffer(run.main, run.counterfactual), T) } : null,
  };
}

export const CSV_HEADER = ["scenario", "metric", "segment", "powertrain", "breakdown", "year", "value", "unit"] as const;

/**
 * Tidy long rows: one value per scenario, metric, segment, breakdown and year. Powertrain splits go in the
 * `powertrain` column; other splits (fuel, chemistry, charger type) in `breakdown`; `all` marks a sum.
 */
export function* tidyRows(label: string, r: { out: Float64Array; scenario: { nYears: number; baseYear: number } }): Generator<(string | number)[]> {
  const T = r.scenario.nYears;
  for (let m = 0; m < METRICS.length; m++) {
    const def: MetricDef = METRICS[m];
    const keys = def.breakdown ? BREAKDOWN_KEYS[def.breakdown] : [];
    for (let s = 0; s <= SEG_TOTAL; s++) {
      const segName = s === SEG_TOTAL ? "total" : SEGMENTS[s];
      for (let b = -1; b < keys.length; b++) {
        const brk = b < 0 ? BRK_ALL : b;
        const pt = def.breakdown === "powertrain" && b >= 0 ? keys[b] : "all";
        const other = def.breakdown && def.breakdown !== "powertrain" && b >= 0 ? keys[b] : "all";
        const o = rowOffset(m, s, brk, T);
        for (let t = 0; t < T; t++) yield [label, def.id, segName, pt, other, r.scenario.baseYear + t, r.out[o + t], def.unit];
      }
    }
  }
}

export function csvCell(x: string | number): string {
  if (typeof x === "number") return Number.isFinite(x) ? String(x) : "";
  return /[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x;
}
