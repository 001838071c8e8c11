// Battery pack cost by chemistry on learning curves over global deployment, and the chemistry mix of new packs.
import { N_CHEM, N_SEG } from "../domain.js";
import type { ParamLayout } from "./layout.js";

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
 * Chemistry mix of new packs per segment: the prescribed shares, tilted towards chemistries that are cheap
 * relative to the prescribed mix's average cost this year: w_c ∝ prescribed_c * exp(-theta * (cost_c(t) / m(t)
 * - 1)), m(t) = sum of prescribed_c * cost_c(t). theta = 0 gives the prescribed mix. The tilt compares costs
 * within the year (not each chemistry with its own base-year cost), so a cheaper chemistry in any year, the base
 * year's included, only draws weight towards it and lowers the mix-weighted cost. `costBase` is kept for the
 * reported rows. Writes mix[s * N_CHEM + c] and the mix-weighted pack cost per segment into packUsd[s].
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
  void costBase;
  const theta = p[L.one["batteries.chemistry_cost_sensitivity"] + t];
  const lfp = L.ix["batteries.chemistry_share_lfp"];
  const nmc = L.ix["batteries.chemistry_share_nmc"];
  const na = L.ix["batteries.chemistry_share_sodium_ion"];
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_CHEM;
    mix[o] = p[lfp[s] + t];
    mix[o + 1] = p[nmc[s] + t];
    mix[o + 2] = p[na[s] + t];
    let m = 0;
    let w = 0;
    for (let c = 0; c < N_CHEM; c++) {
      m += mix[o + c] * cost[c];
      w += mix[o + c];
    }
    m = w > 0 ? m / w : 0;
    let sum = 0;
    for (let c = 0; c < N_CHEM; c++) {
      const rel = m > 0 ? cost[c] / m - 1 : 0;
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
