// The stable output metric ids (shared/MODEL.md section 12) and how each is laid out and aggregated.
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
   * How the `total` and cross-segment values are formed: `sum` adds segments; `ratio` is computed from summed
   * numerators and denominators by the engine; `national` has only a total (no segment split).
   */
  readonly aggregation: "sum" | "ratio" | "national";
  /** Default sense of a target on this metric. */
  readonly sense: "at_least" | "at_most";
}

const m = (id: string, unit: string, label: string, aggregation: MetricDef["aggregation"], breakdown?: Breakdown, sense: MetricDef["sense"] = "at_least"): MetricDef => ({
  id,
  unit,
  label,
  aggregation,
  breakdown,
  sense,
});

export const METRICS = [
  m("sales", "vehicles", "New vehicle sales", "sum", "powertrain"),
  m("ev_sales_share", "fraction", "EV share of new sales", "ratio"),
  m("stock", "vehicles", "Vehicles in use", "sum", "powertrain"),
  m("ev_stock", "vehicles", "EVs in use", "sum"),
  m("retirements", "vehicles", "Vehicles retired", "sum", "powertrain"),
  m("vkt", "vehicle-km", "Vehicle-kilometres travelled", "sum", "powertrain"),
  m("fuel_use", "litres (CNG as petrol-equivalent litres)", "Fuel use", "sum", "fuel", "at_most"),
  m("electricity_demand", "GWh", "Electricity demand for charging (at the grid)", "sum"),
  m("co2_ttw", "t CO2", "Tank-to-wheel CO2", "sum", "powertrain", "at_most"),
  m("co2_wtw", "t CO2", "Well-to-wheel CO2 (incl. electricity)", "sum", "powertrain", "at_most"),
  m("oil_import_cost", "USD", "Oil import cost of road fuel", "sum", undefined, "at_most"),
] as const satisfies readonly MetricDef[];

export type MetricId = (typeof METRICS)[number]["id"];
export const METRIC_INDEX: Readonly<Record<string, number>> = Object.fromEntries(METRICS.map((d, i) => [d.id, i]));
export const N_METRICS = METRICS.length;

export function metricDef(id: string): MetricDef | undefined {
  const i = METRIC_INDEX[id];
  return i === undefined ? undefined : METRICS[i];
}
