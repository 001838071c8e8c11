// The fiscal ledger (docs/model.md section 9): every line of the treasury's position in one place, per segment
// and year (PKR): the scheme's outlays (purchase subsidy, markup support), the revenue change against the vehicles
// and fuel the EVs displace (vehicle taxes, NEV levy, petroleum and carbon levies and customs duty on fuel, sales
// tax on charging electricity), the government's share of public charger capital (national), and, beside the
// net, the tax expenditure of EV concessions. Net = outlays - revenue change: the cost to the treasury.
import { BEV, HEV, ICE, PHEV, N_PT } from "../domain.js";
import { chargerCapexTotal } from "./infrastructure.js";
import { BRK_ALL, SEG_TOTAL, cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";

/**
 * One segment's ledger lines in year t. Revenue is counted against what each EV displaces: an EV pays its own
 * taxes where the combustion vehicle it replaces would have paid ICE taxes and the NEV levy (an EV taxed at the
 * same rate as a cheaper ICE raises revenue), and its km no longer pay the petroleum and carbon levies or the
 * customs duty on imported fuel. The tax expenditure (EV concessions against standard rates) answers a different
 * question, what the concessions cost at EV prices, and is reported beside the net, not in it.
 */
export function ledgerYear(p: Float64Array, L: ParamLayout, s: number, t: number, st: YearState, out: Float64Array): void {
  const T = L.nYears;
  const o = s * N_PT;
  const c = st.costs;
  const subsidised = st.subsidised[s];
  const subsidy = subsidised * c.purchaseSubsidy[s];
  const financing = subsidised * c.loanSupport[s];
  const bev = st.salesPt[o + BEV];
  const phev = st.salesPt[o + PHEV];
  const expenditure = bev * c.taxForgone[o + BEV] + phev * c.taxForgone[o + PHEV];
  const vehicleTax = bev * (c.taxPaid[o + BEV] - c.taxPaid[o + ICE]) + phev * (c.taxPaid[o + PHEV] - c.taxPaid[o + ICE]);
  const levy = st.salesPt[o + ICE] * c.levy[o + ICE] + st.salesPt[o + HEV] * c.levy[o + HEV];
  const carbon = p[L.one["taxes.carbon_levy"] + t];
  const fuelLevy =
    st.displacedPetrolL[s] * (p[L.one["taxes.petroleum_levy_petrol"] + t] + carbon) +
    st.displacedDieselL[s] * (p[L.one["taxes.petroleum_levy_diesel"] + t] + carbon);
  // Customs duty is charged on the imported share of fuel at its landed (import-parity) value.
  const fuelDuty =
    (st.displacedPetrolL[s] + st.displacedDieselL[s]) * p[L.one["economy.oil_import_share"] + t] * st.importParityPkr * p[L.one["taxes.customs_duty_fuel"] + t];
  const gst = p[L.one["taxes.electricity_sales_tax"] + t];
  // Tariffs include sales tax: the tax is the tariff x gst / (1 + gst).
  const elecTax = (st.gridKwh[s] * c.tariff[s] * gst) / (1 + gst);
  const revenue = vehicleTax + levy + elecTax - fuelLevy - fuelDuty;
  out[cell(MI.subsidised_vehicles, s, BRK_ALL, T, t)] = subsidised;
  out[cell(MI.subsidy_outlay, s, BRK_ALL, T, t)] = subsidy;
  out[cell(MI.financing_support, s, BRK_ALL, T, t)] = financing;
  out[cell(MI.tax_forgone, s, BRK_ALL, T, t)] = expenditure;
  out[cell(MI.tax_expenditure, s, BRK_ALL, T, t)] = expenditure;
  out[cell(MI.vehicle_tax_change, s, BRK_ALL, T, t)] = vehicleTax;
  out[cell(MI.nev_levy_revenue, s, BRK_ALL, T, t)] = levy;
  out[cell(MI.fuel_levy_lost, s, BRK_ALL, T, t)] = fuelLevy;
  out[cell(MI.fuel_duty_lost, s, BRK_ALL, T, t)] = fuelDuty;
  out[cell(MI.electricity_tax_gained, s, BRK_ALL, T, t)] = elecTax;
  out[cell(MI.revenue_change, s, BRK_ALL, T, t)] = revenue;
  out[cell(MI.net_fiscal, s, BRK_ALL, T, t)] = subsidy + financing - revenue;
}

/** The national line: the government's share of the capital cost of the public points added this year. */
export function chargerSupportYear(p: Float64Array, L: ParamLayout, t: number, st: YearState, out: Float64Array): void {
  const support = chargerCapexTotal(st) * p[L.one["charging.government_capex_share"] + t];
  st.national.chargerSupportPkr = support;
  out[cell(MI.charger_support, SEG_TOTAL, BRK_ALL, L.nYears, t)] = support;
}
