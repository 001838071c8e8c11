// The backtest: the planner's own choice and stock code on country packs built from the IEA history. Up to a
// cut-off the panel fit (pooled.ts) calibrates the choice dynamics; the engine then forecasts the later years
// from the cut-off as base year, and the errors are compared with two baselines fitted to the same years: a
// naive logistic curve and persistence (the last observed share carried forward).
import { InputError, type InputIssue } from "../errors.js";
import type { EvHistoryRow } from "./csv.js";
import { listShareSeries, selectShareHistory, type ShareHistory } from "./history.js";
import { fitLogistic, logisticShare, type LogisticFit } from "./logistic.js";
import { CountryPack, PANEL_MODES, SEGMENT_OF_MODE } from "./country-pack.js";
import { panelFromRows, type RegionHistory } from "./panel.js";
import { GRID, PanelFit, evShareAt, forecastRegion, modeBases, runPack, type ModePosterior, type SeriesForecast } from "./pooled.js";
import { SEGMENTS } from "../domain.js";
import { dampedTrendShare, fitDampedTrend } from "./damped-trend.js";

/** Fewest observed years up to the cut-off: the naive logistic's three parameters need one year more. */
export const MIN_FIT_POINTS = 4;

export interface BacktestOptions {
  readonly fitUntil: number;
  /** Last year to forecast (default: the last observed year). */
  readonly until?: number;
  /** Source name for messages. */
  readonly file: string;
}

export interface BacktestCalibration {
  /** Shared parameters of the mode (pooled over the other countries, data up to the cut-off). */
  readonly barrierDepth: number;
  readonly barrierDecay: number;
  readonly adjustmentSpeed: number;
  /** The region's mature constant: posterior mean and the population it is drawn from. */
  readonly matureConstant: number;
  readonly populationMean: number;
  readonly populationSpread: number;
  /** Training pairs (origin, year) of the region itself; 0 when its constant is the population's. */
  readonly ownPairs: number;
  /** Countries in the pool (the scored one left out). */
  readonly poolSize: number;
}

export interface BacktestResult {
  readonly region: string;
  readonly mode: string;
  readonly fitUntil: number;
  /** Observed years after the cut-off (the test years). */
  readonly years: number[];
  /** EV sales shares in percent at `years`. */
  readonly observed: number[];
  readonly forecast: number[];
  readonly naive: number[];
  readonly persistence: number[];
  /** The pooled damped logit trend (damped-trend.ts), percent, and its damping. */
  readonly trend: number[];
  readonly trendDamping: number;
  /** The model's p5-p95 predictive band, percent. */
  readonly band: { readonly p5: number[]; readonly p95: number[] };
  /** Mean absolute error over `years`, percentage points. */
  readonly mae: { readonly model: number; readonly naive: number; readonly persistence: number; readonly trend: number };
  /** Share of the test years whose observation lies inside the band. */
  readonly coverage: number;
  /** In-sample: observed years up to the cut-off, the model's one-year-ahead forecasts and the naive curve. */
  readonly fitted: { readonly years: number[]; readonly observed: number[]; readonly model: (number | null)[]; readonly naive: number[] };
  readonly calibration: BacktestCalibration;
  readonly naiveParams: LogisticFit;
  readonly notes: readonly string[];
}

export function meanAbsoluteError(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return NaN;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
}

const refuse = (file: string, field: string, message: string): never => {
  throw new InputError([{ file, field, message }]);
};

/** Check that a series can be tested at a cut-off; returns its fit and test years. Throws InputError if not. */
function checkSeries(h: ShareHistory, opts: BacktestOptions) {
  const { file, fitUntil } = opts;
  const name = `${h.region}, ${h.mode}`;
  if (!Number.isInteger(fitUntil)) refuse(file, "fit_until", `must be a year, not ${fitUntil}`);
  if (!PANEL_MODES.includes(h.mode)) refuse(file, "mode", `${name}: the planner has no segment for mode "${h.mode}" (it has ${PANEL_MODES.join(", ")})`);
  const all = [...h.salesShare.entries()].sort((x, y) => x[0] - y[0]);
  const inFit = all.filter(([t]) => t <= fitUntil);
  const until = opts.until ?? (all.length ? all[all.length - 1][0] : fitUntil);
  const test = all.filter(([t]) => t > fitUntil && t <= until);
  if (inFit.length < MIN_FIT_POINTS) {
    const have = inFit.length ? ` (${inFit.map(([t]) => t).join(", ")})` : "";
    const span = all.length ? `; the series covers ${all.map(([t]) => t).join(", ")}` : "";
    refuse(
      file,
      "fit_until",
      `${name}: ${inFit.length} year${inFit.length === 1 ? "" : "s"} of EV sales share up to ${fitUntil}${have}; at least ${MIN_FIT_POINTS} are needed to calibrate${span}`,
    );
  }
  if (!h.salesShare.has(fitUntil)) refuse(file, "fit_until", `${name}: no EV sales share in ${fitUntil}, the base year of the forecast`);
  if (test.length === 0)
    refuse(
      file,
      "fit_until",
      `${name}: no EV sales share after ${fitUntil}${opts.until !== undefined ? ` up to ${until}` : ""} to test the forecast against (last year: ${all[all.length - 1][0]})`,
    );
  if (inFit.every(([, s]) => s <= 0)) refuse(file, "fit_until", `${name}: every EV sales share up to ${fitUntil} is zero; there is nothing to calibrate on`);
  return { inFit, test, until };
}

const pct = (x: number) => x * 100;

/** Score one series given its region's forecast and posterior. */
function scoreSeries(h: ShareHistory, region: RegionHistory, opts: BacktestOptions, fc: SeriesForecast, post: ModePosterior, phi: number): BacktestResult {
  const { inFit, test } = checkSeries(h, opts);
  const T = opts.fitUntil;
  const notes: string[] = [];
  const missing: number[] = [];
  const lastTest = test[test.length - 1][0];
  for (let t = inFit[0][0]; t <= lastTest; t++) if (!h.salesShare.has(t)) missing.push(t);
  if (missing.length) notes.push(`no EV sales share for ${missing.join(", ")}: simulated through, not scored`);
  if (region.aggregate) notes.push(`${region.region} is a sum of countries: scored, but not part of any pooled fit`);
  if (post.ownPairs === 0) notes.push("no training forecasts of its own in the window: its mature constant is the population's");
  if (post.ownOnly)
    notes.push(`no other country in the file has ${h.mode.toLowerCase()}: the dynamics are fitted on this series alone (no pool to leave it out of)`);
  const at = (t: number) => fc.years.indexOf(t);
  const observed = test.map(([, s]) => pct(s));
  const forecast = test.map(([t]) => pct(fc.mean[at(t)]));
  const p5 = test.map(([t]) => pct(fc.p5[at(t)]));
  const p95 = test.map(([t]) => pct(fc.p95[at(t)]));
  const naiveParams = fitLogistic(inFit.map(([year, share]) => ({ year, share })));
  const naive = test.map(([t]) => pct(logisticShare(naiveParams, t)));
  const last = pct(h.salesShare.get(T)!);
  const persistence = test.map(() => last);
  const trend = test.map(([t]) => pct(dampedTrendShare(h.salesShare, T, t - T, phi)!));
  const inside = observed.filter((o, i) => o >= p5[i] - 1e-9 && o <= p95[i] + 1e-9).length;
  const aMean = GRID.matureConstant.reduce<number>((x, a, i) => x + a * post.weights[i], 0);
  return {
    region: h.region,
    mode: h.mode,
    fitUntil: T,
    years: test.map(([t]) => t),
    observed,
    forecast,
    naive,
    persistence,
    trend,
    trendDamping: phi,
    band: { p5, p95 },
    mae: {
      model: meanAbsoluteError(forecast, observed),
      naive: meanAbsoluteError(naive, observed),
      persistence: meanAbsoluteError(persistence, observed),
      trend: meanAbsoluteError(trend, observed),
    },
    coverage: inside / observed.length,
    fitted: {
      years: inFit.map(([t]) => t),
      observed: inFit.map(([, s]) => pct(s)),
      model: oneYearAhead(region, h, inFit, aMean, post),
      naive: inFit.map(([t]) => pct(logisticShare(naiveParams, t))),
    },
    calibration: {
      ...post.shared,
      matureConstant: aMean,
      populationMean: post.mu,
      populationSpread: post.tau,
      ownPairs: post.ownPairs,
      poolSize: post.pool.length,
    },
    naiveParams,
    notes,
  };
}

/** The model's one-year-ahead forecast of each fit year from the year before (null where that year is missing). */
function oneYearAhead(region: RegionHistory, h: ShareHistory, inFit: [number, number][], a: number, post: ModePosterior): (number | null)[] {
  const s = SEGMENTS.indexOf(SEGMENT_OF_MODE[h.mode]);
  return inFit.map(([t]) => {
    if (!h.salesShare.has(t - 1)) return null;
    const pack = new CountryPack(t - 1, t, modeBases(region, t - 1));
    const out = runPack(pack, () => ({ matureConstant: a, ...post.shared }));
    return pct(evShareAt(out, pack.nYears, s, 1));
  });
}

export interface BacktestAllResult {
  readonly results: BacktestResult[];
  /** Series that could not be tested at a cut-off, with the reason. */
  readonly skipped: { region: string; mode: string; fitUntil: number; reason: string }[];
  /** Engine runs the panel fit made. */
  readonly runs: number;
}

function lastObservedYear(panel: readonly RegionHistory[]): number {
  let y = 0;
  for (const r of panel) for (const h of r.modes.values()) for (const t of h.share.keys()) y = Math.max(y, t);
  return y;
}

/** Every region x mode the planner has a segment for, at each cut-off; refusals are collected, not thrown. */
export function backtestAll(rows: readonly EvHistoryRow[], fitUntils: readonly number[], opts: { file: string; until?: number }): BacktestAllResult {
  const panel = panelFromRows(rows);
  const lastYear = opts.until ?? lastObservedYear(panel);
  const fit = new PanelFit(panel, fitUntils, lastYear);
  const results: BacktestResult[] = [];
  const skipped: BacktestAllResult["skipped"] = [];
  const series = listShareSeries(rows);
  for (const T of fitUntils) {
    for (const region of panel) {
      const posts = new Map(PANEL_MODES.map((m) => [m, fit.posterior(m, T, region.region)]));
      let fc: Map<string, SeriesForecast> | null = null;
      for (const { region: rn, mode } of series.filter((x) => x.region === region.region)) {
        try {
          const h = selectShareHistory(rows, rn, mode, opts.file);
          checkSeries(h, { fitUntil: T, file: opts.file, until: opts.until });
          fc ??= forecastRegion(region, T, lastYear, posts);
          const phi = fitDampedTrend(panel, mode, T, region.region);
          results.push(scoreSeries(h, region, { fitUntil: T, file: opts.file, until: opts.until }, fc.get(mode)!, posts.get(mode)!, phi));
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          skipped.push({ region: rn, mode, fitUntil: T, reason: e.issues.map((i: InputIssue) => i.message).join("; ") });
        }
      }
    }
  }
  // Series of modes the planner has no segment for, and regions with no row at all, are reported once.
  for (const { region, mode } of series) {
    if (PANEL_MODES.includes(mode)) continue;
    for (const T of fitUntils) skipped.push({ region, mode, fitUntil: T, reason: `the planner has no segment for mode "${mode}"` });
  }
  results.sort((a, b) => a.fitUntil - b.fitUntil || a.mode.localeCompare(b.mode) || a.region.localeCompare(b.region));
  return { results, skipped, runs: fit.runs };
}

/** Panel fits already made for a set of rows, by cut-off and last year (the web planner asks series by series). */
const fits = new WeakMap<readonly EvHistoryRow[], Map<string, { panel: RegionHistory[]; fit: PanelFit; lastYear: number }>>();

/**
 * The panel fit of a set of rows at one cut-off, made once and kept while the rows are (the web planner and
 * `backtest` ask series by series; the whole panel is fitted for each, since the pool needs it).
 */
export function panelFitFor(rows: readonly EvHistoryRow[], fitUntil: number, until?: number): { panel: RegionHistory[]; fit: PanelFit; lastYear: number } {
  let byKey = fits.get(rows);
  if (!byKey) fits.set(rows, (byKey = new Map()));
  const key = `${fitUntil}:${until ?? ""}`;
  let entry = byKey.get(key);
  if (!entry) {
    const panel = panelFromRows(rows);
    const lastYear = until ?? lastObservedYear(panel);
    entry = { panel, fit: new PanelFit(panel, [fitUntil], lastYear), lastYear };
    byKey.set(key, entry);
  }
  return entry;
}

/** Select region and mode from parsed rows, then backtest (the whole panel is fitted: the pool needs it). */
export function backtest(rows: readonly EvHistoryRow[], region: string, mode: string, opts: BacktestOptions): BacktestResult {
  const h = selectShareHistory(rows, region, mode, opts.file);
  checkSeries(h, opts);
  const entry = panelFitFor(rows, opts.fitUntil, opts.until);
  const { panel, fit, lastYear } = entry;
  const r = panel.find((x) => x.region === h.region)!;
  const posts = new Map(PANEL_MODES.map((m) => [m, fit.posterior(m, opts.fitUntil, r.region)]));
  const fc = forecastRegion(r, opts.fitUntil, lastYear, posts);
  return scoreSeries(h, r, opts, fc.get(h.mode)!, posts.get(h.mode)!, fitDampedTrend(panel, h.mode, opts.fitUntil, r.region));
}

export interface BacktestSummary {
  readonly n: number;
  readonly mae: { readonly model: number; readonly naive: number; readonly persistence: number };
  /** Series where the model's MAE is below the baseline's. */
  readonly wins: { readonly naive: number; readonly persistence: number };
  /** Held-out points inside the p5-p95 band, over all points. */
  readonly coverage: number;
  /** The pooled damped logit trend baseline: its mean error and the series where the model is below it. */
  readonly trend: { readonly mae: number; readonly wins: number };
}

/** Mean errors, wins and point coverage over a set of results. */
export function summarise(results: readonly BacktestResult[]): BacktestSummary {
  const n = results.length;
  const mean = (f: (r: BacktestResult) => number) => (n ? results.reduce((s, r) => s + f(r), 0) / n : NaN);
  let inside = 0;
  let points = 0;
  for (const r of results) {
    points += r.years.length;
    inside += Math.round(r.coverage * r.years.length);
  }
  return {
    n,
    mae: { model: mean((r) => r.mae.model), naive: mean((r) => r.mae.naive), persistence: mean((r) => r.mae.persistence) },
    wins: { naive: results.filter((r) => r.mae.model < r.mae.naive).length, persistence: results.filter((r) => r.mae.model < r.mae.persistence).length },
    coverage: points ? inside / points : NaN,
    trend: { mae: mean((r) => r.mae.trend), wins: results.filter((r) => r.mae.model < r.mae.trend).length },
  };
}

export { PanelFit } from "./pooled.js";
