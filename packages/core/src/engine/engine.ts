// The engine: one pass over the years; each year runs the stages in order
//   sales -> pack costs -> costs of ownership -> powertrain shares (targets or market, subsidy budget)
//   -> stock turnover -> activity, energy, emissions -> chargers and grid -> batteries, industry, money.
// All working memory is allocated once in the constructor; `run` allocates nothing.
import { BEV, CNG, DIESEL, HEV, ICE, LITRES_PER_BARREL, MAX_AGE, N_CHEM, N_PT, N_SEG, PETROL, PHEV } from "../domain.js";
import { chemistryMix, packCosts } from "./batteries.js";
import { ChoiceState, advanceChoice, calibrate, conditionBarrier, marketShares, resolveBudget, utilities, applyMandate } from "./choice.js";
import { CostTables, computeCosts } from "./costs.js";
import { baseFuelPerKm } from "./fuel.js";
import { N_CT, addPublicEnergy, chargingAccess, peakLoadMw, sizeChargers } from "./infrastructure.js";
import { BRK_ALL, BRK_SLOTS, SEG_SLOTS, SEG_TOTAL, outputLength, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI, METRICS, N_METRICS } from "./metrics.js";
import { fillSurvival } from "./survival.js";

/** Index of one output cell. */
function cell(m: number, s: number, b: number, T: number, t: number): number {
  return ((m * SEG_SLOTS + s) * BRK_SLOTS + b) * T + t;
}

const AGES = MAX_AGE + 2; // survival rows hold S(0..MAX_AGE) and a trailing 0
const PAYBACK_CAP_YEARS = 100;
/** Survival below this is taken as zero, so the vintage loops stop at the segment's last living age. */
const SURVIVAL_EPSILON = 1e-12;

/** What a run needs besides the parameter values: which segments are in market mode and what counts as EV. */
export interface RunFlags {
  readonly modes: Uint8Array;
  readonly evMask: Uint8Array;
  /**
   * The parameters are uncertain knowledge (Monte Carlo, sensitivity), not a scenario's intervention: condition
   * them on the observed base year by recalibrating the barrier depth to the base year's equilibrium (capped by
   * the drawn depth). See docs/model.md, section 3.
   */
  readonly conditionOnBaseYear?: boolean;
}

export class Engine {
  readonly nYears: number;
  readonly baseYear: number;
  /** Vintages from baseYear - MAX_AGE to the end year. */
  readonly nVintages: number;
  private readonly L: ParamLayout;
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
  private readonly feNew = new Float64Array(N_SEG);
  private readonly evNew = new Float64Array(N_SEG);
  private readonly salesNow = new Float64Array(N_SEG);
  private readonly shares = new Float64Array(N_SEG * N_PT);
  private readonly salesPt = new Float64Array(N_SEG * N_PT);
  private readonly histStock = new Float64Array(N_PT);
  private readonly fuelPerKm = new Float64Array(3);
  private readonly costs = new CostTables();
  /** The choice model's state (read after a run by the barrier calibration and the tests; never written outside). */
  readonly choice = new ChoiceState();
  private readonly packCost = new Float64Array(N_CHEM);
  private readonly packCostBase = new Float64Array(N_CHEM);
  private readonly chemMix = new Float64Array(N_SEG * N_CHEM);
  private readonly packUsd = new Float64Array(N_SEG);
  private readonly publicKwh = new Float64Array(N_CT);
  private readonly points = new Float64Array(N_CT);
  private readonly pointsAdded = new Float64Array(N_CT);
  /** Per segment this year: grid kWh of EVs, fuel displaced by EV km (L petrol, L diesel), EV kWh retired. */
  private readonly evGridKwh = new Float64Array(N_SEG);
  private readonly displacedPetrol = new Float64Array(N_SEG);
  private readonly displacedDiesel = new Float64Array(N_SEG);
  private readonly retiredKwh = new Float64Array(N_SEG);
  private readonly cumulativeGwh = new Float64Array(N_SEG * N_CHEM);
  // Per-run context for the subsidy-budget callback (set at the start of each year; no closures per call).
  private runP: Float64Array = new Float64Array(0);
  private runT = 0;
  private runFlags: RunFlags = { modes: new Uint8Array(N_SEG), evMask: new Uint8Array(N_PT) };
  private readonly claim: (f: number) => number;
  /** Claims evaluated so far this year: shares that do not depend on the subsidy are computed on the first only. */
  private claimsThisYear = 0;

  constructor(layout: ParamLayout, baseYear: number) {
    this.L = layout;
    this.nYears = layout.nYears;
    this.baseYear = baseYear;
    this.nVintages = MAX_AGE + this.nYears;
    this.stockV = new Float64Array(N_SEG * N_PT * this.nVintages);
    this.feFactor = new Float64Array(N_SEG * this.nVintages);
    this.evFactor = new Float64Array(N_SEG * this.nVintages);
    this.claim = (f: number) => this.sharesAt(f);
  }

  newOutput(): Float64Array {
    return new Float64Array(outputLength(this.nYears));
  }

  /** Evaluate the model for one compiled parameter buffer into `out` (length outputLength(nYears)). */
  run(p: Float64Array, flags: RunFlags, out: Float64Array): void {
    const T = this.nYears;
    const L = this.L;
    out.fill(0);
    this.stockV.fill(0);
    this.cumulativeGwh.fill(0);
    this.prepareVintageFactors(p);
    for (let s = 0; s < N_SEG; s++) {
      fillSurvival(this.survival, s * AGES, MAX_AGE, p[L.ix["fleet.survival_lambda"][s]], p[L.ix["fleet.survival_shape"][s]]);
      let last = MAX_AGE;
      while (last > 0 && this.survival[s * AGES + last] < SURVIVAL_EPSILON) this.survival[s * AGES + last--] = 0;
      this.lastAge[s] = last;
      const o = s * AGES;
      this.survivalRatio[o] = 1;
      for (let a = 1; a < AGES; a++) this.survivalRatio[o + a] = this.survival[o + a - 1] > 0 ? this.survival[o + a] / this.survival[o + a - 1] : 0;
    }
    this.runP = p;
    this.runFlags = flags;
    // Barrier drivers equal to their base levels make every barrier vanish in the base year, where the constants
    // are calibrated; nothing from a previous run may leak into this one.
    this.choice.accessPrev.fill(0);
    this.choice.accessBase.fill(0);
    this.points.fill(0);

    for (let t = 0; t < T; t++) {
      this.runT = t;
      // Sales: base-year figure grown by dated rates.
      for (let s = 0; s < N_SEG; s++) {
        // PAMA's base-year figures scaled to the whole market (non-member makers, used imports).
        this.salesNow[s] =
          t === 0 ? p[L.ix["sales.base_year"][s]] * p[L.ix["sales.market_coverage"][s]] : this.salesNow[s] * (1 + p[L.ix["sales.growth_rate"][s] + t]);
        this.feNew[s] = this.feFactor[s * this.nVintages + MAX_AGE + t];
        this.evNew[s] = this.evFactor[s * this.nVintages + MAX_AGE + t];
      }
      // Battery pack costs and chemistry mix; costs of ownership.
      packCosts(p, L, t, this.packCost);
      if (t === 0) this.packCostBase.set(this.packCost);
      chemistryMix(p, L, t, this.packCost, this.packCostBase, this.chemMix, this.packUsd);
      computeCosts(p, L, t, this.packUsd, this.feNew, this.evNew, this.costs);
      if (t === 0) calibrate(p, L, this.costs, this.choice);
      utilities(p, L, t, this.costs, this.choice);

      // Powertrain shares, with the subsidy budget resolved within the year.
      const budget = p[L.one["policy.subsidy_budget"] + t] * p[L.one["policy.subsidy_scale"] + t];
      this.claimsThisYear = 0;
      const f = resolveBudget(budget, this.claim);
      for (let s = 0; s < N_SEG; s++) {
        for (let q = 0; q < N_PT; q++) this.salesPt[s * N_PT + q] = this.salesNow[s] * this.shares[s * N_PT + q];
      }

      this.publicKwh.fill(0);
      for (let s = 0; s < N_SEG; s++) {
        this.writeSales(s, t, out, flags);
        if (t === 0) this.initialiseBaseStock(p, s, out);
        this.fleetYear(p, s, t, out, flags);
        addPublicEnergy(p, L, t, s, this.evGridKwh[s] * (1 - p[L.ix["energy.solar_charging_share"][s] + t]), this.publicKwh);
      }
      this.chargersAndGrid(p, t, out);
      for (let s = 0; s < N_SEG; s++) {
        this.batteriesIndustryTrade(p, s, t, out);
        this.ledger(p, s, t, f, out);
      }
      this.updateChoiceDrivers(p, t, out, flags);
      this.writeCostsAndPacks(t, out);
    }
    this.aggregate(out);
    this.writeRatiosAndTotals(out, flags);
  }

  /** Shares of every segment when a share f of BEV buyers gets the subsidy; returns the subsidy claimed, D(f). */
  private sharesAt(f: number): number {
    const p = this.runP;
    const t = this.runT;
    const L = this.L;
    const first = this.claimsThisYear++ === 0;
    let claimed = 0;
    for (let s = 0; s < N_SEG; s++) {
      const market = this.runFlags.modes[s] === 1;
      if (market && (first || this.costs.subsidy[s] !== 0)) marketShares(p, L, t, s, f, this.costs, this.choice, this.runFlags.evMask, this.shares);
      else if (!market && first) this.targetShares(p, s, t);
      claimed += this.salesNow[s] * this.shares[s * N_PT + BEV] * this.costs.subsidy[s];
    }
    return claimed;
  }

  /** Targets mode: EV share on its dated path, split BEV/PHEV; HEV on its path; ICE takes the rest. */
  private targetShares(p: Float64Array, s: number, t: number): void {
    const L = this.L;
    const ev = p[L.ix["adoption.target_ev_share"][s] + t];
    const bevF = p[L.ix["adoption.bev_fraction_of_ev"][s] + t];
    const hev = Math.min(p[L.ix["adoption.hev_share"][s] + t], 1 - ev);
    const o = s * N_PT;
    this.shares[o + BEV] = ev * bevF;
    this.shares[o + PHEV] = ev * (1 - bevF);
    this.shares[o + HEV] = hev;
    this.shares[o + ICE] = 1 - ev - hev;
    applyMandate(p[L.ix["policy.min_ev_share"][s] + t], o, this.runFlags.evMask, this.shares);
  }

  private writeSales(s: number, t: number, out: Float64Array, flags: RunFlags): void {
    const T = this.nYears;
    let ev = 0;
    for (let q = 0; q < N_PT; q++) {
      const x = this.salesPt[s * N_PT + q];
      out[((MI.sales * SEG_SLOTS + s) * BRK_SLOTS + q) * T + t] = x;
      if (flags.evMask[q]) ev += x;
    }
    const total = this.salesNow[s];
    out[((MI.ev_sales_share * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = total > 0 ? ev / total : 0;
  }

  /** Fuel economy and EV energy use of each vintage relative to a base-year new vehicle. */
  private prepareVintageFactors(p: Float64Array): void {
    const L = this.L;
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
   * Base-year stock by vintage: back-cast sales at the historical growth rate, apply survival. Existing BEVs, PHEVs
   * and HEVs beyond this year's sales are spread over earlier vintages in proportion to sales that grew at the
   * historical EV growth rate, times survival.
   */
  private initialiseBaseStock(p: Float64Array, s: number, out: Float64Array): void {
    const L = this.L;
    const T = this.nYears;
    const nV = this.nVintages;
    const sa = s * AGES;
    const g = p[L.ix["sales.historical_growth_rate"][s]];
    const gEv = p[L.one["fleet.historical_ev_sales_growth"]];
    const base = this.salesNow[s];
    const sv = s * N_PT;
    const hs = this.histStock;
    hs[ICE] = 0;
    hs[HEV] = Math.max(0, p[L.ix["fleet.base_hev_stock"][s]] - this.salesPt[sv + HEV]);
    hs[PHEV] = Math.max(0, p[L.ix["fleet.base_phev_stock"][s]] - this.salesPt[sv + PHEV]);
    hs[BEV] = Math.max(0, p[L.ix["fleet.base_bev_stock"][s]] - this.salesPt[sv + BEV]);
    const evBack = 1 / (1 + gEv);
    const back = 1 / (1 + g);
    let wSum = 0;
    let wa = 1;
    for (let a = 1; a <= MAX_AGE; a++) {
      wa *= evBack;
      wSum += wa * this.survival[sa + a];
    }
    let hist = base;
    let evWeight = 1;
    const retiredRow = (MI.retirements * SEG_SLOTS + s) * BRK_SLOTS * T;
    for (let a = 0; a <= MAX_AGE + 1; a++) {
      const vi = MAX_AGE - a; // a = MAX_AGE + 1 lies before the array and only retires
      if (a === 0) {
        for (let q = 0; q < N_PT; q++) this.stockV[(sv + q) * nV + vi] = this.salesPt[sv + q];
        continue;
      }
      hist *= back;
      evWeight *= evBack;
      const alive = hist * this.survival[sa + a];
      const lastYear = hist * this.survival[sa + a - 1];
      if (a > MAX_AGE) {
        out[retiredRow + ICE * T] += lastYear;
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
        out[retiredRow + q * T] += x * (ratio - 1);
      }
      this.stockV[(sv + ICE) * nV + vi] = ice;
      out[retiredRow + ICE * T] += ice * (ratio - 1);
    }
  }

  /**
   * One segment's year in one pass over the vintages of each powertrain: turnover (every vintage survives from
   * age a-1 to a; this year's sales enter as the new vintage; skipped in the base year, whose stock is set up by
   * initialiseBaseStock), then stock, retirements, vehicle-km, fuel and electricity use, CO2 and oil imports.
   */
  private fleetYear(p: Float64Array, s: number, t: number, out: Float64Array, flags: RunFlags): void {
    const L = this.L;
    const ix = L.ix;
    const T = this.nYears;
    const nV = this.nVintages;
    const stockV = this.stockV;
    const survivalRatio = this.survivalRatio;
    const feFactor = this.feFactor;
    const evFactor = this.evFactor;
    const sa = s * AGES;
    const sv = s * N_PT;
    const fv = s * nV;
    const vkt0 = p[ix["activity.vkt_new"][s] + t];
    const keep = 1 - p[ix["activity.vkt_decline"][s] + t];
    baseFuelPerKm(p, L, s, t, this.fuelPerKm);
    const fP = this.fuelPerKm[0];
    const fD = this.fuelPerKm[1];
    const fC = this.fuelPerKm[2];
    const hevKeep = 1 - p[ix["energy.hev_fuel_saving"][s] + t];
    const uf = p[ix["energy.phev_utility_factor"][s] + t];
    const kwhPerKm0 = p[ix["energy.ev_energy_use"][s]];
    const chargeEff = p[L.one["energy.charging_efficiency"] + t];
    const solar = p[ix["energy.solar_charging_share"][s] + t];
    const efP = p[L.one["emissions.ttw_petrol"] + t];
    const efD = p[L.one["emissions.ttw_diesel"] + t];
    const efC = p[L.one["emissions.ttw_cng"] + t];
    const upP = p[L.one["emissions.wtt_petrol"] + t];
    const upD = p[L.one["emissions.wtt_diesel"] + t];
    const upC = p[L.one["emissions.wtt_cng"] + t];
    const grid = p[L.one["emissions.grid_intensity"] + t];
    const cngToPetrolL = p[L.one["energy.energy_content_cng"] + t] / p[L.one["energy.energy_content_petrol"] + t];
    const retiredRow = (MI.retirements * SEG_SLOTS + s) * BRK_SLOTS * T;
    const newest = MAX_AGE + t;
    // The oldest vintage that can hold vehicles: one year past the segment's last living age, which retires now.
    const oldest = Math.max(0, newest - this.lastAge[s] - 1);

    let petrol = 0;
    let diesel = 0;
    let cng = 0;
    let kwhAll = 0;
    let evStock = 0;
    let dispP = 0;
    let dispD = 0;
    let retiredKwh = 0;
    for (let q = 0; q < N_PT; q++) {
      const row = (sv + q) * nV;
      let retired = 0;
      let km = 0;
      let fuelKmWeighted = 0; // sum of km x vintage fuel factor
      let elecKwh = 0;
      let stock = 0;
      let kmPerVeh = vkt0; // at age 0
      if (t === 0) {
        // Base year: the stock by vintage was just set up; no turnover.
        for (let vi = newest; vi >= oldest; vi--) {
          const n = stockV[row + vi];
          if (n !== 0) {
            const k = n * kmPerVeh;
            km += k;
            stock += n;
            fuelKmWeighted += k * feFactor[fv + vi];
            elecKwh += k * evFactor[fv + vi];
          }
          kmPerVeh *= keep;
        }
      } else {
        const n0 = this.salesPt[sv + q];
        stockV[row + newest] = n0;
        km = n0 * kmPerVeh;
        stock = n0;
        fuelKmWeighted = km * feFactor[fv + newest];
        elecKwh = km * evFactor[fv + newest];
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
          fuelKmWeighted += k * feFactor[fv + vi];
          elecKwh += k * evFactor[fv + vi];
        }
      }
      if (t > 0) {
        out[retiredRow + q * T + t] = retired;
        if (q === BEV) retiredKwh += retired * p[ix["vehicles.battery_kwh_bev"][s] + t];
        else if (q === PHEV) retiredKwh += retired * p[ix["vehicles.battery_kwh_phev"][s] + t];
      }
      // Share of km on fuel (1 for ICE and HEV; 1-UF for PHEV; 0 for BEV) and the fuel intensity multiplier.
      const fuelKm = q === BEV ? 0 : q === PHEV ? 1 - uf : 1;
      const fuelMul = q === HEV ? hevKeep : 1;
      const elecKm = q === BEV ? 1 : q === PHEV ? uf : 0;
      const fk = fuelKmWeighted * fuelKm * fuelMul;
      const lp = fk * fP;
      const ld = fk * fD;
      const kc = fk * fC;
      const kwhGrid = (elecKwh * elecKm * kwhPerKm0) / chargeEff;
      // Fuel an ICE vehicle of the same vintage would have burned on the electric km (petrol and diesel only).
      dispP += fuelKmWeighted * elecKm * fP;
      dispD += fuelKmWeighted * elecKm * fD;
      petrol += lp;
      diesel += ld;
      cng += kc;
      kwhAll += kwhGrid;
      if (flags.evMask[q]) evStock += stock;
      const ttw = (lp * efP + ld * efD + kc * efC) * 0.001; // kg -> t
      const wtw = ttw + (lp * upP + ld * upD + kc * upC + kwhGrid * grid * (1 - solar)) * 0.001;
      out[cell(MI.stock, s, q, T, t)] = stock;
      out[cell(MI.vkt, s, q, T, t)] = km;
      out[cell(MI.co2_ttw, s, q, T, t)] = ttw;
      out[cell(MI.co2_wtw, s, q, T, t)] = wtw;
    }
    this.retiredKwh[s] = t > 0 ? retiredKwh : 0;
    this.evGridKwh[s] = kwhAll;
    this.displacedPetrol[s] = dispP;
    this.displacedDiesel[s] = dispD;
    out[cell(MI.ev_stock, s, BRK_ALL, T, t)] = evStock;
    out[cell(MI.fuel_use, s, PETROL, T, t)] = petrol;
    out[cell(MI.fuel_use, s, DIESEL, T, t)] = diesel;
    out[cell(MI.fuel_use, s, CNG, T, t)] = cng * cngToPetrolL;
    out[cell(MI.electricity_demand, s, BRK_ALL, T, t)] = kwhAll * 1e-6; // kWh -> GWh
    out[cell(MI.oil_import_cost, s, BRK_ALL, T, t)] = this.oilUsd(p, t, petrol + diesel);
  }

  /** Import cost (USD) of road fuel in litres: barrels x crude price x refined-product premium x import share. */
  private oilUsd(p: Float64Array, t: number, litres: number): number {
    const L = this.L;
    const price = p[L.one["economy.oil_price"] + t] * (1 + p[L.one["economy.refined_product_premium"] + t]);
    return (litres / LITRES_PER_BARREL) * price * p[L.one["economy.oil_import_share"] + t];
  }

  /** Public chargers by type, their capital cost and the government's share; peak charging load by segment. */
  private chargersAndGrid(p: Float64Array, t: number, out: Float64Array): void {
    const L = this.L;
    const T = this.nYears;
    sizeChargers(p, L, t, this.publicKwh, this.points, this.pointsAdded);
    const govShare = p[L.one["charging.government_capex_share"] + t];
    let capex = 0;
    for (let c = 0; c < N_CT; c++) {
      const cost = this.pointsAdded[c] * p[L.ix["charging.capex"][c] + t];
      capex += cost;
      out[((MI.public_chargers * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + c) * T + t] = this.points[c];
      out[((MI.new_public_chargers * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + c) * T + t] = this.pointsAdded[c];
      out[((MI.charger_capex * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + c) * T + t] = cost;
    }
    out[((MI.public_chargers * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + BRK_ALL) * T + t] = this.points[0] + this.points[1] + this.points[2];
    out[((MI.new_public_chargers * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + BRK_ALL) * T + t] = this.pointsAdded[0] + this.pointsAdded[1] + this.pointsAdded[2];
    out[((MI.charger_capex * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + BRK_ALL) * T + t] = capex;
    out[((MI.charger_support * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + BRK_ALL) * T + t] = capex * govShare;
    for (let s = 0; s < N_SEG; s++) {
      const gridGwh = this.evGridKwh[s] * 1e-6 * (1 - p[L.ix["energy.solar_charging_share"][s] + t]);
      out[((MI.peak_charging_load * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = peakLoadMw(p, L, t, s, gridGwh);
    }
  }

  /** Battery GWh by chemistry, retirements, lithium; local assembly, value added, jobs, imports, exports, FX. */
  private batteriesIndustryTrade(p: Float64Array, s: number, t: number, out: Float64Array): void {
    const L = this.L;
    const ix = L.ix;
    const T = this.nYears;
    const o = s * N_PT;
    const bev = this.salesPt[o + BEV];
    const phev = this.salesPt[o + PHEV];
    const kwhBev = p[ix["vehicles.battery_kwh_bev"][s] + t];
    const kwhPhev = p[ix["vehicles.battery_kwh_phev"][s] + t];
    const exports = p[ix["industry.exports"][s] + t];
    const packKwh = bev * kwhBev + phev * kwhPhev + exports * kwhBev;
    for (let c = 0; c < N_CHEM; c++) {
      const gwh = packKwh * this.chemMix[s * N_CHEM + c] * 1e-6;
      this.cumulativeGwh[s * N_CHEM + c] += gwh;
      out[((MI.battery_demand * SEG_SLOTS + s) * BRK_SLOTS + c) * T + t] = gwh;
      out[((MI.battery_demand_cumulative * SEG_SLOTS + s) * BRK_SLOTS + c) * T + t] = this.cumulativeGwh[s * N_CHEM + c];
      // kg LCE per kWh x kWh -> t.
      out[((MI.lithium_demand * SEG_SLOTS + s) * BRK_SLOTS + c) * T + t] = gwh * 1e6 * p[ix["batteries.lithium_intensity"][c] + t] * 1e-3;
    }
    out[((MI.battery_retirements * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = this.retiredKwh[s] * 1e-6;

    // Industry: EVs assembled here (CKD share of sales, plus exports), their local content, packs, chargers.
    const fx = p[L.one["economy.exchange_rate"] + t];
    const cbuEv = p[ix["industry.cbu_share_ev"][s] + t];
    const cbuIce = p[ix["industry.cbu_share_ice"][s] + t];
    const localShare = p[ix["industry.localisation_share"][s] + t];
    const vaShare = p[L.one["industry.value_added_share"] + t];
    const packLocal = p[L.one["industry.local_pack_assembly_share"] + t];
    const evSales = bev + phev;
    const assembled = evSales * (1 - cbuEv) + exports;
    const priceBev = this.costs.priceEx[o + BEV];
    const pricePhev = this.costs.priceEx[o + PHEV];
    const avgPrice = evSales > 0 ? (bev * priceBev + phev * pricePhev) / evSales : priceBev;
    const packPkr = this.packUsd[s] * fx;
    const localPackKwh = packKwh * (1 - cbuEv) * packLocal;
    let valueAdded = assembled * avgPrice * localShare * vaShare + localPackKwh * packPkr * vaShare;
    let jobs = assembled * p[ix["industry.jobs_per_vehicle"][s] + t] + localPackKwh * 1e-6 * p[L.one["industry.jobs_per_gwh_packs"] + t];
    if (s === 0) {
      // Chargers are national: their installation and upkeep count once, in the first segment's row.
      const capex = out[((MI.charger_capex * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS + BRK_ALL) * T + t];
      valueAdded += capex * vaShare;
      jobs += (this.points[0] + this.points[1] + this.points[2]) * p[L.one["industry.jobs_per_charge_point"] + t];
    }
    out[((MI.local_value_added * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = valueAdded;
    out[((MI.jobs * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = jobs;

    // Imports: import content of the EVs sold above that of the ICE vehicles they replace (USD).
    const evImportShare = cbuEv + (1 - cbuEv) * (1 - localShare);
    const iceImportShare = cbuIce + (1 - cbuIce) * (1 - localShare);
    const evImportsPkr = evSales * avgPrice * evImportShare - evSales * this.costs.priceEx[o + ICE] * iceImportShare;
    const exportUsd = exports * p[ix["industry.export_price"][s] + t];
    const exportImportContent = exports * (avgPrice / fx) * (1 - localShare);
    const evImportsUsd = evImportsPkr / fx + exportImportContent;
    out[((MI.ev_imports * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = evImportsUsd;
    out[((MI.ev_exports * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = exportUsd;
    const oilAvoided = this.oilUsd(p, t, this.displacedPetrol[s] + this.displacedDiesel[s]);
    out[((MI.fx_net * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t] = oilAvoided - evImportsUsd + exportUsd;
  }

  /** The fiscal ledger of one segment (PKR): what EVs and the measures cost and bring the treasury. */
  private ledger(p: Float64Array, s: number, t: number, f: number, out: Float64Array): void {
    const L = this.L;
    const T = this.nYears;
    const o = s * N_PT;
    const c = this.costs;
    const bev = this.salesPt[o + BEV];
    const subsidised = c.subsidy[s] > 0 ? f * bev : 0;
    const subsidy = subsidised * c.purchaseSubsidy[s];
    const financing = subsidised * c.loanSupport[s];
    const forgone = bev * c.taxForgone[o + BEV] + this.salesPt[o + PHEV] * c.taxForgone[o + PHEV];
    const levy = this.salesPt[o + ICE] * c.levy[o + ICE] + this.salesPt[o + HEV] * c.levy[o + HEV];
    const carbon = p[L.one["taxes.carbon_levy"] + t];
    const fuelLevy =
      this.displacedPetrol[s] * (p[L.one["taxes.petroleum_levy_petrol"] + t] + carbon) +
      this.displacedDiesel[s] * (p[L.one["taxes.petroleum_levy_diesel"] + t] + carbon);
    const gst = p[L.one["taxes.electricity_sales_tax"] + t];
    const gridKwh = this.evGridKwh[s] * (1 - p[L.ix["energy.solar_charging_share"][s] + t]);
    // Tariffs include sales tax: the tax is the tariff x gst / (1 + gst).
    const elecTax = (gridKwh * c.tariff[s] * gst) / (1 + gst);
    out[cell(MI.subsidised_vehicles, s, BRK_ALL, T, t)] = subsidised;
    out[cell(MI.subsidy_outlay, s, BRK_ALL, T, t)] = subsidy;
    out[cell(MI.financing_support, s, BRK_ALL, T, t)] = financing;
    out[cell(MI.tax_forgone, s, BRK_ALL, T, t)] = forgone;
    out[cell(MI.nev_levy_revenue, s, BRK_ALL, T, t)] = levy;
    out[cell(MI.fuel_levy_lost, s, BRK_ALL, T, t)] = fuelLevy;
    out[cell(MI.electricity_tax_gained, s, BRK_ALL, T, t)] = elecTax;
    out[cell(MI.net_fiscal, s, BRK_ALL, T, t)] = subsidy + financing + forgone + fuelLevy - levy - elecTax;
  }

  /** End-of-year drivers of next year's choice: public charging access, logits and cumulative adoption. */
  private updateChoiceDrivers(p: Float64Array, t: number, out: Float64Array, flags: RunFlags): void {
    const T = this.nYears;
    const st = this.choice;
    for (let s = 0; s < N_SEG; s++) {
      if (t === 0) {
        let stock = 0;
        for (let q = 0; q < N_PT; q++) stock += out[((MI.stock * SEG_SLOTS + s) * BRK_SLOTS + q) * T + t];
        st.stockBase[s] = stock;
      }
      const access = chargingAccess(p, this.L, t, s, this.points, st.stockBase[s]);
      st.accessPrev[s] = access;
      if (t === 0) st.accessBase[s] = access;
    }
    if (t === 0) conditionBarrier(p, this.L, st, flags.conditionOnBaseYear === true);
    advanceChoice(t, this.shares, flags.evMask, st);
  }

  /** Cost of ownership, payback, pack cost and chemistry mix rows for year t. */
  private writeCostsAndPacks(t: number, out: Float64Array): void {
    const T = this.nYears;
    const c = this.costs;
    const f = this.choiceSubsidyShare(t, out);
    for (let s = 0; s < N_SEG; s++) {
      const o = s * N_PT;
      let wsum = 0;
      let csum = 0;
      for (let q = 0; q < N_PT; q++) {
        const cost = c.costNoSubsidy[o + q] - (q === BEV ? f[s] * c.subsidyPerKm[s] : 0);
        out[cell(MI.tco_per_km, s, q, T, t)] = cost;
        wsum += this.salesPt[o + q];
        csum += this.salesPt[o + q] * cost;
      }
      out[cell(MI.tco_per_km, s, BRK_ALL, T, t)] = wsum > 0 ? csum / wsum : c.costNoSubsidy[o + ICE];
      // Payback: extra upfront cost of a BEV over annual running-cost savings.
      const extra = c.upfront[o + BEV] - f[s] * c.subsidy[s] - c.upfront[o + ICE];
      const saving = (c.runningPerKm[o + ICE] - c.runningPerKm[o + BEV]) * c.km[s];
      out[cell(MI.ev_payback_years, s, BRK_ALL, T, t)] = extra <= 0 ? 0 : saving > 0 ? Math.min(PAYBACK_CAP_YEARS, extra / saving) : PAYBACK_CAP_YEARS;
      for (let k = 0; k < N_CHEM; k++) {
        out[cell(MI.pack_cost, s, k, T, t)] = this.packCost[k];
        out[cell(MI.pack_chemistry_share, s, k, T, t)] = this.chemMix[s * N_CHEM + k];
      }
      out[cell(MI.pack_cost, s, BRK_ALL, T, t)] = this.packUsd[s];
      out[cell(MI.pack_chemistry_share, s, BRK_ALL, T, t)] = 1;
    }
  }

  /** Share of BEV buyers who received the subsidy this year, per segment (from the ledger rows). */
  private readonly fShare = new Float64Array(N_SEG);
  private choiceSubsidyShare(t: number, out: Float64Array): Float64Array {
    const T = this.nYears;
    for (let s = 0; s < N_SEG; s++) {
      const bev = this.salesPt[s * N_PT + BEV];
      const subsidised = out[((MI.subsidised_vehicles * SEG_SLOTS + s) * BRK_SLOTS + BRK_ALL) * T + t];
      this.fShare[s] = bev > 0 ? subsidised / bev : this.costs.subsidy[s] > 0 ? 1 : 0;
    }
    return this.fShare;
  }

  /** Fill breakdown totals and the all-segment row for every summed metric (inner loops run over contiguous years). */
  private aggregate(out: Float64Array): void {
    const T = this.nYears;
    for (let m = 0; m < N_METRICS; m++) {
      const def = METRICS[m];
      if (def.aggregation !== "sum") continue;
      const nb = def.breakdown ? (def.breakdown === "powertrain" ? N_PT : 3) : 0;
      if (nb > 0) {
        for (let s = 0; s < N_SEG; s++) {
          const base = (m * SEG_SLOTS + s) * BRK_SLOTS * T;
          const dst = base + BRK_ALL * T;
          for (let t = 0; t < T; t++) out[dst + t] = out[base + t];
          for (let b = 1; b < nb; b++) {
            const src = base + b * T;
            for (let t = 0; t < T; t++) out[dst + t] += out[src + t];
          }
        }
      }
      const totalBase = (m * SEG_SLOTS + SEG_TOTAL) * BRK_SLOTS * T;
      for (let b = 0; b < BRK_SLOTS; b++) {
        if (b >= nb && b !== BRK_ALL) continue;
        const dst = totalBase + b * T;
        for (let t = 0; t < T; t++) out[dst + t] = out[m * SEG_SLOTS * BRK_SLOTS * T + b * T + t];
        for (let s = 1; s < N_SEG; s++) {
          const src = (m * SEG_SLOTS + s) * BRK_SLOTS * T + b * T;
          for (let t = 0; t < T; t++) out[dst + t] += out[src + t];
        }
      }
    }
  }

  /** Totals that are not plain sums: shares, sales-weighted costs, pack costs, net fiscal cost with chargers. */
  private writeRatiosAndTotals(out: Float64Array, flags: RunFlags): void {
    const T = this.nYears;
    for (let t = 0; t < T; t++) {
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
      // Payback, pack cost and mix: weighted by BEV sales and by battery kWh.
      let wb = 0;
      let pb = 0;
      let kwh = 0;
      let usd = 0;
      for (let s = 0; s < N_SEG; s++) {
        const n = out[cell(MI.sales, s, BEV, T, t)];
        wb += n;
        pb += n * out[cell(MI.ev_payback_years, s, BRK_ALL, T, t)];
        const g = out[cell(MI.battery_demand, s, BRK_ALL, T, t)];
        kwh += g;
        usd += g * out[cell(MI.pack_cost, s, BRK_ALL, T, t)];
      }
      out[cell(MI.ev_payback_years, SEG_TOTAL, BRK_ALL, T, t)] = wb > 0 ? pb / wb : out[cell(MI.ev_payback_years, 2, BRK_ALL, T, t)];
      for (let k = 0; k < N_CHEM; k++) {
        out[cell(MI.pack_cost, SEG_TOTAL, k, T, t)] = out[cell(MI.pack_cost, 0, k, T, t)];
        const g = out[cell(MI.battery_demand, SEG_TOTAL, k, T, t)];
        out[cell(MI.pack_chemistry_share, SEG_TOTAL, k, T, t)] = kwh > 0 ? g / kwh : out[cell(MI.pack_chemistry_share, 2, k, T, t)];
      }
      out[cell(MI.pack_cost, SEG_TOTAL, BRK_ALL, T, t)] = kwh > 0 ? usd / kwh : out[cell(MI.pack_cost, 2, BRK_ALL, T, t)];
      out[cell(MI.pack_chemistry_share, SEG_TOTAL, BRK_ALL, T, t)] = 1;
      // Net fiscal cost: segments' ledgers plus the national charger support.
      let net = out[cell(MI.charger_support, SEG_TOTAL, BRK_ALL, T, t)];
      for (let s = 0; s < N_SEG; s++) net += out[cell(MI.net_fiscal, s, BRK_ALL, T, t)];
      out[cell(MI.net_fiscal, SEG_TOTAL, BRK_ALL, T, t)] = net;
    }
  }
}
