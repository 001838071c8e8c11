// The headline figures of a run, as every face shows them (CLI summary, web cards, brief): each with its value,
// unit, the scenario's own target on it (value, met or missed, gap) where one is set, and the counterfactual a
// difference is taken against. Targets come from the scenario file, never from code.
import type { MetricId } from "../engine/metrics.js";
import type { RunResult, ScenarioRun } from "../analysis/model.js";
import { cumulative, metricValue } from "../analysis/read.js";
import type { TargetResult } from "../analysis/targets.js";

export interface Headline {
  readonly id: "ev_share_2030" | "ev_share_2040" | "co2_end" | "net_fiscal_2030" | "oil_avoided_2030" | "chargers_2030";
  readonly label: string;
  readonly metric: MetricId;
  readonly segment: "total";
  /** The year, or the last year of a cumulative span. */
  readonly year: number;
  /** First year of a cumulative span (the base year). */
  readonly from?: number;
  readonly unit: string;
  readonly value: number;
  /** The scenario's target on this metric, segment and year, if it sets one. */
  readonly target?: TargetResult;
  /** A difference from this counterfactual. */
  readonly versus?: string;
}

/** Counterfactual minus scenario, summed over [from, to]: what the scenario saves or avoids. */
export function avoided(run: ScenarioRun, metric: MetricId, from: number, to: number): number {
  const cf = run.counterfactual;
  if (!cf) return NaN;
  return cumulative(cf, metric, "total", from, to) - cumulative(run.main, metric, "total", from, to);
}

function targetOn(run: ScenarioRun, metric: string, year: number): TargetResult | undefined {
  return run.targets.find((t) => t.metric === metric && t.segment === "total" && t.year === year);
}

export function headlines(run: ScenarioRun): Headline[] {
  const r: RunResult = run.main;
  const c = r.scenario;
  const y30 = Math.min(2030, c.endYear);
  const y40 = Math.min(2040, c.endYear);
  const yEnd = c.endYear;
  const at = (m: MetricId, y: number) => metricValue(r, m, "total", y);
  const out: Headline[] = [
    {
      id: "ev_share_2030",
      label: `EV share of new sales ${y30}`,
      metric: "ev_sales_share",
      segment: "total",
      year: y30,
      unit: "fraction",
      value: at("ev_sales_share", y30),
      target: targetOn(run, "ev_sales_share", y30),
    },
    {
      id: "ev_share_2040",
      label: `EV share of new sales ${y40}`,
      metric: "ev_sales_share",
      segment: "total",
      year: y40,
      unit: "fraction",
      value: at("ev_sales_share", y40),
      target: targetOn(run, "ev_sales_share", y40),
    },
    {
      id: "co2_end",
      label: `Road CO2, charging electricity included, ${yEnd}`,
      metric: "co2_with_electricity",
      segment: "total",
      year: yEnd,
      unit: "t CO2",
      value: at("co2_with_electricity", yEnd),
      target: targetOn(run, "co2_with_electricity", yEnd),
    },
    {
      id: "net_fiscal_2030",
      label: `Net fiscal cost ${c.baseYear}-${y30}`,
      metric: "net_fiscal",
      segment: "total",
      year: y30,
      from: c.baseYear,
      unit: "PKR",
      value: cumulative(r, "net_fiscal", "total", c.baseYear, y30),
    },
    {
      id: "oil_avoided_2030",
      label: `Oil import bill avoided ${c.baseYear}-${y30}`,
      metric: "oil_import_cost",
      segment: "total",
      year: y30,
      from: c.baseYear,
      unit: "USD",
      value: avoided(run, "oil_import_cost", c.baseYear, y30),
      versus: run.counterfactual?.scenario.name,
    },
    {
      id: "chargers_2030",
      label: `Public charge points ${y30}`,
      metric: "public_chargers",
      segment: "total",
      year: y30,
      unit: "charge points",
      value: at("public_chargers", y30),
    },
  ];
  return out;
}
