// A check over a whole engine output buffer: every cell finite, and every physical quantity (vehicles, km, fuel,
// energy, CO2, chargers, batteries, jobs, and the money flows that are amounts rather than balances) not below
// zero. Tests and the fuzz suite run it on every result; it walks the buffer once (about 50,000 cells).
import { SEGMENTS } from "../domain.js";
import { BRK_SLOTS, SEG_SLOTS, SEG_TOTAL } from "../engine/layout.js";
import { BREAKDOWN_KEYS, METRICS } from "../engine/metrics.js";

/** Metrics that may be negative: balances and differences (fiscal net and revenue change, FX net, tax expenditure,
 * vehicle taxes against the vehicles displaced, net jobs, added imports) and
 * costs of ownership (a subsidy larger than the vehicle's cost makes a BEV's cost per km negative). */
export const SIGNED_METRICS: ReadonlySet<string> = new Set([
  "net_fiscal",
  "fx_net",
  "tax_forgone",
  "tax_expenditure",
  "vehicle_tax_change",
  "revenue_change",
  "jobs_net",
  "ev_imports",
  "tco_per_km",
  "local_value_added",
]);

/** Shares that must also stay at or below one. */
const SHARES: ReadonlySet<string> = new Set(["ev_sales_share", "pack_chemistry_share"]);

export interface PhysicalViolation {
  readonly metric: string;
  readonly segment: string;
  readonly breakdown: string;
  readonly year: number;
  readonly value: number;
}

/**
 * Cells of `out` that are not finite, are negative for a physical metric, or exceed one for a share. Rounding is
 * forgiven: a negative value counts only beyond one part in 1e9 of the largest magnitude in its row.
 */
export function physicalViolations(out: Float64Array, nYears: number, baseYear: number, limit = 20): PhysicalViolation[] {
  const found: PhysicalViolation[] = [];
  const segName = (s: number) => (s === SEG_TOTAL ? "total" : SEGMENTS[s]);
  for (let m = 0; m < METRICS.length; m++) {
    const def = METRICS[m];
    const signed = SIGNED_METRICS.has(def.id);
    const share = SHARES.has(def.id);
    const keys: readonly string[] = def.breakdown ? BREAKDOWN_KEYS[def.breakdown] : [];
    for (let s = 0; s < SEG_SLOTS; s++) {
      for (let b = 0; b < BRK_SLOTS; b++) {
        const off = ((m * SEG_SLOTS + s) * BRK_SLOTS + b) * nYears;
        let scale = 0;
        for (let t = 0; t < nYears; t++) {
          const a = Math.abs(out[off + t]);
          if (a > scale) scale = a;
        }
        const tol = 1e-9 * Math.max(1, scale);
        for (let t = 0; t < nYears; t++) {
          const x = out[off + t];
          const bad = !Number.isFinite(x) || (!signed && x < -tol) || (share && x > 1 + 1e-9);
          if (!bad) continue;
          found.push({ metric: def.id, segment: segName(s), breakdown: b === BRK_SLOTS - 1 ? "all" : (keys[b] ?? String(b)), year: baseYear + t, value: x });
          if (found.length >= limit) return found;
        }
      }
    }
  }
  return found;
}

export function violationText(v: PhysicalViolation): string {
  return `${v.metric} ${v.segment} ${v.breakdown} ${v.year} = ${v.value}`;
}
