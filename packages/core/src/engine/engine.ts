// The engine: one pass over the years, each year running the stages in order
// (sales -> powertrain shares -> stock turnover -> activity and energy -> emissions -> oil money).
// All working memory is allocated once in the constructor; `run` allocates nothing.
import { BEV, CNG, DIESEL, HEV, ICE, LITRES_PER_BARREL, MAX_AGE, N_PT, N_SEG, PETROL, PHEV } from "../domain.js";
import { BRK_ALL, BRK_SLOTS, SEG_SLOTS, SEG_TOTAL, outputLength, type ParamLayout } from "./layout.js";
import { METRIC_INDEX, METRICS, N_METRICS } from "./metrics.js";
import { fillSurvival } from "./survival.js";

const M_SALES = METRIC_INDEX.sales;
const M_EV_SHARE = METRIC_INDEX.ev_sales_share;
const M_STOCK = METRIC_INDEX.stock;
const M_EV_STOCK = METRIC_INDEX.ev_stock;
const M_RETIRE = METRIC_INDEX.retirements;
const M_VKT = METRIC_INDEX.vkt;
const M_FUEL = METRIC_INDEX.fuel_use;
const M_ELEC = METRIC_INDEX.electricity_demand;
const M_TTW = METRIC_INDEX.co2_ttw;
const M_WTW = METRIC_INDEX.co2_wtw;
const M_OIL = METRIC_INDEX.oil_import_cost;

const AGES = MAX_AGE + 2; // survival rows hold S(0..MAX_AGE) and a trailing 0

/** What a run needs besides the parameter values: which segments are in market mode and what counts as EV. */
export interface RunFlags {
  readonly modes: Uint8Array;
  readonly evMask: Uint8Array;
}

export class Engine {
  readonly nYears: number;
  readonly baseYear: number;
  /** Vintages from baseYear - MAX_AGE to the end year. */
  readonly nVintages: number;
  private readonly L: ParamLayout;
  private readonly survival = new Float64Array(N_SEG * AGES);
  /** Vehicles by segment, powertrain and vintage, at the end of the current year. */
  private readonly stockV: Float64Array;
  /** Fuel-economy and EV-energy factors by segment and vintage (1 at the base year). */
  private readonly feFactor: Float64Array;
  private readonly evFactor: Float64Array;
  private readonly salesNow = new Float64Array(N_SEG);
  private readonly salesPt = new Float64Array(N_SEG * N_PT);
  private readonly histShare = new Float64Array(N_PT);

  constructor(layout: ParamLayout, baseYear: number) {
    this.L = layout;
    this.nYears = layout.nYears;
    this.baseYear = baseYear;
    this.nVintages = MAX_AGE + this.nYears;
    this.stockV = new Float64Array(N_SEG * N_PT * this.nVintages);
    this.feFactor = new Float64Array(N_SEG * this.nVintages);
    this.evFactor = new Float64Array(N_SEG * this.nVintages);
  }

  newOutput(): Float64Array {
    return new Float64Array(outputLength(this.nYears));
  }

  /** Evaluate the model for one compiled parameter buffer into `out` (length outputLength(nYears)). */
  run(p: Float64Array, flags: RunFlags, out: Float64Array): void {
    const T = this.nYears;
    const L = this.L;
    out.fill(0);
    this.prepareVintageFactors(p);
    for (let s = 0; s < N_SEG; s++) {
      fillSurvival(this.survival, s * AGES, MAX_AGE, p[L.seg["fleet.survival_lambda"][s]], p[L.seg["fleet.survival_shape"][s]]);
    }
    this.stockV.fill(0);

    for (let t = 0; t < T; t++) {
      for (let s = 0; s < N_SEG; s++) {
        // Sales: base-year figure grown by dated rates.
        const total = t === 0 ? p[L.seg["sales.base_year"][s]] : this.salesNow[s] * (1 + p[L.seg["sales.growth_rate"][s] + t]);
        this.salesNow[s] = total;
        this.targetShares(p, s, t, total);
        const sv = s * N_PT;
        let evSales = 0;
        for (let q = 0; q < N_PT; q++) {
          const x = this.salesPt[sv + q];
          out[((M_SALES * SEG_SLOTS + s) * BRK_SLOTS + q) * T + t] = x;
          if (flags.evMask[q]) evSales += x;
        }
        out[((M_EV_SHARE * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = total > 0 ? evSales / total : 0;
        if (t === 0) this.initialiseBaseStock(p, s, out);
        else this.turnOver(s, t, out);
        this.writeStock(s, t, out);
        this.activityEnergyEmissions(p, s, t, out, flags);
      }
    }
    this.aggregate(out);
    // Shares of totals are ratios of sums, formed after aggregation.
    for (let t = 0; t < T; t++) {
      let ev = 0;
      let all = 0;
      for (let s = 0; s < N_SEG; s++) {
        for (let q = 0; q < N_PT; q++) {
          const x = out[((M_SALES * SEG_SLOTS + s) * BRK_SLOTS + q) * T + t];
          all += x;
          if (flags.evMask[q]) ev += x;
        }
      }
      out[((M_EV_SHARE * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + BRK_ALL) * T + t] = all > 0 ? ev / all : 0;
    }
  }

  /** Targets mode: EV share on its dated path, split BEV/PHEV; HEV on its path; ICE takes the rest. */
  private targetShares(p: Float64Array, s: number, t: number, total: number): void {
    const L = this.L;
    const ev = p[L.seg["adoption.target_ev_share"][s] + t];
    const bevF = p[L.seg["adoption.bev_fraction_of_ev"][s] + t];
    const hev = Math.min(p[L.seg["adoption.hev_share"][s] + t], 1 - ev);
    const sv = s * N_PT;
    this.salesPt[sv + BEV] = total * ev * bevF;
    this.salesPt[sv + PHEV] = total * ev * (1 - bevF);
    this.salesPt[sv + HEV] = total * hev;
    this.salesPt[sv + ICE] = total * (1 - ev - hev);
  }

  /** Fuel economy and EV energy use of each vintage relative to a base-year new vehicle. */
  private prepareVintageFactors(p: Float64Array): void {
    const L = this.L;
    const nV = this.nVintages;
    for (let s = 0; s < N_SEG; s++) {
      const feOff = L.seg["energy.fuel_economy_improvement"][s];
      const evOff = L.seg["energy.ev_efficiency_improvement"][s];
      // Vintages before the base year: the base-year improvement rate, applied backwards (older is thirstier).
      const fe0 = p[feOff];
      const ev0 = p[evOff];
      for (let a = MAX_AGE; a >= 0; a--) {
        const vi = MAX_AGE - a;
        this.feFactor[s * nV + vi] = Math.pow(1 - fe0, -a);
        this.evFactor[s * nV + vi] = Math.pow(1 - ev0, -a);
      }
      for (let t = 1; t < this.nYears; t++) {
        const vi = MAX_AGE + t;
        this.feFactor[s * nV + vi] = this.feFactor[s * nV + vi - 1] * (1 - p[feOff + t]);
        this.evFactor[s * nV + vi] = this.evFactor[s * nV + vi - 1] * (1 - p[evOff + t]);
      }
    }
  }

  /**
   * Base-year stock by vintage: back-cast sales at the historical growth rate, apply survival. Existing EVs, PHEVs
   * and HEVs are spread over recent vintages in proportion to sales that grew at the historical EV growth rate.
   */
  private initialiseBaseStock(p: Float64Array, s: number, out: Float64Array): void {
    const L = this.L;
    const T = this.nYears;
    const nV = this.nVintages;
    const sa = s * AGES;
    const g = p[L.seg["sales.historical_growth_rate"][s]];
    const gEv = p[L.one["fleet.historical_ev_sales_growth"]];
    const base = this.salesNow[s];
    const sv = s * N_PT;
    // Vehicles of other powertrains that must come from earlier vintages (the base-year vintage is this year's sales).
    const hs = this.histShare;
    hs[ICE] = 0;
    hs[HEV] = Math.max(0, p[L.seg["fleet.base_hev_stock"][s]] - this.salesPt[sv + HEV]);
    hs[PHEV] = Math.max(0, p[L.seg["fleet.base_phev_stock"][s]] - this.salesPt[sv + PHEV]);
    hs[BEV] = Math.max(0, p[L.seg["fleet.base_bev_stock"][s]] - this.salesPt[sv + BEV]);
    let wSum = 0;
    for (let a = 1; a <= MAX_AGE; a++) wSum += Math.pow(1 + gEv, -a) * this.survival[sa + a];
    const retiredPt0 = ((M_RETIRE * SEG_SLOTS + s) * BRK_SLOTS) * T;
    for (let a = 0; a <= MAX_AGE + 1; a++) {
      const vi = MAX_AGE - a; // vintage index; a = MAX_AGE + 1 lies before the array and only retires
      const hist = base * Math.pow(1 + g, -a);
      const alive = hist * this.survival[sa + a];
      const lastYear = a >= 1 ? hist * this.survival[sa + a - 1] : 0;
      if (a === 0) {
        for (let q = 0; q < N_PT; q++) this.stockV[(sv + q) * nV + vi] = this.salesPt[sv + q];
        continue;
      }
      // Split this vintage between powertrains; non-ICE first, capped by what the vintage holds.
      const w = wSum > 0 ? (Math.pow(1 + gEv, -a) * this.survival[sa + a]) / wSum : 0;
      let nonIce = 0;
      for (let q = 1; q < N_PT; q++) nonIce += hs[q] * w;
      const scale = nonIce > alive && nonIce > 0 ? alive / nonIce : 1;
      const ratio = alive > 0 ? lastYear / alive : 0;
      let ice = alive;
      for (let q = 1; q < N_PT; q++) {
        const x = a <= MAX_AGE ? hs[q] * w * scale : 0;
        if (vi >= 0) this.stockV[(sv + q) * nV + vi] = x;
        ice -= x;
        // Retirement during the base year of this vintage's powertrain q, in proportion to its survivors.
        const r = a <= MAX_AGE ? x * (ratio - 1) : 0;
        out[retiredPt0 + q * T] += r;
      }
      if (a <= MAX_AGE) {
        this.stockV[(sv + ICE) * nV + vi] = ice;
        const r = ice * (ratio - 1);
        out[retiredPt0 + ICE * T] += r;
      } else {
        out[retiredPt0 + ICE * T] += lastYear;
      }
    }
  }

  /** One year of turnover: every vintage survives from age a-1 to a; the new vintage enters as this year's sales. */
  private turnOver(s: number, t: number, out: Float64Array): void {
    const T = this.nYears;
    const nV = this.nVintages;
    const sa = s * AGES;
    const sv = s * N_PT;
    const year = t; // years since base; the vintage index of this year's sales is MAX_AGE + t
    const retiredPt0 = ((M_RETIRE * SEG_SLOTS + s) * BRK_SLOTS) * T;
    for (let q = 0; q < N_PT; q++) {
      const row = (sv + q) * nV;
      let retired = 0;
      const first = Math.max(0, year - 1); // vintage index of the oldest vehicle that can still be alive (age MAX_AGE+1)
      for (let vi = first; vi < MAX_AGE + year; vi++) {
        const age = MAX_AGE + year - vi;
        const before = this.stockV[row + vi];
        if (before === 0) continue;
        const prev = this.survival[sa + age - 1];
        const after = prev > 0 ? (before * this.survival[sa + age]) / prev : 0;
        this.stockV[row + vi] = after;
        retired += before - after;
      }
      this.stockV[row + MAX_AGE + year] = this.salesPt[sv + q];
      out[retiredPt0 + q * T + t] = retired;
    }
  }

  private writeStock(s: number, t: number, out: Float64Array): void {
    const T = this.nYears;
    const nV = this.nVintages;
    const sv = s * N_PT;
    for (let q = 0; q < N_PT; q++) {
      const row = (sv + q) * nV;
      let n = 0;
      for (let vi = 0; vi <= MAX_AGE + t; vi++) n += this.stockV[row + vi];
      out[((M_STOCK * SEG_SLOTS + s) * BRK_SLOTS + q) * T + t] = n;
    }
  }

  /** Vehicle-km, fuel and electricity use, and CO2 of one segment in one year, summed over vintages. */
  private activityEnergyEmissions(p: Float64Array, s: number, t: number, out: Float64Array, flags: RunFlags): void {
    const L = this.L;
    const T = this.nYears;
    const nV = this.nVintages;
    const sv = s * N_PT;
    const vkt0 = p[L.seg["activity.vkt_new"][s] + t];
    const keep = 1 - p[L.seg["activity.vkt_decline"][s] + t];
    const mixP = p[L.seg["energy.fuel_mix_petrol"][s] + t];
    const mixD = p[L.seg["energy.fuel_mix_diesel"][s] + t];
    const mixC = p[L.seg["energy.fuel_mix_cng"][s] + t];
    const mixSum = mixP + mixD + mixC;
    // Fuel per km of a base-year new ICE vehicle, by fuel, weighted by the km share of that fuel.
    const fP = mixSum > 0 ? (mixP / mixSum) * p[L.seg["energy.fuel_economy_petrol"][s]] * 0.01 : 0;
    const fD = mixSum > 0 ? (mixD / mixSum) * p[L.seg["energy.fuel_economy_diesel"][s]] * 0.01 : 0;
    const fC = mixSum > 0 ? (mixC / mixSum) * p[L.seg["energy.fuel_economy_cng"][s]] * 0.01 : 0;
    const hevKeep = 1 - p[L.seg["energy.hev_fuel_saving"][s] + t];
    const uf = p[L.seg["energy.phev_utility_factor"][s] + t];
    const kwhPerKm0 = p[L.seg["energy.ev_energy_use"][s]];
    const chargeEff = p[L.one["energy.charging_efficiency"] + t];
    const solar = p[L.seg["energy.solar_charging_share"][s] + t];
    const efP = p[L.one["emissions.ttw_petrol"] + t];
    const efD = p[L.one["emissions.ttw_diesel"] + t];
    const efC = p[L.one["emissions.ttw_cng"] + t];
    const upP = p[L.one["emissions.wtt_petrol"] + t];
    const upD = p[L.one["emissions.wtt_diesel"] + t];
    const upC = p[L.one["emissions.wtt_cng"] + t];
    const grid = p[L.one["emissions.grid_intensity"] + t];
    const cngToPetrolL = p[L.one["energy.energy_content_cng"] + t] / p[L.one["energy.energy_content_petrol"] + t];

    let petrol = 0;
    let diesel = 0;
    let cng = 0;
    let kwhAll = 0;
    let evStock = 0;
    for (let q = 0; q < N_PT; q++) {
      const row = (sv + q) * nV;
      // Share of km on fuel (1 for ICE and HEV; 1-UF for PHEV; 0 for BEV) and the fuel intensity multiplier.
      const fuelKm = q === BEV ? 0 : q === PHEV ? 1 - uf : 1;
      const fuelMul = q === HEV ? hevKeep : 1;
      const elecKm = q === BEV ? 1 : q === PHEV ? uf : 0;
      let km = 0;
      let fuelKmWeighted = 0; // sum of km x vintage fuel factor
      let elecKwh = 0;
      let stock = 0;
      let kmPerVeh = vkt0; // at age 0
      for (let vi = MAX_AGE + t; vi >= 0 && vi >= t - 1; vi--) {
        const n = this.stockV[row + vi];
        if (n !== 0) {
          const k = n * kmPerVeh;
          km += k;
          stock += n;
          fuelKmWeighted += k * this.feFactor[s * nV + vi];
          elecKwh += k * this.evFactor[s * nV + vi];
        }
        kmPerVeh *= keep;
      }
      const fk = fuelKmWeighted * fuelKm * fuelMul;
      const lp = fk * fP;
      const ld = fk * fD;
      const kc = fk * fC;
      const kwhGrid = (elecKwh * elecKm * kwhPerKm0) / chargeEff;
      petrol += lp;
      diesel += ld;
      cng += kc;
      kwhAll += kwhGrid;
      if (flags.evMask[q]) evStock += stock;
      const ttw = (lp * efP + ld * efD + kc * efC) * 0.001; // kg -> t
      const wtw = ttw + (lp * upP + ld * upD + kc * upC + kwhGrid * grid * (1 - solar)) * 0.001;
      out[((M_VKT * SEG_SLOTS + s) * BRK_SLOTS + q) * T + t] = km;
      out[((M_TTW * SEG_SLOTS + s) * BRK_SLOTS + q) * T + t] = ttw;
      out[((M_WTW * SEG_SLOTS + s) * BRK_SLOTS + q) * T + t] = wtw;
    }
    out[((M_EV_STOCK * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = evStock;
    out[((M_FUEL * SEG_SLOTS + s) * BRK_SLOTS + PETROL) * T + t] = petrol;
    out[((M_FUEL * SEG_SLOTS + s) * BRK_SLOTS + DIESEL) * T + t] = diesel;
    out[((M_FUEL * SEG_SLOTS + s) * BRK_SLOTS + CNG) * T + t] = cng * cngToPetrolL;
    out[((M_ELEC * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = kwhAll * 1e-6; // kWh -> GWh
    const barrels = (petrol + diesel) / LITRES_PER_BARREL;
    const price = p[L.one["economy.oil_price"] + t] * (1 + p[L.one["economy.refined_product_premium"] + t]);
    out[((M_OIL * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = barrels * price * p[L.one["economy.oil_import_share"] + t];
  }

  /** Fill breakdown totals and the all-segment row for every summed metric. */
  private aggregate(out: Float64Array): void {
    const T = this.nYears;
    for (let m = 0; m < N_METRICS; m++) {
      const def = METRICS[m];
      if (def.aggregation !== "sum") continue;
      const nb = def.breakdown ? (def.breakdown === "powertrain" ? N_PT : 3) : 0;
      for (let s = 0; s < N_SEG; s++) {
        if (nb === 0) continue;
        const base = (m * SEG_SLOTS + s) * BRK_SLOTS * T;
        for (let t = 0; t < T; t++) {
          let x = 0;
          for (let b = 0; b < nb; b++) x += out[base + b * T + t];
          out[base + BRK_ALL * T + t] = x;
        }
      }
      for (let b = 0; b < BRK_SLOTS; b++) {
        const dst = ((m * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + b) * T;
        for (let t = 0; t < T; t++) {
          let x = 0;
          for (let s = 0; s < N_SEG; s++) x += out[((m * SEG_SLOTS + s) * BRK_SLOTS + b) * T + t];
          out[dst + t] = x;
        }
      }
    }
  }
}
