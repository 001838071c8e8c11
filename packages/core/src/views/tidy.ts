// Tidy long rows of a run for CSV and spreadsheet exports, the same in the CLI and the web planner: the scenario's
// rows, its counterfactual's, and `<scenario> minus <counterfactual>` difference rows.
import { SEGMENTS } from "../domain.js";
import { BRK_ALL, SEG_TOTAL, rowOffset } from "../engine/layout.js";
import { BREAKDOWN_KEYS, METRICS, type MetricDef } from "../engine/metrics.js";

export const CSV_HEADER = ["scenario", "metric", "segment", "powertrain", "breakdown", "year", "value", "unit"] as const;
export type TidyRow = [scenario: string, metric: string, segment: string, powertrain: string, breakdown: string, year: number, value: number, unit: string];

export interface Horizon {
  readonly nYears: number;
  readonly baseYear: number;
}
export interface NamedOutput {
  readonly name: string;
  readonly out: Float64Array;
}

/**
 * Rows of one output buffer: one value per metric, segment, breakdown and year. Powertrain splits go in the
 * `powertrain` column; other splits (fuel, chemistry, charger type) in `breakdown`; `all` marks a sum.
 */
export function* tidyRows(label: string, out: Float64Array, h: Horizon): Generator<TidyRow> {
  const T = h.nYears;
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
        for (let t = 0; t < T; t++) yield [label, def.id, segName, pt, other, h.baseYear + t, out[o + t], def.unit];
      }
    }
  }
}

/** Scenario minus counterfactual, element by element (shares and ratios too: a difference in points). */
export function differenceOf(a: Float64Array, b: Float64Array): Float64Array {
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) d[i] = a[i] - b[i];
  return d;
}

/** The name of the difference rows. */
export function differenceName(main: string, counterfactual: string): string {
  return `${main} minus ${counterfactual}`;
}

/** Every row of a run: the scenario, then its counterfactual and the difference if it has one. */
export function* runRows(h: Horizon, main: NamedOutput, counterfactual: NamedOutput | null): Generator<TidyRow> {
  yield* tidyRows(main.name, main.out, h);
  if (counterfactual) {
    yield* tidyRows(counterfactual.name, counterfactual.out, h);
    yield* tidyRows(differenceName(main.name, counterfactual.name), differenceOf(main.out, counterfactual.out), h);
  }
}

export function csvCell(x: string | number): string {
  if (typeof x === "number") return Number.isFinite(x) ? String(x) : "";
  return /[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x;
}

/** The tidy CSV of a run, header first, one line per row. */
export function runCsv(h: Horizon, main: NamedOutput, counterfactual: NamedOutput | null): string {
  const lines = [CSV_HEADER.join(",")];
  for (const r of runRows(h, main, counterfactual)) lines.push(r.map(csvCell).join(","));
  return lines.join("\n") + "\n";
}
