// Batteries (docs/model.md sections 3 and 8): pack cost by chemistry on learning curves over global deployment,
// the chemistry mix of new packs, and the battery flows of each year (new GWh, cumulative, lithium, retirements).
import { BEV, N_CHEM, N_PT, N_SEG, PHEV } from "../domain.js";
import { BRK_ALL, cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";

/**
 * cost_c(t) = max(floor_c, base_c * (Q_c(t) / Q_c(base))^(-b_c)), b_c = -log2(1 - LR_c), Q from the dated
 * global cumulative production path. Writes USD/kWh into `cost[c]`.
 */
export function packCosts(p: Float64Array, L: ParamLayout, t: number, cost: Float64Array): void {
  for (let c = 0; c < N_CHEM; c++) {
    const base = p[L.ix["batteries.pack_cost_base"][c]];
    const lr = p[L.ix["batteries.learning_rate"][c] + t];
    const floor = p[L.ix["batteries.pack_cost_floor"][c] + t];
    const q0 = p[L.ix["batteries.global_cumulative_production"][c]];
    const q = p[L.ix["batteries.global_cumulative_production"][c] + t];
    const b = lr > 0 && lr < 1 ? -Math.log2(1 - lr) : 0;
    const learned = q0 > 0 && q > 0 ? base * Math.pow(q / q0, -b) : base;
    cost[c] = Math.max(floor, learned);
  }
}

/**
 * Chemistry mix of new packs per segment: the prescribed shares, tilted towards chemistries whose cost has fallen
 * most since the base year: w_c ∝ prescribed_c * exp(-theta * (cost_c(t)/cost_c(base) - 1)). theta = 0 gives the
 * prescribed mix. Writes mix[s * N_CHEM + c] and the mix-weighted pack cost per segment into packUsd[s].
 */
export function chemistryMix(
  p: Float64Array,
  L: ParamLayout,
  t: number,
  cost: Float64Array,
  costBase: Float64Array,
  mix: Float64Array,
  packUsd: Float64Array,
): void {
  const theta = p[L.one["batteries.chemistry_cost_sensitivity"] + t];
  const lfp = L.ix["batteries.chemistry_share_lfp"];
  const nmc = L.ix["batteries.chemistry_share_nmc"];
  const na = L.ix["batteries.chemistry_share_sodium_ion"];
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_CHEM;
    mix[o] = p[lfp[s] + t];
    mix[o + 1] = p[nmc[s] + t];
    mix[o + 2] = p[na[s] + t];
    let sum = 0;
    for (let c = 0; c < N_CHEM; c++) {
      const rel = costBase[c] > 0 ? cost[c] / costBase[c] - 1 : 0;
      mix[o + c] *= Math.exp(-theta * rel);
      sum += mix[o + c];
    }
    let usd = 0;
    for (let c = 0; c < N_CHEM; c++) {
      mix[o + c] = sum > 0 ? mix[o + c] / sum : 1 / N_CHEM;
      usd += mix[o + c] * cost[c];
    }
    packUsd[s] = usd;
  }
}

/**
 * One segment's battery flows in year t: new pack GWh by chemistry (EVs sold plus exports), cumulative GWh since
 * the base year (carried in the state), lithium for new packs, and capacity retiring with vehicles.
 */
export function batteryYear(p: Float64Array, L: ParamLayout, s: number, t: number, st: YearState, out: Float64Array): void {
  const ix = L.ix;
  const T = L.nYears;
  const packKwh = newPackKwh(p, L, s, t, st);
  for (let c = 0; c < N_CHEM; c++) {
    const gwh = packKwh * st.chemMix[s * N_CHEM + c] * 1e-6;
    st.cumulativeGwh[s * N_CHEM + c] += gwh;
    out[cell(MI.battery_demand, s, c, T, t)] = gwh;
    out[cell(MI.battery_demand_cumulative, s, c, T, t)] = st.cumulativeGwh[s * N_CHEM + c];
    // kg LCE per kWh x kWh -> t.
    out[cell(MI.lithium_demand, s, c, T, t)] = gwh * 1e6 * p[ix["batteries.lithium_intensity"][c] + t] * 1e-3;
  }
  out[cell(MI.battery_retirements, s, BRK_ALL, T, t)] = st.retiredKwh[s] * 1e-6;
}

/** kWh of packs in segment s's new EVs this year, exports included (exports are BEVs). */
export function newPackKwh(p: Float64Array, L: ParamLayout, s: number, t: number, st: YearState): number {
  const ix = L.ix;
  const kwhBev = p[ix["vehicles.battery_kwh_bev"][s] + t];
  const kwhPhev = p[ix["vehicles.battery_kwh_phev"][s] + t];
  const exports = p[ix["industry.exports"][s] + t];
  return st.salesPt[s * N_PT + BEV] * kwhBev + st.salesPt[s * N_PT + PHEV] * kwhPhev + exports * kwhBev;
}
