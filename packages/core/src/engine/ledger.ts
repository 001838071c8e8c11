// The fiscal ledger (docs/model.md section 9): every line of the treasury's position in one place, per segment
// and year (PKR): the scheme's outlays (purchase subsidy, markup support), taxes forgone on EVs, the NEV levy on
// combustion vehicles, petroleum and carbon levies lost on fuel the EVs displace, sales tax on charging
// electricity, and the government's share of public charger capital (national). Net = cost to the treasury.
import { BEV, HEV, ICE, PHEV, N_PT } from "../domain.js";
import { chargerCapexTotal } from "./infrastructure.js";
import { BRK_ALL, SEG_TOTAL, cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";

/** One segment's ledger lines in year t. */
export function ledgerYear(p: Float64Array, L: ParamLayout, s: number, t: number, st: YearState, out: Float64Array): void {
  const T = L.nYears;
  const o = s * N_PT;
  const c = st.costs;
  const subsidised = st.subsidised[s];
  const subsidy = subsidised * c.purchaseSubsidy[s];
  const financing = subsidised * c.loanSupport[s];
  const forgone = st.salesPt[o + BEV] * c.taxForgone[o + BEV] + st.salesPt[o + PHEV] * c.taxForgone[o + PHEV];
  const levy = st.salesPt[o + ICE] * c.levy[o + ICE] + st.salesPt[o + HEV] * c.levy[o + HEV];
  const carbon = p[L.one["taxes.carbon_levy"] + t];
  const fuelLevy =
    st.displacedPetrolL[s] * (p[L.one["taxes.petroleum_levy_petrol"] + t] + carbon) +
    st.displacedDieselL[s] * (p[L.one["taxes.petroleum_levy_diesel"] + t] + carbon);
  const gst = p[L.one["taxes.electricity_sales_tax"] + t];
  // Tariffs include sales tax: the tax is the tariff x gst / (1 + gst).
  const elecTax = (st.gridKwh[s] * c.tariff[s] * gst) / (1 + gst);
  out[cell(MI.subsidised_vehicles, s, BRK_ALL, T, t)] = subsidised;
  out[cell(MI.subsidy_outlay, s, BRK_ALL, T, t)] = subsidy;
  out[cell(MI.financing_support, s, BRK_ALL, T, t)] = financing;
  out[cell(MI.tax_forgone, s, BRK_ALL, T, t)] = forgone;
  out[cell(MI.nev_levy_revenue, s, BRK_ALL, T, t)] = levy;
  out[cell(MI.fuel_levy_lost, s, BRK_ALL, T, t)] = fuelLevy;
  out[cell(MI.electricity_tax_gained, s, BRK_ALL, T, t)] = elecTax;
  out[cell(MI.net_fiscal, s, BRK_ALL, T, t)] = subsidy + financing + forgone + fuelLevy - levy - elecTax;
}

/** The national line: the government's share of the capital cost of the public points added this year. */
export function chargerSupportYear(p: Float64Array, L: ParamLayout, t: number, st: YearState, out: Float64Array): void {
  const support = chargerCapexTotal(st) * p[L.one["charging.government_capex_share"] + t];
  st.national.chargerSupportPkr = support;
  out[cell(MI.charger_support, SEG_TOTAL, BRK_ALL, L.nYears, t)] = support;
}
