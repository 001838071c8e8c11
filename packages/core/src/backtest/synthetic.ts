// Synthetic EV histories in the IEA CSV format, generated from known dynamics (for tests and demonstrations).
import { simulateDiffusion, type DiffusionParams } from "./diffusion.js";

export interface SyntheticHistory extends DiffusionParams {
  readonly region?: string;
  readonly mode?: string;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly t0: number;
  readonly tau: number;
  /** EV share of the stock in firstYear - 1. */
  readonly initialStockShare: number;
  /** Round values to this many significant figures, as the IEA extract is (default: no rounding). */
  readonly significantFigures?: number;
  /** Leave the stock share out (the turnover must then come from the default). */
  readonly withoutStockShare?: boolean;
}

const round = (x: number, sf?: number) => (sf ? Number(x.toPrecision(sf)) : x);

/** CSV text with an EV sales share row (and an EV stock share row) per year, shares in percent. */
export function syntheticHistoryCsv(h: SyntheticHistory): string {
  const region = h.region ?? "Synthetia";
  const mode = h.mode ?? "Cars";
  const sim = simulateDiffusion(h, h);
  const lines = ["region_country,category,parameter,mode,powertrain,year,unit,value"];
  if (!h.withoutStockShare)
    lines.push(`${region},Historical,EV stock share,${mode},EV,${h.firstYear - 1},percent,${round(100 * h.initialStockShare, h.significantFigures)}`);
  sim.years.forEach((t, i) => {
    lines.push(`${region},Historical,EV sales share,${mode},EV,${t},percent,${round(100 * sim.salesShare[i], h.significantFigures)}`);
    if (!h.withoutStockShare) lines.push(`${region},Historical,EV stock share,${mode},EV,${t},percent,${round(100 * sim.stockShare[i], h.significantFigures)}`);
  });
  return lines.join("\n") + "\n";
}
