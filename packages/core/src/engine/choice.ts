// Consumer choice (shared/MODEL.md section 3): a multinomial logit per segment over powertrains whose logits
// (relative to ICE) adjust each year towards an attractor set by costs, a mature-market constant and a
// transient barrier that decays with cumulative adoption:
//   attractor  U_q(t) = -beta*(C_q - C_ice)/Cref + K_q - B_q(t) - beta*(barrier relief terms)
//   barrier    B_q(t) = B0_q * exp(-k * E(t-1)),   E = cumulative EV share of sales (share-years)
//   adjustment l_q(t) = l_q(t-1) + lambda * (U_q(t) - l_q(t-1)),   l_q(base) = ln(s_q / s_ice) observed
//   shares     s_q = exp(l_q) / sum exp(l)   (then the mandate floor)
// K_q is the mature constant A for plug-ins (BEV, PHEV) and the calibrated constant for HEV. B0 is the barrier
// of a market with no EVs; the base year starts from its observed logits, so it is reproduced exactly, and a
// market below (or above) its attractor closes the gap at speed lambda. docs/model.md explains why the
// attractor is not forced through the base year (that would make every base-year cost change a change of the
// constant, and a zero share a permanent ceiling). Targets mode (a dated EV share) is the other way to set
// shares, and lives here too (`targetShares`), with the stage that resolves the subsidy budget within the year.
import { BEV, HEV, ICE, N_PT, N_SEG, PHEV } from "../domain.js";
import type { CostTables } from "./costs.js";
import { chargingAccess } from "./infrastructure.js";
import { BRK_ALL, cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { RunFlags, YearState } from "./state.js";

/** State the choice model carries from the base year and from year to year. */
export class ChoiceState {
  /** Constant of each powertrain relative to ICE: A for plug-ins, the calibrated constant for HEV, 0 for ICE. */
  readonly asc = new Float64Array(N_SEG * N_PT);
  /** Reference cost per km: the base-year ICE cost. */
  readonly cref = new Float64Array(N_SEG);
  /** Base-year levels of the barrier drivers. */
  readonly accessBase = new Float64Array(N_SEG);
  /** Base-year stock of each segment: the fixed denominator of charging access. */
  readonly stockBase = new Float64Array(N_SEG);
  /** Barrier drivers at the end of the previous year. */
  readonly accessPrev = new Float64Array(N_SEG);
  /** Cumulative EV share of sales E (share-years) at the end of the previous year, and in the base year. */
  readonly cumEv = new Float64Array(N_SEG);
  readonly cumEvBase = new Float64Array(N_SEG);
  /** Attractor utility of each powertrain without the subsidy term, this year (relative to ICE). */
  readonly utility = new Float64Array(N_SEG * N_PT);
  /** Logits (relative to ICE) at the end of the previous year, and this year's (before the mandate). */
  readonly logitPrev = new Float64Array(N_SEG * N_PT);
  readonly logitNow = new Float64Array(N_SEG * N_PT);
  /** Base-year observed shares (floored). */
  readonly baseShare = new Float64Array(N_SEG * N_PT);
  /**
   * Conditioned runs only: the barrier depth recalibrated to the base year's equilibrium, as a multiple of the
   * parameter's (1 in scenario runs, where the data pack's depth is used as it is).
   */
  readonly depthScale = new Float64Array(N_SEG).fill(1);
  /** 1 where the BEV's base-year share was zero and sits on the floor: it has no buying habit to carry. */
  readonly floored = new Uint8Array(N_SEG);
  /**
   * Attractor utilities of the observed base year (the costs the constants are calibrated on) before the barrier
   * and the charging term, for the barrier's calibration: a scenario's base-year policy does not enter it.
   */
  readonly baseUtility = new Float64Array(N_SEG * N_PT);
}

/**
 * The barrier depth B0 that makes the base year an equilibrium for segment s (its BEV attractor equal to the
 * observed logit), from a run's base-year state: the attractor without barrier on the observed base year's costs
 * (those the constants were calibrated on: the run's own unless RunFlags.observed is set), with the charging barrier at
 * the access of the end of the base year, minus the observed logit, over the barrier's weight
 * theta + (1 - theta) * exp(-k * E_base) (a share theta of the depth being permanent). scripts/fit-choice.mjs
 * stores it in the data pack, once, from the data pack's own base year; scenarios never recalibrate it, so that
 * any change of cost, the base year's included, acts as a change of cost.
 */
export function equilibriumDepth(p: Float64Array, L: ParamLayout, st: ChoiceState, s: number): number {
  const o = s * N_PT;
  const beta = p[L.ix["choice.cost_sensitivity"][s]];
  const theta = p[L.one["choice.gap_persistence"]];
  const k = p[L.ix["choice.barrier_decay"][s]];
  const u = st.baseUtility[o + BEV] - beta * chargingBarrier(p, L, 0, s, st.accessBase[s]);
  const gap = u - Math.log(st.baseShare[o + BEV] / st.baseShare[o + ICE]);
  return gap / (theta + (1 - theta) * Math.exp(-k * st.cumEvBase[s]));
}

/**
 * End of the base year. In a conditioned run (uncertain parameters, not an intervention), the depth becomes the
 * observed base year's equilibrium depth under this run's draw (`p` is the observed world's parameters with the
 * draw applied, so a scenario's own base-year policy does not enter), capped by the drawn depth: the observed
 * base-year share is data, so a draw with cheaper base-year costs needs a deeper barrier to explain it. In a
 * scenario run the data pack's depth is kept, so that any change of cost acts as a change of cost.
 */
export function conditionBarrier(p: Float64Array, L: ParamLayout, st: ChoiceState, condition: boolean): void {
  for (let s = 0; s < N_SEG; s++) {
    st.depthScale[s] = 1;
    if (!condition) continue;
    const d = p[L.ix["choice.barrier_depth"][s]];
    if (d <= 0) continue;
    const eq = equilibriumDepth(p, L, st, s);
    st.depthScale[s] = Math.max(0, Math.min(d, eq)) / d;
  }
}

/** Charging-access barrier (in units of the reference cost per km): kappa * exp(-x / x0); none when x0 is 0. */
function chargingBarrier(p: Float64Array, L: ParamLayout, t: number, s: number, access: number): number {
  const x0 = p[L.ix["choice.charging_half_access"][s] + t];
  return x0 > 0 ? p[L.ix["choice.charging_barrier"][s] + t] * Math.exp(-access / x0) : 0;
}

/** Powertrains that carry the transient barrier: the plug-ins. */
const PLUG_IN = (q: number) => q === BEV || q === PHEV;

/**
 * Base-year shares from the data pack: EV share split BEV/PHEV, HEV share, ICE the rest. A BEV or ICE share of
 * zero (only zero: an observed share, however small, is kept) is set to the floor (BEVs must be able to enter any segment; ICE is the reference); a PHEV or HEV share
 * of zero stays zero: that powertrain is not offered in the segment (no buyer has ever been offered one, so it
 * has no constant to speak of, and a floored one would hold a share set by the floor for good). Renormalised.
 */
export function baseYearShares(p: Float64Array, L: ParamLayout, out: Float64Array): void {
  const floor = p[L.one["choice.base_share_floor"]];
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_PT;
    const ev = p[L.ix["adoption.target_ev_share"][s]];
    const bevF = p[L.ix["adoption.bev_fraction_of_ev"][s]];
    const hev = Math.min(p[L.ix["adoption.hev_share"][s]], 1 - ev);
    const bev = ev * bevF;
    const ice = 1 - ev - hev;
    out[o + BEV] = bev > 0 ? bev : floor;
    out[o + PHEV] = ev * (1 - bevF);
    out[o + HEV] = hev;
    out[o + ICE] = ice > 0 ? ice : floor;
    let sum = 0;
    for (let q = 0; q < N_PT; q++) sum += out[o + q];
    for (let q = 0; q < N_PT; q++) out[o + q] /= sum;
  }
}

/**
 * Cumulative EV share of sales before the base year's decisions, in share-years: the plug-ins on the road at
 * the end of the base year over the base year's sales (equal to the sum of past EV shares when sales were flat
 * and nothing retired).
 */
export function baseCumulativeEvShare(p: Float64Array, L: ParamLayout, s: number): number {
  const sales = p[L.ix["sales.base_year"][s]] * p[L.ix["sales.market_coverage"][s]];
  const ev = p[L.ix["fleet.base_bev_stock"][s]] + p[L.ix["fleet.base_phev_stock"][s]];
  return sales > 0 ? ev / sales : 0;
}

/**
 * Base year: the reference cost, the HEV constant (the only constant calibrated, HEVs carrying no barrier), the
 * plug-ins' mature constant A, cumulative adoption, and the starting logits: the observed base-year shares.
 */
export function calibrate(p: Float64Array, L: ParamLayout, costs: CostTables, st: ChoiceState): void {
  baseYearShares(p, L, st.baseShare);
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_PT;
    const beta = p[L.ix["choice.cost_sensitivity"][s]];
    // The base-year cost includes whatever subsidy is paid in the base year, at its full rate (BEVs only).
    const cref = costs.costNoSubsidy[o + ICE];
    st.cref[s] = cref;
    // A share theta of the barrier is permanent (a structural alternative): it lowers the constant for good.
    const theta = p[L.one["choice.gap_persistence"]];
    const a = p[L.ix["choice.mature_constant"][s]] + p[L.one["choice.mature_constant_offset"]] - theta * p[L.ix["choice.barrier_depth"][s]];
    for (let q = 0; q < N_PT; q++) {
      // -Infinity for a powertrain not offered (zero base share): exp gives it no share, ever.
      const observed = Math.log(st.baseShare[o + q] / st.baseShare[o + ICE]);
      st.logitPrev[o + q] = observed;
      st.logitNow[o + q] = observed;
      const cost = costs.costNoSubsidy[o + q] - (q === BEV ? costs.subsidyPerKm[s] : 0);
      st.asc[o + q] = q === ICE ? 0 : PLUG_IN(q) ? a : observed + (beta * (cost - cref)) / cref;
      // The attractor before barriers on these (observed) costs, without the subsidy term, as utilities() has it.
      st.baseUtility[o + q] = q === ICE ? 0 : (-beta * (costs.costNoSubsidy[o + q] - cref)) / cref + st.asc[o + q];
    }
    st.floored[s] = p[L.ix["adoption.target_ev_share"][s]] * p[L.ix["adoption.bev_fraction_of_ev"][s]] > 0 ? 0 : 1;
    st.cumEv[s] = baseCumulativeEvShare(p, L, s);
    st.cumEvBase[s] = st.cumEv[s];
  }
}

/**
 * Attractor utilities (relative to ICE) without the subsidy term for year t. Besides cost and constant:
 *  - transient barrier, plug-ins: B0 * exp(-k * E(t-1));
 *  - charging access, BEV only: beta * kappa * exp(-x(t-1)/x0), x = public points usable by the segment per 10k
 *    vehicles of its base-year stock (a fixed denominator: fleet growth alone does not change access). Its level,
 *    not its change since the base year: more chargers from the base year on (more EVs to serve) only help. In
 *    the base year itself, whose shares are the observed ones, x(t-1) is not known and taken as 0;
 *  - range/payload, BEV only: beta * (penalty(t) - penalty(base)).
 */
export function utilities(p: Float64Array, L: ParamLayout, t: number, costs: CostTables, st: ChoiceState): void {
  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_PT;
    const beta = p[L.ix["choice.cost_sensitivity"][s] + t];
    const cref = st.cref[s];
    const range = p[L.ix["choice.range_penalty"][s] + t] - p[L.ix["choice.range_penalty"][s]];
    const access = chargingBarrier(p, L, t, s, st.accessPrev[s]);
    const depth = (1 - p[L.one["choice.gap_persistence"]]) * p[L.ix["choice.barrier_depth"][s] + t] * st.depthScale[s];
    const barrier = depth * Math.exp(-p[L.ix["choice.barrier_decay"][s] + t] * st.cumEv[s]);
    const ice = (-beta * costs.costNoSubsidy[o + ICE]) / cref;
    for (let q = 0; q < N_PT; q++) {
      let u = (-beta * costs.costNoSubsidy[o + q]) / cref - ice + st.asc[o + q];
      if (q === BEV) u -= beta * (access + range) + barrier;
      else if (q === PHEV) u -= barrier;
      st.utility[o + q] = q === ICE ? 0 : u;
    }
  }
}

/**
 * Shares for one segment given the share `f` of BEV buyers who receive the subsidy (expected value): logits
 * adjusted towards the attractor (in the base year, the observed logits), then the mandate floor on the EV share.
 * Writes shares[s * N_PT + q] and this year's logits.
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
  // A BEV on the floor (no sales in the base year) carries no habit: the floor's value is a numerical device,
  // so the first projected year takes the attractor in full and nothing after it depends on the floor.
  const lambda = t === 0 ? 0 : t === 1 && st.floored[s] ? 1 : p[L.ix["choice.adjustment_speed"][s] + t];
  const bonus = (beta * f * costs.subsidyPerKm[s]) / st.cref[s];
  let max = -Infinity;
  for (let q = 0; q < N_PT; q++) {
    const prev = st.logitPrev[o + q];
    const target = q === ICE ? 0 : st.utility[o + q] + (q === BEV ? bonus : 0);
    // A powertrain not offered in the segment (prev = -Infinity) stays out.
    const l = q === ICE ? 0 : prev === -Infinity ? -Infinity : prev + lambda * (target - prev);
    st.logitNow[o + q] = l;
    shares[o + q] = l;
    if (l > max) max = l;
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

/**
 * End of year t: this year's logits become last year's, and cumulative adoption grows by this year's EV share
 * of sales (after any mandate: policy-driven adoption counts). The base year's sales are already in the base
 * stock, so E starts growing in the first projected year.
 */
export function advanceChoice(t: number, shares: Float64Array, evMask: Uint8Array, st: ChoiceState): void {
  st.logitPrev.set(st.logitNow);
  if (t === 0) return;
  for (let s = 0; s < N_SEG; s++) {
    let ev = 0;
    for (let q = 0; q < N_PT; q++) if (evMask[q]) ev += shares[s * N_PT + q];
    st.cumEv[s] += ev;
  }
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
/** Slots of ChoiceStage's scratch, and the budget root's limits (as the engine always passed them to `illinois`). */
const SOLVED = 0;
const CLAIMED = 1;
const TRIED = 2;
const BUDGET_ITERATIONS = 60;
const BUDGET_X_TOL = 1e-12;

export class ChoiceStage {
  readonly choice = new ChoiceState();
  private p: Float64Array = new Float64Array(0);
  private L: ParamLayout | null = null;
  private t = 0;
  private flags: RunFlags | null = null;
  private st: YearState | null = null;
  private budget = 0;
  private claimsThisYear = 0;
  /**
   * The budget's solution this year, the subsidy claimed at the last share tried, and the share to try. Doubles pass
   * between the methods here through this array, not as arguments, return values or a callback's: a double passed
   * to or returned from a call that the compiler does not inline is boxed on the heap, once per call (issue 18: zero
   * allocation per run; whether V8 inlines `sharesAt` depends on its inlining budget, which the rest of the run uses up).
   */
  private readonly scratch = new Float64Array(3);

  /**
   * Forget the drivers of a previous run (charging access before the base year is taken as none). The barrier's
   * depth scale is read in the base year before this run recalibrates it: a previous run's value (NaN after a
   * pathological draw) must not leak into it.
   */
  reset(): void {
    const c = this.choice;
    c.accessPrev.fill(0);
    c.accessBase.fill(0);
    c.depthScale.fill(1);
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
    this.resolveBudget();
    const f = this.scratch[SOLVED];
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

  /**
   * The share f of BEV buyers the budget covers, into scratch[SOLVED], with every segment's shares at f. The root of
   * f * D(f) - budget by the Illinois variant of false position, written out here (the same steps as
   * numeric/root.ts's `illinois`, so the same f to the last bit) so that no callback or options object is made.
   */
  private resolveBudget(): void {
    const budget = this.budget;
    const sc = this.scratch;
    if (budget <= 0) {
      sc[TRIED] = 0;
      this.sharesAt();
      sc[SOLVED] = 0;
      return;
    }
    sc[TRIED] = 1;
    this.sharesAt();
    const full = sc[CLAIMED];
    if (full <= budget) {
      sc[SOLVED] = 1;
      return;
    }
    const absTol = 1e-10 * budget;
    let a = 0;
    let ga = -budget;
    let b = 1;
    let gb = full - budget;
    let x = b;
    if (ga === 0) x = a;
    else if (gb === 0) x = b;
    else {
      let side = 0;
      for (let i = 0; i < BUDGET_ITERATIONS; i++) {
        x = (a * gb - b * ga) / (gb - ga);
        sc[TRIED] = x;
        this.sharesAt();
        const gx = x * sc[CLAIMED] - budget;
        if (Math.abs(gx) <= absTol || Math.abs(b - a) < BUDGET_X_TOL) break;
        if (gx * gb > 0) {
          b = x;
          gb = gx;
          if (side === 1) ga /= 2;
          side = 1;
        } else {
          a = x;
          ga = gx;
          if (side === -1) gb /= 2;
          side = -1;
        }
      }
    }
    sc[TRIED] = x;
    this.sharesAt();
    sc[SOLVED] = x;
  }

  /**
   * Shares of every segment when a share f = scratch[TRIED] of BEV buyers gets the subsidy; the subsidy claimed, D(f),
   * into scratch[CLAIMED].
   */
  private sharesAt(): void {
    const f = this.scratch[TRIED];
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
    this.scratch[CLAIMED] = claimed;
  }

  /**
   * End-of-year drivers of next year's choice: public charging access, this year's logits, cumulative adoption;
   * at the end of the base year of a conditioned run, the barrier depth recalibrated to the base year.
   */
  updateDrivers(p: Float64Array, L: ParamLayout, t: number, evMask: Uint8Array, st: YearState): void {
    const c = this.choice;
    for (let s = 0; s < N_SEG; s++) {
      if (t === 0) {
        let stock = 0;
        for (let q = 0; q < N_PT; q++) stock += st.stock[s * N_PT + q];
        c.stockBase[s] = stock;
      }
      const access = chargingAccess(p, L, t, s, st.points, c.stockBase[s]);
      c.accessPrev[s] = access;
      if (t === 0) c.accessBase[s] = access;
    }
    // Conditioning is on the observed world (the draw applied to the observed parameters), never on the
    // scenario's own base year: a scenario's base-year policy must not leak into the calibration.
    if (t === 0) conditionBarrier(this.flags?.observed ?? p, L, c, this.flags?.conditionOnBaseYear === true);
    advanceChoice(t, st.shares, evMask, c);
  }
}
