// The JSON document of `evplan run --format json`: every metric by year, total, by segment and by breakdown.
import { SEGMENTS } from "../domain.js";
import { BRK_ALL, SEG_TOTAL, rowOffset } from "../engine/layout.js";
import { BREAKDOWN_KEYS, METRICS, type MetricDef } from "../engine/metrics.js";
import type { RunResult, ScenarioRun } from "./model.js";
import type { TargetResult } from "./targets.js";
import { differenceOf } from "../views/tidy.js";

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
  return differenceOf(a.out, b.out);
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
