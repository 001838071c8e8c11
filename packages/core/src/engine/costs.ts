// Cost of ownership per segment and powertrain for a buyer of a new vehicle in year t (docs/model.md s. 3, 9):
// upfront price after duties, sales tax, levies, registration, subsidies and loan support, annualised at the
// buyer's discount rate, plus energy, maintenance, insurance and battery replacement, per km.
import { BEV, CNG, DIESEL, HEV, ICE, N_PT, N_SEG, PETROL, PHEV } from "../domain.js";
import { baseFuelPerKm } from "./fuel.js";
import type { ParamLayout } from "./layout.js";

/** Per segment x powertrain tables for one year, reused every year. */
export class CostTables {
  /** Price before duty, sales tax, levies and registration (PKR). */
  readonly priceEx = new Float64Array(N_SEG * N_PT);
  /** Upfront cost to the buyer before subsidy and loan support (PKR). */
  readonly upfront = new Float64Array(N_SEG * N_PT);
  /** Cost per km before the scheme's support (purchase subsidy and markup support) (PKR/km). */
  readonly costNoSubsidy = new Float64Array(N_SEG * N_PT);
  /** Running cost per km: energy and maintenance (PKR/km). */
  readonly runningPerKm = new Float64Array(N_SEG * N_PT);
  /** Tax, duty and registration a BEV or PHEV does not pay against ICE rates (PKR per vehicle): the concession. */
  readonly taxForgone = new Float64Array(N_SEG * N_PT);
  /** Customs duty, sales tax, registration and NEV levy a vehicle pays at its own rates (PKR per vehicle). */
  readonly taxPaid = new Float64Array(N_SEG * N_PT);
  /** NEV levy paid per vehicle (PKR). */
  readonly levy = new Float64Array(N_SEG * N_PT);
  /** Purchase subsidy per BEV (PKR). */
  readonly purchaseSubsidy = new Float64Array(N_SEG);
  /** Government markup cost per BEV sold (expected, with loan uptake) (PKR). */
  readonly loanSupport = new Float64Array(N_SEG);
  /**
   * The scheme's support per BEV: purchase subsidy plus markup support, both paid from the same annual budget (the
   * FY26 allocation covers the cost sharing and the markup), and its value per km to the buyer.
   */
  readonly subsidy = new Float64Array(N_SEG);
  readonly subsidyPerKm = new Float64Array(N_SEG);
  /** Average annual km over the ownership period. */
  readonly km = new Float64Array(N_SEG);
  /** Capital recovery factor at the buyer's discount rate over the ownership period. */
  readonly crf = new Float64Array(N_SEG);
  /** Fuel per km of a new ICE vehicle (L/km of petrol, diesel; kg/km CNG), energy of a new BEV (grid kWh/km). */
  readonly petrolPerKm = new Float64Array(N_SEG);
  readonly dieselPerKm = new Float64Array(N_SEG);
  readonly cngPerKm = new Float64Array(N_SEG);
  readonly gridKwhPerKm = new Float64Array(N_SEG);
  /** Average tariff paid per grid kWh of charging, taxes included (PKR/kWh), and the solar share. */
  readonly tariff = new Float64Array(N_SEG);
  /** Scratch for baseFuelPerKm. */
  readonly fuelScratch = new Float64Array(3);
  /**
   * Powers computed once and reused while their inputs are unchanged (from year to year and run to run: most
   * series are flat): per segment [rate, years] -> capital recovery factor; [decline, years] -> (1 - decline)^years
   * for the average km over ownership; [rate - markup, term] -> the markup-reduced loan's recovery factor, and in
   * the last slot the loan's own [rate, term]. Keys start as NaN, which equals nothing, so the first use computes.
   */
  readonly crfKey = new Float64Array(2 * N_SEG).fill(NaN);
  readonly crfValue = new Float64Array(N_SEG);
  readonly kmKey = new Float64Array(2 * N_SEG).fill(NaN);
  readonly kmPow = new Float64Array(N_SEG);
  readonly loanKey = new Float64Array(2 * (N_SEG + 1)).fill(NaN);
  readonly loanCrf = new Float64Array(N_SEG + 1);
}

export function capitalRecoveryFactor(rate: number, years: number): number {
  if (years <= 0) return 1;
  if (Math.abs(rate) < 1e-12) return 1 / years;
  return rate / (1 - Math.pow(1 + rate, -years));
}

/**
 * Fill the cost tables for year t. `packUsd[s]`: mix-weighted pack cost (USD/kWh); `feNew[s]`, `evNew[s]`: fuel
 * economy and EV energy factors of the year-t vintage relative to a base-year new vehicle; `pumpPrice[f]`: pump
 * prices by fuel, levies included (fuel-prices.ts).
 */
export function computeCosts(
  p: Float64Array,
  L: ParamLayout,
  t: number,
  packUsd: Float64Array,
  feNew: Float64Array,
  evNew: Float64Array,
  pumpPrice: Float64Array,
  out: CostTables,
): void {
  const ix = L.ix;
  const fx = p[L.one["economy.exchange_rate"] + t];
  const petrolPrice = pumpPrice[PETROL];
  const dieselPrice = pumpPrice[DIESEL];
  const cngPrice = pumpPrice[CNG];
  const home = p[L.one["tariffs.home_charging"] + t] * (1 - p[L.one["grid.managed_share"] + t] * p[L.one["tariffs.tou_discount"] + t]);
  const pub = p[L.one["tariffs.public_charging"] + t];
  const swap = p[L.one["tariffs.battery_swap"] + t];
  const chargeEff = p[L.one["energy.charging_efficiency"] + t];
  const loanRate = p[L.one["finance.loan_rate"] + t];
  const loanTerm = p[L.one["finance.loan_term"] + t];
  const subsidyScale = p[L.one["policy.subsidy_scale"] + t];

  for (let s = 0; s < N_SEG; s++) {
    const o = s * N_PT;
    // Prices before taxes.
    const priceIce = p[ix["vehicles.price_ice"][s] + t];
    const packPkrPerKwh = packUsd[s] * fx;
    const kwhBev = p[ix["vehicles.battery_kwh_bev"][s] + t];
    const kwhPhev = p[ix["vehicles.battery_kwh_phev"][s] + t];
    out.priceEx[o + ICE] = priceIce;
    out.priceEx[o + HEV] = priceIce + p[ix["vehicles.price_premium_hev"][s] + t];
    out.priceEx[o + PHEV] = priceIce + p[ix["vehicles.price_premium_phev"][s] + t] + kwhPhev * packPkrPerKwh;
    out.priceEx[o + BEV] = p[ix["vehicles.price_bev_ex_battery"][s] + t] + kwhBev * packPkrPerKwh;

    // Duties by import form, sales tax, registration, NEV levy.
    const cbuIce = p[ix["industry.cbu_share_ice"][s] + t];
    const cbuEv = p[ix["industry.cbu_share_ev"][s] + t];
    const dutyIce = cbuIce * p[ix["taxes.customs_duty_cbu_ice"][s] + t] + (1 - cbuIce) * p[ix["taxes.customs_duty_ckd_ice"][s] + t];
    const dutyEv = cbuEv * p[ix["taxes.customs_duty_cbu_ev"][s] + t] + (1 - cbuEv) * p[ix["taxes.customs_duty_ckd_ev"][s] + t];
    const gstIce = p[ix["taxes.sales_tax_ice"][s] + t];
    const gstHev = p[ix["taxes.sales_tax_hev"][s] + t];
    const gstEv = p[ix["taxes.sales_tax_ev"][s] + t];
    const reg = p[ix["taxes.registration_rate"][s] + t];
    const regExempt = p[ix["policy.ev_registration_exemption"][s] + t];
    const levyRate = p[ix["policy.nev_levy_rate"][s] + t];

    // Running costs per km of a year-t new vehicle.
    baseFuelPerKm(p, L, s, t, out.fuelScratch);
    const fe = feNew[s];
    out.petrolPerKm[s] = out.fuelScratch[0] * fe;
    out.dieselPerKm[s] = out.fuelScratch[1] * fe;
    out.cngPerKm[s] = out.fuelScratch[2] * fe;
    const fuelCostKm = out.petrolPerKm[s] * petrolPrice + out.dieselPerKm[s] * dieselPrice + out.cngPerKm[s] * cngPrice;
    out.gridKwhPerKm[s] = (p[ix["energy.ev_energy_use"][s]] * evNew[s]) / chargeEff;
    const homeShare = p[ix["charging.home_share"][s] + t];
    const swapShare = Math.min(p[ix["charging.swap_share"][s] + t], 1 - homeShare);
    const publicShare = Math.max(0, 1 - homeShare - swapShare);
    // On-site solar covers part of home charging (never more than home charging) at zero marginal cost: its
    // capital is the household's, not the vehicle's. `tariff` is the average paid per kWh drawn from the grid.
    const solar = solarShareOfCharging(p, L, s, t);
    const paid = (homeShare - solar) * home + swapShare * swap + publicShare * pub;
    out.tariff[s] = solar < 1 ? paid / (1 - solar) : 0;
    const elecCostKm = out.gridKwhPerKm[s] * paid;
    const hevKeep = 1 - p[ix["energy.hev_fuel_saving"][s] + t];
    const uf = p[ix["energy.phev_utility_factor"][s] + t];
    const maintIce = p[ix["vehicles.maintenance_ice"][s] + t];
    const maintSave = p[ix["vehicles.ev_maintenance_saving"][s] + t];
    out.runningPerKm[o + ICE] = fuelCostKm + maintIce;
    out.runningPerKm[o + HEV] = fuelCostKm * hevKeep + maintIce;
    out.runningPerKm[o + PHEV] = (1 - uf) * fuelCostKm + uf * elecCostKm + maintIce * (1 - 0.5 * maintSave);
    out.runningPerKm[o + BEV] = elecCostKm + maintIce * (1 - maintSave);

    // Ownership: average km over the period, capital recovery, insurance, battery replacement.
    const n = p[ix["finance.ownership_years"][s] + t];
    const d = p[ix["activity.vkt_decline"][s] + t];
    const vkt0 = p[ix["activity.vkt_new"][s] + t];
    let km = vkt0;
    if (d > 1e-9 && n > 0) {
      if (out.kmKey[2 * s] !== d || out.kmKey[2 * s + 1] !== n) {
        out.kmKey[2 * s] = d;
        out.kmKey[2 * s + 1] = n;
        out.kmPow[s] = Math.pow(1 - d, n);
      }
      km = (vkt0 * (1 - out.kmPow[s])) / (n * d);
    }
    out.km[s] = km;
    const rate = p[ix["finance.discount_rate"][s] + t];
    if (out.crfKey[2 * s] !== rate || out.crfKey[2 * s + 1] !== n) {
      out.crfKey[2 * s] = rate;
      out.crfKey[2 * s + 1] = n;
      out.crfValue[s] = capitalRecoveryFactor(rate, n);
    }
    const crf = out.crfValue[s];
    out.crf[s] = crf;
    const ins = p[ix["vehicles.insurance_rate"][s] + t];
    const packLife = p[ix["batteries.pack_life_years"][s] + t];
    const replacements = packLife > 0 ? Math.max(0, n / packLife - 1) : 0;

    for (let q = 0; q < N_PT; q++) {
      const ev = q === BEV || q === PHEV;
      const duty = ev ? dutyEv : dutyIce;
      const gst = q === ICE ? gstIce : q === HEV ? gstHev : gstEv;
      const px = out.priceEx[o + q];
      const dutied = px * (1 + duty);
      const taxed = dutied * (1 + gst);
      const levy = ev ? 0 : levyRate * dutied;
      const registration = reg * taxed * (ev ? 1 - regExempt : 1);
      out.levy[o + q] = levy;
      out.upfront[o + q] = taxed + levy + registration;
      out.taxPaid[o + q] = taxed - px + levy + registration;
      // What the vehicle would pay at the ICE segment's rates, minus what it pays.
      out.taxForgone[o + q] = ev ? px * (1 + dutyIce) * (1 + gstIce) * (1 + reg) - (taxed + registration) : 0;
      const kwh = q === BEV ? kwhBev : q === PHEV ? kwhPhev : 0;
      const replacementPerYear = n > 0 ? (replacements * kwh * packPkrPerKwh) / n : 0;
      const annual = crf * out.upfront[o + q] + ins * taxed + replacementPerYear;
      out.costNoSubsidy[o + q] = km > 0 ? annual / km + out.runningPerKm[o + q] : 0;
    }

    // BEV purchase subsidy (per vehicle plus per kWh) and markup support on EV loans.
    const sub = subsidyScale * (p[ix["policy.subsidy_per_vehicle"][s] + t] + p[ix["policy.subsidy_per_kwh"][s] + t] * kwhBev);
    out.purchaseSubsidy[s] = sub;
    const markup = Math.min(p[ix["policy.markup_support"][s] + t], loanRate);
    const loan = Math.min(p[ix["finance.loan_cap"][s] + t], out.upfront[o + BEV]);
    // Interest saved over the loan's life: the difference of two annuities on the same principal.
    let perLoan = 0;
    if (markup > 0 && loan > 0) {
      const own = 2 * N_SEG;
      if (out.loanKey[own] !== loanRate || out.loanKey[own + 1] !== loanTerm) {
        out.loanKey[own] = loanRate;
        out.loanKey[own + 1] = loanTerm;
        out.loanCrf[N_SEG] = capitalRecoveryFactor(loanRate, loanTerm);
      }
      const reduced = loanRate - markup;
      if (out.loanKey[2 * s] !== reduced || out.loanKey[2 * s + 1] !== loanTerm) {
        out.loanKey[2 * s] = reduced;
        out.loanKey[2 * s + 1] = loanTerm;
        out.loanCrf[s] = capitalRecoveryFactor(reduced, loanTerm);
      }
      perLoan = loan * loanTerm * (out.loanCrf[N_SEG] - out.loanCrf[s]);
    }
    const support = subsidyScale * p[ix["finance.ev_loan_uptake"][s] + t] * perLoan;
    out.loanSupport[s] = support;
    out.subsidy[s] = sub + support;
    out.subsidyPerKm[s] = km > 0 ? (crf * (sub + support)) / km : 0;
  }
}

/** Share of a segment's charging energy from on-site solar: the parameter, capped at the home-charging share. */
export function solarShareOfCharging(p: Float64Array, L: ParamLayout, s: number, t: number): number {
  return Math.min(p[L.ix["energy.solar_charging_share"][s] + t], p[L.ix["charging.home_share"][s] + t]);
}
