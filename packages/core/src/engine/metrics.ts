// The stable output metric ids (docs/model.md section 12) and how each is laid out and aggregated.
import { CHARGER_TYPES, CHEMISTRIES, FUELS, POWERTRAINS } from "../domain.js";

export type Breakdown = "powertrain" | "fuel" | "chemistry" | "charger_type";
export const BREAKDOWN_KEYS: Readonly<Record<Breakdown, readonly string[]>> = {
  powertrain: POWERTRAINS,
  fuel: FUELS,
  chemistry: CHEMISTRIES,
  charger_type: CHARGER_TYPES,
};

export interface MetricDef {
  readonly id: string;
  readonly unit: string;
  readonly label: string;
  readonly breakdown?: Breakdown;
  /**
   * How totals are formed. `sum`: the engine writes segment x breakdown cells; breakdown and segment totals are
   * sums. `written`: the engine writes every row it reports itself (ratios, averages, national quantities such as
   * chargers, whose segment rows stay zero).
   */
  readonly aggregation: "sum" | "written";
  /** Default sense of a target on this metric. */
  readonly sense: "at_least" | "at_most";
  /** Only a national total is meaningful (segment rows are zero). */
  readonly national?: boolean;
}

// Generic in the id, so that `MetricId` is the union of the literal ids and `METRIC_INDEX.salse` is a type error.
const m = <I extends string>(
  id: I,
  unit: string,
  label: string,
  aggregation: MetricDef["aggregation"],
  breakdown?: Breakdown,
  sense: MetricDef["sense"] = "at_least",
  national = false,
): MetricDef & { readonly id: I } => ({ id, unit, label, aggregation, breakdown, sense, national });

export const METRICS = [
  // Fleet and energy (issue 2)
  m("sales", "vehicles", "New vehicle sales", "sum", "powertrain"),
  m("ev_sales_share", "fraction", "EV share of new sales", "written"),
  m("stock", "vehicles", "Vehicles in use", "sum", "powertrain"),
  m("ev_stock", "vehicles", "EVs in use", "sum"),
  m("retirements", "vehicles", "Vehicles retired", "sum", "powertrain"),
  m("vkt", "vehicle-km", "Vehicle-kilometres travelled", "sum", "powertrain"),
  m("fuel_use", "litres (CNG as petrol-equivalent litres)", "Fuel use", "sum", "fuel", "at_most"),
  m("electricity_demand", "GWh", "Electricity for charging", "sum"),
  m("co2_ttw", "t CO2", "Tank-to-wheel CO2", "sum", "powertrain", "at_most"),
  m("co2_wtw", "t CO2", "Well-to-wheel CO2 (incl. electricity)", "sum", "powertrain", "at_most"),
  m("oil_import_cost", "USD", "Oil import cost of road fuel", "sum", undefined, "at_most"),
  m("fuel_price", "PKR/L (CNG PKR/kg)", "Pump price of fuel, levies included", "written", "fuel", "at_most", true),
  // Consumers, batteries' cost and the fiscal ledger (issue 3)
  m("tco_per_km", "PKR/km", "Cost of ownership per km, new vehicle (sales-weighted across segments)", "written", "powertrain", "at_most"),
  m("ev_payback_years", "years", "Payback of a BEV over its ICE counterpart", "written", undefined, "at_most"),
  m("pack_cost", "USD/kWh", "Battery pack cost", "written", "chemistry", "at_most"),
  m("pack_chemistry_share", "fraction", "Chemistry mix of new EV packs (by kWh)", "written", "chemistry"),
  m("subsidised_vehicles", "vehicles", "EVs receiving the purchase subsidy", "sum"),
  m("subsidy_outlay", "PKR", "Purchase subsidy outlay", "sum", undefined, "at_most"),
  m("financing_support", "PKR", "Markup (interest) support on EV loans", "sum", undefined, "at_most"),
  m("tax_forgone", "PKR", "Sales tax, duty and registration forgone on EVs", "sum", undefined, "at_most"),
  m("nev_levy_revenue", "PKR", "NEV levy revenue from combustion vehicles", "sum"),
  m("fuel_levy_lost", "PKR", "Petroleum and carbon levy lost on fuel displaced by EVs", "sum", undefined, "at_most"),
  m("electricity_tax_gained", "PKR", "Sales tax on charging electricity", "sum"),
  m("charger_support", "PKR", "Government share of public charger capital cost", "written", undefined, "at_most", true),
  m("net_fiscal", "PKR", "Net fiscal cost (positive = cost to the treasury)", "written", undefined, "at_most"),
  // Infrastructure, grid, batteries, industry (issue 4)
  m("public_chargers", "charge points", "Public charge points installed", "written", "charger_type", "at_least", true),
  m("new_public_chargers", "charge points", "Public charge points added in the year", "written", "charger_type", "at_least", true),
  m("charger_capex", "PKR", "Capital cost of new public charge points", "written", "charger_type", "at_most", true),
  m("peak_charging_load", "MW", "Charging load at the system peak", "sum", undefined, "at_most"),
  m("battery_demand", "GWh", "New battery demand", "sum", "chemistry"),
  m("battery_demand_cumulative", "GWh", "Cumulative battery demand since the base year", "sum", "chemistry"),
  m("battery_retirements", "GWh", "Battery capacity retiring with vehicles", "sum"),
  m("lithium_demand", "t LCE", "Lithium demand of new packs", "sum", "chemistry"),
  m("local_value_added", "PKR", "Domestic value added in EVs, packs and chargers", "sum"),
  m("jobs", "jobs", "Direct jobs in EV assembly, packs and chargers", "sum"),
  m("ev_imports", "USD", "Imports of EVs, EV components and packs above the ICE they replace", "sum", undefined, "at_most"),
  m("ev_exports", "USD", "EV exports", "sum"),
  m("fx_net", "USD", "Net foreign exchange: oil imports avoided by EVs minus added EV imports, plus exports", "sum"),
] as const satisfies readonly MetricDef[];

export type MetricId = (typeof METRICS)[number]["id"];
/** Row index of each metric in the output buffer. Typed: only known ids index it. */
export const METRIC_INDEX: Readonly<Record<MetricId, number>> = Object.freeze(Object.fromEntries(METRICS.map((d, i) => [d.id, i])) as Record<MetricId, number>);
export const N_METRICS = METRICS.length;

export function isMetricId(id: string): id is MetricId {
  return Object.prototype.hasOwnProperty.call(METRIC_INDEX, id);
}

/** Row index of a metric named at run time (user input, files): throws on an unknown id rather than giving NaN. */
export function metricIndex(id: string): number {
  if (!isMetricId(id)) throw new Error(`unknown metric "${id}"`);
  return METRIC_INDEX[id];
}

export function metricDef(id: string): MetricDef | undefined {
  return isMetricId(id) ? METRICS[METRIC_INDEX[id]] : undefined;
}
