// Reading rows of the engine's output buffer by metric id, segment and breakdown key.
import { BRK_ALL, BREAKDOWN_KEYS, METRIC_INDEX, SEG_TOTAL, SEGMENTS, metricDef, rowOffset } from "@evplan/core";

export function row(out: Float64Array, nYears: number, metric: string, segment = "total", key?: string): number[] {
  const m = METRIC_INDEX[metric];
  if (m === undefined) return [];
  const s = segment === "total" ? SEG_TOTAL : (SEGMENTS as readonly string[]).indexOf(segment);
  const def = metricDef(metric);
  const b = key === undefined ? BRK_ALL : def?.breakdown ? BREAKDOWN_KEYS[def.breakdown].indexOf(key) : -1;
  if (s < 0 || b < 0) return [];
  const o = rowOffset(m, s, b, nYears);
  return Array.from(out.subarray(o, o + nYears));
}

export function has(metric: string): boolean {
  return METRIC_INDEX[metric] !== undefined;
}

export function sumYears(values: number[], years: number[], from: number, to: number): number {
  let x = 0;
  years.forEach((y, i) => {
    if (y >= from && y <= to) x += values[i];
  });
  return x;
}
