// Consumer choice (docs/model.md section 3): a multinomial logit per segment over powertrains,
//   U_p = -beta * C_p / Cref + ASC_p - barriers_p,
// with constants calibrated so that base-year costs reproduce base-year shares exactly, barrier terms measured
// from their base-year level, a mandate floor, and the purchase-subsidy budget resolved within the year.
// Targets mode (a dated EV share) is the other way to set shares, and lives here too (`targetShares`).
import { BEV, HEV, ICE, N_PT, N_SEG, PHEV } from "../domain.js";
import { illinois } from "../numeric/root.js";
import type { CostTables } from "./costs.js";
import { chargingAccess } from "./infrastructure.js";
import { BRK_ALL, cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { RunFlags, YearState } from "./state.js";

/** State the choice model carries from the base year and from year to year. */
export class ChoiceState {
  readonly asc = new Float64Array(N_SEG * N_PT);
  /** Reference cost per km: the base-year ICE cost. */
  readonly cref = new Float64Array(N_SEG);
  /** Base-year levels of the barrier drivers. */
  readonly accessBase = new Float64Array(N_SEG);
  readonly evStockShareBase = new Float64Array(N_SEG);
  /** Base-year stock of each segment: the fixed denominator of charging access. */
  readonly stockBase = new Float64Array(N_SEG);
  /** Barrier drivers at the end of the previous year. */
  readonly accessPrev = new Float64Array(N_SEG);
  readonly evStockSharePrev = new Float64Array(N_SEG);
  /** Utility of each powertrain without the subsidy term, this year. */
  readonly utility = new Float64Array(N_SEG * N_PT);
  /** Base-year observed shares (floored). */
  readonly baseShare = new Float64Array(N_SEG * N_PT);
}

/** Smallest EV share of the stock that the familiarity term takes the logarithm of. */
export const MIN_STOCK_SHARE = 1e-6;

/** Base-year shares from the data pack: EV share split BEV/PHEV, HEV share, ICE the rest; floored and renormalised. */
export function baseYearShares(p: Float64Array, L: ParamLayout, out: Float64Array): void {
  const floor = p[L.one["choice.base_share_floor"]];
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_PT;
    const ev = p[L.ix["adoption.target_ev_share"][s]];
    const bevF = p[L.ix["adoption.bev_fraction_of_ev"][s]];
    const hev = Math.min(p[L.ix["adoption.hev_share"][s]], 1 - ev);
    out[o + BEV] = Math.max(floor, ev * bevF);
    out[o + PHEV] = Math.max(floor, ev * (1 - bevF));
    out[o + HEV] = Math.max(floor, hev);
    out[o + ICE] = Math.max(floor, 1 - ev - hev);
    let sum = 0;
    for (let q = 0; q < N_PT; q++) sum += out[o + q];
    for (let q = 0; q < N_PT; q++) out[o + q] /= sum;
  }
}

/** Calibrate constants in the base year: ASC_p = ln(s_p / s_ice) + beta * (C_p - C_ice) / Cref. */
export function calibrate(p: Float64Array, L: ParamLayout, costs: CostTables, st: ChoiceState): void {
  baseYearShares(p, L, st.baseShare);
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_PT;
    const beta = p[L.ix["choice.cost_sensitivity"][s]];
    // The base-year cost includes whatever subsidy is paid in the base year, at its full rate.
    const cost = (q: number) => costs.costNoSubsidy[o + q] - (q === BEV ? costs.subsidyPerKm[s] : 0);
    const cref = cost(ICE);
    st.cref[s] = cref;
    for (let q = 0; q < N_PT; q++) {
      st.asc[o + q] = Math.log(st.baseShare[o + q] / st.baseShare[o + ICE]) + (beta * (cost(q) - cost(ICE))) / cref;
    }
  }
}

/**
 * Utilities without the subsidy term for year t. Barriers (in units of the reference cost per km, times beta,
 * except familiarity which is in utility units):
 *  - charging access, BEV only: kappa * (exp(-x/x0) - exp(-x_base/x0)), x = public points usable by the segment
 *    per 10k vehicles of its base-year stock (a fixed denominator: fleet growth alone does not change access);
 *  - familiarity, BEV and PHEV: phi * ln(F_base / F_prev), F = EV share of the segment's stock;
 *  - range/payload, BEV only: penalty(t) - penalty(base).
 */
export function utilities(p: Float64Array, L: ParamLayout, t: number, costs: CostTables, st: ChoiceState): void {
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_PT;
    const beta = p[L.ix["choice.cost_sensitivity"][s] + t];
    const cref = st.cref[s];
    const kappa = p[L.ix["choice.charging_barrier"][s] + t];
    const x0 = p[L.ix["choice.charging_half_access"][s] + t];
    const phi = p[L.ix["choice.familiarity"][s] + t];
    const range = p[L.ix["choice.range_penalty"][s] + t] - p[L.ix["choice.range_penalty"][s]];
    const access = x0 > 0 ? kappa * (Math.exp(-st.accessPrev[s] / x0) - Math.exp(-st.accessBase[s] / x0)) : 0;
    const fam = phi * Math.log(Math.max(MIN_STOCK_SHARE, st.evStockShareBase[s]) / Math.max(MIN_STOCK_SHARE, st.evStockSharePrev[s]));
    for (let q = 0; q < N_PT; q++) {
      let u = (-beta * costs.costNoSubsidy[o + q]) / cref + st.asc[o + q];
      if (q === BEV) u -= beta * (access + range) + fam;
      else if (q === PHEV) u -= fam;
      st.utility[o + q] = u;
    }
  }
}

/**
 * Shares for one segment given the share `f` of BEV buyers who receive the subsidy (expected value), with the
 * mandate floor on the EV share. Writes shares[s * N_PT + q].
 */
export function marketShares(
  p: Float64Array,
  L: ParamLayout,
  t: number,
  s: number,
  f: number,
  costs: CostTables,
  st: ChoiceState,
  evMask: Uint8Array,
  shares: Float64Array,
): void {
  const o = s * N_PT;
  const beta = p[L.ix["choice.cost_sensitivity"][s] + t];
  const bonus = (beta * f * costs.subsidyPerKm[s]) / st.cref[s];
  let max = -Infinity;
  for (let q = 0; q < N_PT; q++) {
    const u = st.utility[o + q] + (q === BEV ? bonus : 0);
    shares[o + q] = u;
    if (u > max) max = u;
  }
  let sum = 0;
  for (let q = 0; q < N_PT; q++) {
    const e = Math.exp(shares[o + q] - max);
    shares[o + q] = e;
    sum += e;
  }
  for (let q = 0; q < N_PT; q++) shares[o + q] /= sum;
  applyMandate(p[L.ix["policy.min_ev_share"][s] + t], o, evMask, shares);
}

/** Raise the EV share to the mandated floor, scaling EV powertrains up and the others down proportionally. */
export function applyMandate(floor: number, o: number, evMask: Uint8Array, shares: Float64Array): void {
  let ev = 0;
  for (let q = 0; q < N_PT; q++) if (evMask[q]) ev += shares[o + q];
  if (floor <= ev || floor <= 0) return;
  const target = Math.min(1, floor);
  if (ev <= 0) {
    // No EV demand at all: the mandate is met with BEVs.
    for (let q = 0; q < N_PT; q++) shares[o + q] *= 1 - target;
    shares[o + BEV] += target;
    return;
  }
  const up = target / ev;
  const down = ev < 1 ? (1 - target) / (1 - ev) : 0;
  for (let q = 0; q < N_PT; q++) shares[o + q] *= evMask[q] ? up : down;
}

/** Targets mode: EV share on its dated path, split BEV/PHEV; HEV on its path; ICE takes the rest; mandate floor. */
export function targetShares(p: Float64Array, L: ParamLayout, s: number, t: number, evMask: Uint8Array, shares: Float64Array): void {
  const ev = p[L.ix["adoption.target_ev_share"][s] + t];
  const bevF = p[L.ix["adoption.bev_fraction_of_ev"][s] + t];
  const hev = Math.min(p[L.ix["adoption.hev_share"][s] + t], 1 - ev);
  const o = s * N_PT;
  shares[o + BEV] = ev * bevF;
  shares[o + PHEV] = ev * (1 - bevF);
  shares[o + HEV] = hev;
  shares[o + ICE] = 1 - ev - hev;
  applyMandate(p[L.ix["policy.min_ev_share"][s] + t], o, evMask, shares);
}

/**
 * The choice stage of one year: powertrain shares of every segment (targets or market mode) with the purchase
 * subsidy's annual budget resolved within the year, sales by powertrain, and the BEVs subsidised, into the state.
 *
 * The budget: with D(f) the support BEV buyers would claim when a share f of them gets it, find f in [0, 1] with
 * f * D(f) = budget (f * D(f) rises with f). Shares that do not depend on the subsidy are computed once a year.
 */
export class ChoiceStage {
  readonly choice = new ChoiceState();
  private p: Float64Array = new Float64Array(0);
  private L: ParamLayout | null = null;
  private t = 0;
  private flags: RunFlags | null = null;
  private st: YearState | null = null;
  private budget = 0;
  private claimsThisYear = 0;
  /** Bound once, so that the root finder's callback allocates nothing per year. */
  private readonly gap = (f: number) => f * this.sharesAt(f) - this.budget;

  /** Forget the barrier drivers of a previous run: equal to their base levels, every barrier vanishes in the base year. */
  reset(): void {
    const c = this.choice;
    c.accessPrev.fill(0);
    c.accessBase.fill(0);
    c.evStockSharePrev.fill(1);
    c.evStockShareBase.fill(1);
  }

  /** Calibrate the constants on base-year costs `costs` of the observed parameters `p` (engine.ts decides which). */
  calibrateOn(p: Float64Array, L: ParamLayout, costs: CostTables): void {
    calibrate(p, L, costs, this.choice);
  }

  year(p: Float64Array, L: ParamLayout, t: number, flags: RunFlags, st: YearState, out: Float64Array): void {
    utilities(p, L, t, st.costs, this.choice);
    this.p = p;
    this.L = L;
    this.t = t;
    this.flags = flags;
    this.st = st;
    this.budget = p[L.one["policy.subsidy_budget"] + t] * p[L.one["policy.subsidy_scale"] + t];
    this.claimsThisYear = 0;
    const f = this.resolveBudget();
    const T = L.nYears;
    for (let s = 0; s < N_SEG; s++) {
      const o = s * N_PT;
      let ev = 0;
      for (let q = 0; q < N_PT; q++) {
        const x = st.sales[s] * st.shares[o + q];
        st.salesPt[o + q] = x;
        out[cell(MI.sales, s, q, T, t)] = x;
        if (flags.evMask[q]) ev += x;
      }
      out[cell(MI.ev_sales_share, s, BRK_ALL, T, t)] = st.sales[s] > 0 ? ev / st.sales[s] : 0;
      st.subsidised[s] = st.costs.subsidy[s] > 0 ? f * st.salesPt[o + BEV] : 0;
    }
  }

  private resolveBudget(): number {
    const budget = this.budget;
    if (budget <= 0) {
      this.sharesAt(0);
      return 0;
    }
    const full = this.sharesAt(1);
    if (full <= budget) return 1;
    const f = illinois(this.gap, 0, -budget, 1, full - budget, { absTol: 1e-10 * budget, xTol: 1e-12, maxIterations: 60 });
    this.sharesAt(f);
    return f;
  }

  /** Shares of every segment when a share f of BEV buyers gets the subsidy; returns the subsidy claimed, D(f). */
  private sharesAt(f: number): number {
    const p = this.p;
    const L = this.L as ParamLayout;
    const st = this.st as YearState;
    const flags = this.flags as RunFlags;
    const t = this.t;
    const first = this.claimsThisYear++ === 0;
    let claimed = 0;
    for (let s = 0; s < N_SEG; s++) {
      const market = flags.modes[s] === 1;
      if (market && (first || st.costs.subsidy[s] !== 0)) marketShares(p, L, t, s, f, st.costs, this.choice, flags.evMask, st.shares);
      else if (!market && first) targetShares(p, L, s, t, flags.evMask, st.shares);
      claimed += st.sales[s] * st.shares[s * N_PT + BEV] * st.costs.subsidy[s];
    }
    return claimed;
  }

  /** End-of-year drivers of next year's choice: EV share of each segment's stock, public charging access. */
  updateDrivers(p: Float64Array, L: ParamLayout, t: number, evMask: Uint8Array, st: YearState): void {
    const c = this.choice;
    for (let s = 0; s < N_SEG; s++) {
      let stock = 0;
      let ev = 0;
      for (let q = 0; q < N_PT; q++) {
        const x = st.stock[s * N_PT + q];
        stock += x;
        if (evMask[q]) ev += x;
      }
      const share = stock > 0 ? ev / stock : 0;
      if (t === 0) c.stockBase[s] = stock;
      const access = chargingAccess(p, L, t, s, st.points, c.stockBase[s]);
      c.evStockSharePrev[s] = share;
      c.accessPrev[s] = access;
      if (t === 0) {
        c.evStockShareBase[s] = share;
        c.accessBase[s] = access;
      }
    }
  }
}
