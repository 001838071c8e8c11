// The headline figures of a run, read from its output buffers (one place, for the cards, the brief and the exports).
import type { RunReply } from "./protocol";
import { has, row, sumYears } from "./results";

export interface HeadlineFigures {
  readonly s30: number;
  readonly s40: number;
  readonly lastYear: number;
  readonly co2: number;
  /** Net fiscal cost, base year to 2030, PKR (+ is a cost to the treasury). */
  readonly fiscal: number;
  /** Oil import bill avoided against the counterfactual, base year to 2030, USD. */
  readonly oil: number;
  readonly chargers: number;
}

export function headlineFigures(x: RunReply): HeadlineFigures {
  const years = Array.from({ length: x.nYears }, (_, i) => x.baseYear + i);
  const lastYear = Math.min(2060, years[years.length - 1]);
  const at = (metric: string, y: number, seg = "total") => (has(metric) ? row(x.main, x.nYears, metric, seg)[y - x.baseYear] : NaN);
  const to2030 = (out: Float64Array, metric: string) => (has(metric) ? sumYears(row(out, x.nYears, metric), years, x.baseYear, 2030) : NaN);
  return {
    s30: at("ev_sales_share", 2030),
    s40: at("ev_sales_share", 2040),
    lastYear,
    co2: at("co2_ttw", lastYear),
    fiscal: to2030(x.main, "net_fiscal"),
    oil: x.counterfactual ? to2030(x.counterfactual, "oil_import_cost") - to2030(x.main, "oil_import_cost") : NaN,
    chargers: at("public_chargers", 2030),
  };
}
