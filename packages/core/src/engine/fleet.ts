// Fleet: stock turnover by vintage (docs/model.md section 5). The base-year stock is back-cast from sales and
// survival; each later year every vintage survives one more year and the year's sales enter as the new vintage.
// The pass over vintages is fused (stock, retirements and the km-weighted sums that energy needs are taken in
// one sweep) because it is the engine's inner loop; it returns per-segment, per-powertrain sums in the state.
import { BEV, HEV, ICE, MAX_AGE, N_PT, N_SEG, PHEV } from "../domain.js";
import { BRK_ALL, BRK_SLOTS, HISTORY_AGES, SEG_SLOTS, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";
import { fillSurvival } from "./survival.js";

/** Survival rows hold S(0..MAX_AGE) and a trailing 0. */
const AGES = MAX_AGE + 2;
/** Survival below this is taken as zero, so the vintage loops stop at the segment's last living age. */
const SURVIVAL_EPSILON = 1e-12;

export class Fleet {
  /** Vintages from baseYear - MAX_AGE to the end year. */
  readonly nVintages: number;
  private readonly nYears: number;
  private readonly survival = new Float64Array(N_SEG * AGES);
  /** survivalRatio[a] = S(a) / S(a - 1): the share of a vintage aged a-1 that survives one more year. */
  private readonly survivalRatio = new Float64Array(N_SEG * AGES);
  /** Per segment, the oldest age with a share surviving above SURVIVAL_EPSILON: older vintages hold no vehicles. */
  private readonly lastAge = new Int32Array(N_SEG);
  /** Vehicles by segment, powertrain and vintage, at the end of the current year. */
  private readonly stockV: Float64Array;
  /** Fuel-economy and EV-energy factors by segment and vintage (1 at the base year). */
  private readonly feFactor: Float64Array;
  private readonly evFactor: Float64Array;
  private readonly histStock = new Float64Array(N_PT);
  /** Per segment, whether the survival tables are built, and the [lambda, shape] they were built for (Object.is: -0 is not 0). */
  private readonly survivalBuilt = new Uint8Array(N_SEG);
  private readonly survivalKey = new Float64Array(2 * N_SEG);

  constructor(nYears: number) {
    this.nYears = nYears;
    this.nVintages = MAX_AGE + nYears;
    this.stockV = new Float64Array(N_SEG * N_PT * this.nVintages);
    this.feFactor = new Float64Array(N_SEG * this.nVintages);
    this.evFactor = new Float64Array(N_SEG * this.nVintages);
  }

  /**
   * Survival tables and vintage factors for one run; empties the stock. A segment's survival table is rebuilt only
   * when its Weibull parameters differ from those it was last built for (they rarely change between runs; a table
   * costs 41 powers and exponentials).
   */
  prepare(p: Float64Array, L: ParamLayout): void {
    this.stockV.fill(0);
    for (let s = 0; s < N_SEG; s++) {
      const o = s * AGES;
      const lambda = p[L.ix["fleet.survival_lambda"][s]];
      const shape = p[L.ix["fleet.survival_shape"][s]];
      if (this.survivalBuilt[s] === 1 && Object.is(this.survivalKey[2 * s], lambda) && Object.is(this.survivalKey[2 * s + 1], shape)) continue;
      this.survivalBuilt[s] = 1;
      this.survivalKey[2 * s] = lambda;
      this.survivalKey[2 * s + 1] = shape;
      fillSurvival(this.survival, o, MAX_AGE, lambda, shape);
      let last = MAX_AGE;
      while (last > 0 && this.survival[o + last] < SURVIVAL_EPSILON) this.survival[o + last--] = 0;
      this.lastAge[s] = last;
      this.survivalRatio[o] = 1;
      for (let a = 1; a < AGES; a++) this.survivalRatio[o + a] = this.survival[o + a - 1] > 0 ? this.survival[o + a] / this.survival[o + a - 1] : 0;
    }
    this.prepareVintageFactors(p, L);
  }

  /** Fuel-economy and EV-energy factors of year t's new vintage, for every segment (into the state). */
  newVintageFactors(t: number, st: YearState): void {
    const nV = this.nVintages;
    for (let s = 0; s < N_SEG; s++) {
      st.feNew[s] = this.feFactor[s * nV + MAX_AGE + t];
      st.evNew[s] = this.evFactor[s * nV + MAX_AGE + t];
    }
  }

  /** Fuel economy and EV energy use of each vintage relative to a base-year new vehicle. */
  private prepareVintageFactors(p: Float64Array, L: ParamLayout): void {
    const nV = this.nVintages;
    for (let s = 0; s < N_SEG; s++) {
      const feOff = L.ix["energy.fuel_economy_improvement"][s];
      const evOff = L.ix["energy.ev_efficiency_improvement"][s];
      // Vintages before the base year: the base-year improvement rate, applied backwards (older is thirstier).
      const feBack = 1 / (1 - p[feOff]);
      const evBack = 1 / (1 - p[evOff]);
      let fe = 1;
      let ev = 1;
      for (let a = 0; a <= MAX_AGE; a++) {
        const vi = MAX_AGE - a;
        this.feFactor[s * nV + vi] = fe;
        this.evFactor[s * nV + vi] = ev;
        fe *= feBack;
        ev *= evBack;
      }
      for (let t = 1; t < this.nYears; t++) {
        const vi = MAX_AGE + t;
        this.feFactor[s * nV + vi] = this.feFactor[s * nV + vi - 1] * (1 - p[feOff + t]);
        this.evFactor[s * nV + vi] = this.evFactor[s * nV + vi - 1] * (1 - p[evOff + t]);
      }
    }
  }

  /**
   * Base-year stock of segment s by vintage: each vintage's sales are base-year sales times the dated sales history
   * relative to the base year (the history block, from sales.historical; before its first date, and for the
   * vintage that only retires, the historical growth rate), times survival. Existing
   * BEVs, PHEVs and HEVs beyond this year's sales are spread over earlier vintages in proportion to sales that grew
   * at the historical EV growth rate, times survival. Writes the base year's retirements into the state.
   */
  baseStock(p: Float64Array, L: ParamLayout, s: number, st: YearState): void {
    const nV = this.nVintages;
    const sa = s * AGES;
    const g = p[L.ix["sales.historical_growth_rate"][s]];
    const gEv = p[L.one["fleet.historical_ev_sales_growth"]];
    const base = st.sales[s];
    const sv = s * N_PT;
    const hs = this.histStock;
    hs[ICE] = 0;
    hs[HEV] = Math.max(0, p[L.ix["fleet.base_hev_stock"][s]] - st.salesPt[sv + HEV]);
    hs[PHEV] = Math.max(0, p[L.ix["fleet.base_phev_stock"][s]] - st.salesPt[sv + PHEV]);
    hs[BEV] = Math.max(0, p[L.ix["fleet.base_bev_stock"][s]] - st.salesPt[sv + BEV]);
    for (let q = 0; q < N_PT; q++) st.retired[sv + q] = 0;
    const evBack = 1 / (1 + gEv);
    const back = 1 / (1 + g);
    let wSum = 0;
    let wa = 1;
    for (let a = 1; a <= MAX_AGE; a++) {
      wa *= evBack;
      wSum += wa * this.survival[sa + a];
    }
    const hRow = L.hist + s * HISTORY_AGES;
    let hist = base;
    let evWeight = 1;
    for (let a = 0; a <= MAX_AGE + 1; a++) {
      const vi = MAX_AGE - a; // a = MAX_AGE + 1 lies before the array and only retires
      if (a === 0) {
        for (let q = 0; q < N_PT; q++) this.stockV[(sv + q) * nV + vi] = st.salesPt[sv + q];
        continue;
      }
      hist = a <= MAX_AGE ? base * p[hRow + a] : hist * back;
      evWeight *= evBack;
      const alive = hist * this.survival[sa + a];
      const lastYear = hist * this.survival[sa + a - 1];
      if (a > MAX_AGE) {
        st.retired[sv + ICE] += lastYear;
        continue;
      }
      const w = wSum > 0 ? (evWeight * this.survival[sa + a]) / wSum : 0;
      let nonIce = 0;
      for (let q = 1; q < N_PT; q++) nonIce += hs[q] * w;
      const scale = nonIce > alive ? alive / nonIce : 1;
      const ratio = alive > 0 ? lastYear / alive : 0;
      let ice = alive;
      for (let q = 1; q < N_PT; q++) {
        const x = hs[q] * w * scale;
        this.stockV[(sv + q) * nV + vi] = x;
        ice -= x;
        st.retired[sv + q] += x * (ratio - 1);
      }
      this.stockV[(sv + ICE) * nV + vi] = ice;
      st.retired[sv + ICE] += ice * (ratio - 1);
    }
  }

  /**
   * One segment's year in one pass over the vintages of each powertrain: turnover (skipped in the base year, whose
   * stock baseStock set up), then stock, retirements, vehicle-km and the km-weighted vintage factors, into the
   * state; retired battery kWh; the stock, EV stock, retirement and vkt rows of the output.
   */
  year(p: Float64Array, L: ParamLayout, s: number, t: number, evMask: Uint8Array, st: YearState, out: Float64Array): void {
    const T = this.nYears;
    const nV = this.nVintages;
    const stockV = this.stockV;
    const survivalRatio = this.survivalRatio;
    const feFactor = this.feFactor;
    const evFactor = this.evFactor;
    const sa = s * AGES;
    const sv = s * N_PT;
    const fv = s * nV;
    const vkt0 = p[L.ix["activity.vkt_new"][s] + t];
    const keep = 1 - p[L.ix["activity.vkt_decline"][s] + t];
    const newest = MAX_AGE + t;
    // The oldest vintage that can hold vehicles: one year past the segment's last living age, which retires now.
    const oldest = Math.max(0, newest - this.lastAge[s] - 1);
    let retiredKwh = 0;
    let evStock = 0;
    for (let q = 0; q < N_PT; q++) {
      const row = (sv + q) * nV;
      let retired = 0;
      let km = 0;
      let fuelKm = 0; // sum of km x vintage fuel factor
      let evKm = 0; // sum of km x vintage EV-energy factor
      let stock = 0;
      let kmPerVeh = vkt0; // at age 0
      if (t === 0) {
        for (let vi = newest; vi >= oldest; vi--) {
          const n = stockV[row + vi];
          if (n !== 0) {
            const k = n * kmPerVeh;
            km += k;
            stock += n;
            fuelKm += k * feFactor[fv + vi];
            evKm += k * evFactor[fv + vi];
          }
          kmPerVeh *= keep;
        }
        retired = st.retired[sv + q];
      } else {
        const n0 = st.salesPt[sv + q];
        stockV[row + newest] = n0;
        km = n0 * kmPerVeh;
        stock = n0;
        fuelKm = km * feFactor[fv + newest];
        evKm = km * evFactor[fv + newest];
        // Each older vintage survives one more year: age = newest - vi.
        for (let vi = newest - 1, ratioAt = sa + 1; vi >= oldest; vi--, ratioAt++) {
          kmPerVeh *= keep;
          const before = stockV[row + vi];
          if (before === 0) continue;
          const n = before * survivalRatio[ratioAt];
          stockV[row + vi] = n;
          retired += before - n;
          const k = n * kmPerVeh;
          km += k;
          stock += n;
          fuelKm += k * feFactor[fv + vi];
          evKm += k * evFactor[fv + vi];
        }
        if (q === BEV) retiredKwh += retired * p[L.ix["vehicles.battery_kwh_bev"][s] + t];
        else if (q === PHEV) retiredKwh += retired * p[L.ix["vehicles.battery_kwh_phev"][s] + t];
      }
      st.stock[sv + q] = stock;
      if (evMask[q]) evStock += stock;
      st.retired[sv + q] = retired;
      st.vkt[sv + q] = km;
      st.fuelWeightedKm[sv + q] = fuelKm;
      st.evWeightedKm[sv + q] = evKm;
      const r = (s * BRK_SLOTS + q) * T + t;
      out[MI.stock * SEG_SLOTS * BRK_SLOTS * T + r] = stock;
      out[MI.retirements * SEG_SLOTS * BRK_SLOTS * T + r] = retired;
      out[MI.vkt * SEG_SLOTS * BRK_SLOTS * T + r] = km;
    }
    st.retiredKwh[s] = retiredKwh;
    out[((MI.ev_stock * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = evStock;
  }
}
