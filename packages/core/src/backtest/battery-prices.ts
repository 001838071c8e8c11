// The global battery-pack price series that drives every country pack's cost path in the backtest, and the
// learning-curve experience that reproduces it through the planner's own pack-cost code.

/** A cited annual value. */
export interface CitedValue {
  readonly year: number;
  /** Volume-weighted average lithium-ion pack price, USD/kWh, in the survey's own year's dollars. */
  readonly usdPerKwh: number;
  readonly source: string;
}

/**
 * BloombergNEF's annual lithium-ion battery price survey: the volume-weighted average pack price across end uses.
 * 2010-2018 as republished in 2018 dollars with the 2018 survey; later years from each year's survey release.
 * Each survey restates history in its own year's dollars; the series mixes survey years (a few percent of
 * inflation between neighbours), which the backtest accepts because only year-on-year changes after the cut-off
 * reach the forecast, and those are taken within at most six years.
 */
export const BNEF_PACK_PRICES: readonly CitedValue[] = [
  ...[1160, 899, 707, 650, 577, 373, 288, 214].map((usdPerKwh, i) => ({
    year: 2010 + i,
    usdPerKwh,
    source: "BNEF Battery Price Survey 2018, in 2018 USD (as listed with the survey's data, metaculus.com/questions/3591)",
  })),
  { year: 2018, usdPerKwh: 176, source: "BNEF Battery Price Survey 2018: $176/kWh (2018 USD)" },
  { year: 2019, usdPerKwh: 156, source: "BNEF, 'Battery Pack Prices Fall As Market Ramps Up With Market Average At $156/kWh In 2019', 2019-12-03" },
  {
    year: 2020,
    usdPerKwh: 137,
    source: "BNEF, 'Battery Pack Prices Cited Below $100/kWh for the First Time in 2020, While Market Average Sits at $137/kWh', 2020-12-16",
  },
  { year: 2021, usdPerKwh: 132, source: "BNEF, 'Battery Pack Prices Fall to an Average of $132/kWh, But Rising Commodity Prices Start to Bite', 2021-11-30" },
  { year: 2022, usdPerKwh: 151, source: "BNEF, 'Lithium-ion Battery Pack Prices Rise for First Time to an Average of $151/kWh', 2022-12-06" },
  { year: 2023, usdPerKwh: 139, source: "BNEF, 'Lithium-Ion Battery Pack Prices Hit Record Low of $139/kWh', 2023-11-27" },
  { year: 2024, usdPerKwh: 115, source: "BNEF, 'Battery Pack Prices See Largest Drop Since 2017, Falling to $115 per Kilowatt-Hour', 2024-12-10" },
  { year: 2025, usdPerKwh: 108, source: "BNEF, 'Lithium-Ion Battery Pack Prices Fall to $108 Per Kilowatt-Hour, Despite Rising Metal Prices', 2025-12-09" },
];

export const BNEF_REFERENCE =
  "BloombergNEF, annual Lithium-ion Battery Price Survey (press releases 2018-2025, about.bnef.com), volume-weighted average pack price";

/** The survey's price in a year (USD/kWh); years outside the series take the nearest end. */
export function packPrice(year: number, series: readonly CitedValue[] = BNEF_PACK_PRICES): number {
  if (year <= series[0].year) return series[0].usdPerKwh;
  const last = series[series.length - 1];
  if (year >= last.year) return last.usdPerKwh;
  return series.find((v) => v.year === year)?.usdPerKwh ?? last.usdPerKwh;
}

/**
 * Global cumulative production, relative to the base year, at which the planner's learning curve
 * cost(t) = cost(base) * (Q(t)/Q(base))^(-b), b = -log2(1 - LR), gives the survey's price in year t:
 * Q(t)/Q(base) = (P(t)/P(base))^(-1/b). This is the experience the survey implies, so that the country pack's
 * pack cost path is the survey's, reached through the same code as the planner's.
 */
export function impliedExperience(baseYear: number, year: number, learningRate: number, series: readonly CitedValue[] = BNEF_PACK_PRICES): number {
  const b = -Math.log2(1 - learningRate);
  return Math.pow(packPrice(year, series) / packPrice(baseYear, series), -1 / b);
}
