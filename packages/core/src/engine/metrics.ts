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
  m("co2_electricity", "t CO2", "CO2 of the grid electricity EVs charge (at the grid's intensity with the EV demand added)", "sum", "powertrain", "at_most"),
  m("co2_with_electricity", "t CO2", "Road CO2: tank-to-wheel plus the grid electricity EVs charge", "sum", "powertrain", "at_most"),
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
  m("tax_forgone", "PKR", "Tax expenditure on EVs (same as tax_expenditure; kept for existing users)", "sum", undefined, "at_most"),
  m(
    "tax_expenditure",
    "PKR",
    "Tax expenditure: sales tax, duty and registration EVs do not pay against standard (ICE) rates; not in the net",
    "sum",
    undefined,
    "at_most",
  ),
  m("vehicle_tax_change", "PKR", "Vehicle taxes, duties and NEV levy paid on EVs minus those the combustion vehicles they displace would pay", "sum"),
  m("nev_levy_revenue", "PKR", "NEV levy revenue from combustion vehicles", "sum"),
  m("fuel_levy_lost", "PKR", "Petroleum and carbon levy lost on fuel displaced by EVs", "sum", undefined, "at_most"),
  m("fuel_duty_lost", "PKR", "Customs duty lost on imported fuel displaced by EVs", "sum", undefined, "at_most"),
  m("electricity_tax_gained", "PKR", "Sales tax on charging electricity", "sum"),
  m("charger_support", "PKR", "Government share of public charger capital cost", "written", undefined, "at_most", true),
  m(
    "revenue_change",
    "PKR",
    "Revenue change: vehicle taxes against the vehicles displaced, NEV levy, charging sales tax, less fuel levies and duty lost",
    "sum",
  ),
  m(
    "net_fiscal",
    "PKR",
    "Net fiscal cost: outlays (subsidy, markup, charger support) minus the revenue change (positive = cost)",
    "written",
    undefined,
    "at_most",
  ),
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
  m("jobs", "jobs", "Direct jobs in EV assembly, packs and chargers (gross)", "sum"),
  m("jobs_lost", "jobs", "Direct jobs lost in combustion-vehicle assembly and fuel retail to the EVs", "sum"),
  m("jobs_net", "jobs", "Direct jobs net: EV assembly, packs and chargers less combustion assembly and fuel retail lost", "sum"),
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
