// One number style for every figure the CLI prints (run, compare, solve): shares in %, differences of shares in
// percentage points, money in PKR or USD billions (millions below a billion), CO2 in Mt, fuel in billion litres, energy and power in GWh and
// MW, counts in whole numbers with thousands separators.
import { metricDef } from "@evplan/core/runtime";
import { grouped, pct, pp } from "./numbers.js";

const COUNT_UNITS = new Set(["vehicles", "charge points", "jobs", "vehicle-km", "t LCE"]);

/** The unit of a metric id, or the argument itself when it is already a unit. */
function unitOf(unitOrMetric: string): string {
  return metricDef(unitOrMetric)?.unit ?? unitOrMetric;
}

/** A figure in its unit, readable in a terminal. Accepts a metric id or a unit. */
export function figureText(unitOrMetric: string, x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  const unit = unitOf(unitOrMetric);
  if (unit === "fraction") return pct(x);
  // Money in billions, or in millions below a billion (so that small amounts keep their digits).
  if (unit === "PKR" || unit === "USD")
    return Math.abs(x) >= 1e9 || x === 0 ? `${unit} ${grouped(x / 1e9, unit === "USD" ? 2 : 1)} bn` : `${unit} ${grouped(x / 1e6, 1)} m`;
  if (unit === "t CO2") return `${grouped(x / 1e6, 2)} Mt`;
  if (unit === "litres" || unit.startsWith("litres")) return `${grouped(x / 1e9, 2)} bn L`;
  if (unit === "GWh") return `${grouped(x, 1)} GWh`;
  if (unit === "MW") return `${grouped(x, 0)} MW`;
  if (unit === "years") return `${grouped(x, 1)} years`;
  if (COUNT_UNITS.has(unit)) return grouped(x);
  return grouped(x, Math.abs(x) < 100 ? 2 : 0);
}

/** A difference of two figures: shares in percentage points, everything else signed in the figure's style. */
export function differenceText(unitOrMetric: string, d: number): string {
  if (unitOf(unitOrMetric) === "fraction") return pp(d);
  const s = figureText(unitOrMetric, d);
  return d > 0 ? `+${s}` : s;
}
