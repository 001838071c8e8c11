// Reading values out of an engine output buffer by metric id, segment and breakdown key.
import { SEGMENTS } from "../domain.js";
import { BRK_ALL, SEG_TOTAL, rowOffset } from "../engine/layout.js";
import { BREAKDOWN_KEYS, metricDef, metricIndex } from "../engine/metrics.js";
import type { RunResult } from "./model.js";

export function segmentSlot(segment: string): number {
  if (segment === "total") return SEG_TOTAL;
  const i = (SEGMENTS as readonly string[]).indexOf(segment);
  if (i < 0) throw new Error(`unknown segment "${segment}"`);
  return i;
}

/** Index of a breakdown key ("bev", "petrol", ...) for a metric, or the all-breakdown slot. */
export function breakdownSlot(metric: string, key?: string): number {
  if (key === undefined) return BRK_ALL;
  const def = metricDef(metric);
  const keys = def?.breakdown ? BREAKDOWN_KEYS[def.breakdown] : [];
  const i = keys.indexOf(key);
  if (i < 0) throw new Error(`metric ${metric} has no breakdown "${key}"`);
  return i;
}

/** Value of a metric in one year. */
export function metricValue(r: RunResult, metric: string, segment: string, year: number, key?: string): number {
  const m = metricIndex(metric);
  const T = r.scenario.nYears;
  const t = year - r.scenario.baseYear;
  if (t < 0 || t >= T) throw new Error(`year ${year} is outside ${r.scenario.baseYear}-${r.scenario.endYear}`);
  return r.out[rowOffset(m, segmentSlot(segment), breakdownSlot(metric, key), T) + t];
}

/** A whole row (all years) of an output buffer as a plain array. Throws on an unknown metric, segment or key. */
export function outputRow(out: Float64Array, nYears: number, metric: string, segment = "total", key?: string): number[] {
  const off = rowOffset(metricIndex(metric), segmentSlot(segment), breakdownSlot(metric, key), nYears);
  return Array.from(out.subarray(off, off + nYears));
}

/** A whole row (all years) as a plain array. */
export function metricSeries(r: RunResult, metric: string, segment = "total", key?: string): number[] {
  return outputRow(r.out, r.scenario.nYears, metric, segment, key);
}

/** Sum of a metric over an inclusive range of years. */
export function cumulative(r: RunResult, metric: string, segment: string, fromYear: number, toYear: number): number {
  let x = 0;
  for (let y = fromYear; y <= toYear; y++) x += metricValue(r, metric, segment, y);
  return x;
}
