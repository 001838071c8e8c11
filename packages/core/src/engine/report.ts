// Reporting rows that are not a stage's own flows: buyers' cost of ownership and payback, pack cost and mix rows
// (per year), then breakdown and all-segment totals (once, after the last year): sums, sales- and kWh-weighted
// averages, and national quantities that belong to no segment.
import { BEV, ICE, N_CHEM, N_PT, N_SEG } from "../domain.js";
import { BRK_ALL, BRK_SLOTS, SEG_SLOTS, SEG_TOTAL, cell } from "./layout.js";
import { METRIC_INDEX as MI, METRICS, N_METRICS } from "./metrics.js";
import type { RunFlags, YearState } from "./state.js";

/** A payback that never comes is reported as this many years (so that averages stay finite). */
export const PAYBACK_CAP_YEARS = 100;

/**
 * Years for the extra upfront cost to be repaid by running-cost savings; 0 if nothing extra, the cap if never (a
 * saving of zero or less divides into +Infinity). Written as one `Math.min` rather than a branch returning the cap:
 * V8 reads a module constant as a tagged value, and a branch merging it with a double boxes the double on the heap
 * at every call, inlined or not (issue 18: 2.2 KB of every engine run came from here; bench/engine.mjs measures it).
 */
export function paybackYears(extraUpfront: number, annualSaving: number): number {
  if (extraUpfront <= 0) return 0;
  return Math.min(PAYBACK_CAP_YEARS, extraUpfront / (annualSaving > 0 ? annualSaving : 0));
}

/** Cost of ownership, payback, pack cost and chemistry mix rows of every segment for year t. */
export function reportBuyerCostsYear(t: number, T: number, st: YearState, out: Float64Array): void {
  const c = st.costs;
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_PT;
    const bev = st.salesPt[o + BEV];
    // Share of BEV buyers who received the scheme's support this year.
    const f = bev > 0 ? st.subsidised[s] / bev : c.subsidy[s] > 0 ? 1 : 0;
    let wsum = 0;
    let csum = 0;
    for (let q = 0; q < N_PT; q++) {
      const cost = c.costNoSubsidy[o + q] - (q === BEV ? f * c.subsidyPerKm[s] : 0);
      out[cell(MI.tco_per_km, s, q, T, t)] = cost;
      wsum += st.salesPt[o + q];
      csum += st.salesPt[o + q] * cost;
    }
    out[cell(MI.tco_per_km, s, BRK_ALL, T, t)] = wsum > 0 ? csum / wsum : c.costNoSubsidy[o + ICE];
    const extra = c.upfront[o + BEV] - f * c.subsidy[s] - c.upfront[o + ICE];
    const saving = (c.runningPerKm[o + ICE] - c.runningPerKm[o + BEV]) * c.km[s];
    out[cell(MI.ev_payback_years, s, BRK_ALL, T, t)] = paybackYears(extra, saving);
    for (let k = 0; k < N_CHEM; k++) {
      out[cell(MI.pack_cost, s, k, T, t)] = st.packCost[k];
      out[cell(MI.pack_chemistry_share, s, k, T, t)] = st.chemMix[s * N_CHEM + k];
    }
    out[cell(MI.pack_cost, s, BRK_ALL, T, t)] = st.packUsd[s];
    out[cell(MI.pack_chemistry_share, s, BRK_ALL, T, t)] = 1;
  }
}

/** National quantities of year t that belong to no segment: added to the all-segment totals after `aggregate`. */
export class NationalRows {
  readonly chargerJobs: Float64Array;
  readonly chargerValueAdded: Float64Array;
  constructor(nYears: number) {
    this.chargerJobs = new Float64Array(nYears);
    this.chargerValueAdded = new Float64Array(nYears);
  }
  record(t: number, st: YearState): void {
    this.chargerJobs[t] = st.national.chargerJobs;
    this.chargerValueAdded[t] = st.national.chargerValueAddedPkr;
  }
}

/**
 * Fill breakdown totals and the all-segment row for every summed metric (inner loops run over contiguous years),
 * for the first `nRun` years (those the run computed; the rest stay 0).
 */
export function aggregate(T: number, nRun: number, out: Float64Array): void {
  for (let m = 0; m < N_METRICS; m++) {
    const def = METRICS[m];
    if (def.aggregation !== "sum") continue;
    const nb = def.breakdown ? (def.breakdown === "powertrain" ? N_PT : 3) : 0;
    if (nb > 0) {
      for (let s = 0; s < N_SEG; s++) {
        const base = (m * SEG_SLOTS + s) * BRK_SLOTS * T;
        const dst = base + BRK_ALL * T;
        for (let t = 0; t < nRun; t++) out[dst + t] = out[base + t];
        for (let b = 1; b < nb; b++) {
          const src = base + b * T;
          for (let t = 0; t < nRun; t++) out[dst + t] += out[src + t];
        }
      }
    }
    const totalBase = (m * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS * T;
    for (let b = 0; b < BRK_SLOTS; b++) {
      if (b >= nb && b !== BRK_ALL) continue;
      const dst = totalBase + b * T;
      for (let t = 0; t < nRun; t++) out[dst + t] = out[m * SEG_SLOTS * BRK_SLOTS * T + b * T + t];
      for (let s = 1; s < N_SEG; s++) {
        const src = (m * SEG_SLOTS + s) * BRK_SLOTS * T + b * T;
        for (let t = 0; t < nRun; t++) out[dst + t] += out[src + t];
      }
    }
  }
}

/**
 * Totals that are not plain sums: shares, sales-weighted costs, kWh-weighted pack costs and mix, national rows, and
 * the net fiscal cost with the national charger support. Where a weight is zero in every segment (no BEV sold,
 * no pack demand) the average falls back to weights by total sales, so no segment is privileged. The first `nRun`
 * years only.
 */
export function writeTotals(T: number, nRun: number, flags: RunFlags, national: NationalRows, out: Float64Array): void {
  for (let t = 0; t < nRun; t++) {
    let ev = 0;
    let all = 0;
    for (let q = 0; q < N_PT; q++) {
      const x = out[cell(MI.sales, SEG_TOTAL, q, T, t)];
      all += x;
      if (flags.evMask[q]) ev += x;
    }
    out[cell(MI.ev_sales_share, SEG_TOTAL, BRK_ALL, T, t)] = all > 0 ? ev / all : 0;
    // Sales-weighted cost of ownership by powertrain and overall.
    for (let q = 0; q <= N_PT; q++) {
      const b = q === N_PT ? BRK_ALL : q;
      let w = 0;
      let x = 0;
      for (let s = 0; s < N_SEG; s++) {
        const n = out[cell(MI.sales, s, b, T, t)];
        w += n;
        x += n * out[cell(MI.tco_per_km, s, b, T, t)];
      }
      out[cell(MI.tco_per_km, SEG_TOTAL, b, T, t)] = w > 0 ? x / w : 0;
    }
    // Payback weighted by BEV sales; pack cost and mix by battery kWh; fallbacks weighted by all sales.
    let wb = 0;
    let pb = 0;
    let kwh = 0;
    let usd = 0;
    let salesAll = 0;
    let pbAll = 0;
    let usdAll = 0;
    for (let s = 0; s < N_SEG; s++) {
      const n = out[cell(MI.sales, s, BEV, T, t)];
      const payback = out[cell(MI.ev_payback_years, s, BRK_ALL, T, t)];
      wb += n;
      pb += n * payback;
      const g = out[cell(MI.battery_demand, s, BRK_ALL, T, t)];
      kwh += g;
      usd += g * out[cell(MI.pack_cost, s, BRK_ALL, T, t)];
      const all = out[cell(MI.sales, s, BRK_ALL, T, t)];
      salesAll += all;
      pbAll += all * payback;
      usdAll += all * out[cell(MI.pack_cost, s, BRK_ALL, T, t)];
    }
    out[cell(MI.ev_payback_years, SEG_TOTAL, BRK_ALL, T, t)] = wb > 0 ? pb / wb : salesAll > 0 ? pbAll / salesAll : 0;
    for (let k = 0; k < N_CHEM; k++) {
      // Every segment sees the same global pack cost of a chemistry.
      out[cell(MI.pack_cost, SEG_TOTAL, k, T, t)] = out[cell(MI.pack_cost, 0, k, T, t)];
      const g = out[cell(MI.battery_demand, SEG_TOTAL, k, T, t)];
      let mixAll = 0;
      if (kwh <= 0) for (let s = 0; s < N_SEG; s++) mixAll += out[cell(MI.sales, s, BRK_ALL, T, t)] * out[cell(MI.pack_chemistry_share, s, k, T, t)];
      out[cell(MI.pack_chemistry_share, SEG_TOTAL, k, T, t)] = kwh > 0 ? g / kwh : salesAll > 0 ? mixAll / salesAll : 0;
    }
    out[cell(MI.pack_cost, SEG_TOTAL, BRK_ALL, T, t)] = kwh > 0 ? usd / kwh : salesAll > 0 ? usdAll / salesAll : 0;
    out[cell(MI.pack_chemistry_share, SEG_TOTAL, BRK_ALL, T, t)] = 1;
    // National rows: chargers' jobs and value added count in the total only.
    out[cell(MI.jobs, SEG_TOTAL, BRK_ALL, T, t)] += national.chargerJobs[t];
    out[cell(MI.jobs_net, SEG_TOTAL, BRK_ALL, T, t)] += national.chargerJobs[t];
    out[cell(MI.local_value_added, SEG_TOTAL, BRK_ALL, T, t)] += national.chargerValueAdded[t];
    // Net fiscal cost: segments' ledgers plus the national charger support.
    let net = out[cell(MI.charger_support, SEG_TOTAL, BRK_ALL, T, t)];
    for (let s = 0; s < N_SEG; s++) net += out[cell(MI.net_fiscal, s, BRK_ALL, T, t)];
    out[cell(MI.net_fiscal, SEG_TOTAL, BRK_ALL, T, t)] = net;
  }
}
