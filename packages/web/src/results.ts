// Rows of the engine's output buffer for charts, read by the core's own reader (analysis/read.ts); a metric this
// build does not have gives an empty row, so that a chart declared ahead of its metric shows "not yet".
import { isMetricId, outputRow } from "@evplan/core";

export function row(out: Float64Array, nYears: number, metric: string, segment = "total", key?: string): number[] {
  return isMetricId(metric) ? outputRow(out, nYears, metric, segment, key) : [];
}

export function has(metric: string): boolean {
  return isMetricId(metric);
}

export function sumYears(values: number[], years: number[], from: number, to: number): number {
  let x = 0;
  years.forEach((y, i) => {
    if (y >= from && y <= to) x += values[i];
  });
  return x;
}
