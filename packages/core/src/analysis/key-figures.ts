// The headline figures every face shows (CLI summary and compare, web headline, solve verification): one list,
// so that they agree.
import type { RunResult, ScenarioRun } from "./model.js";
import { cumulative, metricValue } from "./read.js";
import type { MetricId } from "../engine/metrics.js";
import { avoided } from "../views/headlines.js";

export interface KeyFigure {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number;
}

export function keyFigures(run: ScenarioRun, year = 2030): KeyFigure[] {
  const r = run.main;
  const c = r.scenario;
  const y = Math.min(year, c.endYear);
  const y40 = Math.min(2040, c.endYear);
  const cf: RunResult | null = run.counterfactual;
  const v = (m: string, yy = y, seg = "total", key?: string) => metricValue(r, m, seg, yy, key);
  const figs: KeyFigure[] = [
    { id: `ev_sales_share_${y}`, label: `EV share of new sales ${y}`, unit: "fraction", value: v("ev_sales_share") },
    { id: `ev_sales_share_${y40}`, label: `EV share of new sales ${y40}`, unit: "fraction", value: v("ev_sales_share", y40) },
    { id: `ev_stock_${y}`, label: `EVs in use ${y}`, unit: "vehicles", value: v("ev_stock") },
    { id: `net_fiscal_cum_${y}`, label: `Net fiscal cost ${c.baseYear}-${y}`, unit: "PKR", value: cumulative(r, "net_fiscal", "total", c.baseYear, y) },
    { id: `subsidy_outlay_cum_${y}`, label: `Subsidy outlay ${c.baseYear}-${y}`, unit: "PKR", value: cumulative(r, "subsidy_outlay", "total", c.baseYear, y) },
    { id: `public_chargers_${y}`, label: `Public charge points ${y}`, unit: "charge points", value: v("public_chargers") },
    { id: `peak_charging_load_${y}`, label: `Peak charging load ${y}`, unit: "MW", value: v("peak_charging_load") },
    { id: `battery_demand_${y}`, label: `Battery demand ${y}`, unit: "GWh", value: v("battery_demand") },
    { id: `jobs_${y}`, label: `Direct jobs ${y}`, unit: "jobs", value: v("jobs") },
    { id: `fx_net_${y}`, label: `Net foreign exchange ${y}`, unit: "USD", value: v("fx_net") },
    { id: `co2_ttw_${y}`, label: `Road CO2 (tank-to-wheel) ${y}`, unit: "t CO2", value: v("co2_ttw") },
    { id: `co2_ttw_${c.endYear}`, label: `Road CO2 (tank-to-wheel) ${c.endYear}`, unit: "t CO2", value: v("co2_ttw", c.endYear) },
  ];
  if (cf) {
    const d = (m: MetricId) => avoided(run, m, c.baseYear, y);
    figs.push(
      { id: `fuel_saved_cum_${y}`, label: `Fuel saved ${c.baseYear}-${y} vs ${cf.scenario.name}`, unit: "litres", value: d("fuel_use") },
      { id: `oil_import_avoided_cum_${y}`, label: `Oil imports avoided ${c.baseYear}-${y} vs ${cf.scenario.name}`, unit: "USD", value: d("oil_import_cost") },
      { id: `co2_avoided_cum_${y}`, label: `CO2 avoided ${c.baseYear}-${y} vs ${cf.scenario.name}`, unit: "t CO2", value: d("co2_ttw") },
    );
  }
  return figs;
}
