// The backtest: calibrate the diffusion dynamics on the years up to a cut-off, forecast the later years, and
// compare the error with a naive logistic fitted to the same years.
import { InputError, type InputIssue } from "../errors.js";
import type { EvHistoryRow } from "./csv.js";
import { fitDiffusion, simulateDiffusion, type DiffusionCalibration } from "./diffusion.js";
import { listShareSeries, selectShareHistory, type ShareHistory } from "./history.js";
import { fitLogistic, logisticShare, type LogisticFit } from "./logistic.js";

/** Fewest observed years up to the cut-off: three parameters need at least one year more to say anything. */
export const MIN_FIT_POINTS = 4;

export interface BacktestOptions {
  readonly fitUntil: number;
  readonly fitFrom?: number;
  readonly space?: "logit" | "share";
  /** Last year to forecast (default: the last observed year). */
  readonly until?: number;
  /** Source name for messages. */
  readonly file: string;
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
  /** Mean absolute error over `years`, percentage points. */
  readonly mae: { readonly model: number; readonly naive: number };
  /** In-sample: observed years up to the cut-off, shares in percent. */
  readonly fitted: { readonly years: number[]; readonly observed: number[]; readonly model: number[]; readonly naive: number[] };
  readonly calibration: DiffusionCalibration;
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

/** Run the backtest on one share history. Refuses (InputError) series it cannot test; never returns NaN shares. */
export function backtestSeries(h: ShareHistory, opts: BacktestOptions): BacktestResult {
  const { file, fitUntil } = opts;
  const name = `${h.region}, ${h.mode}`;
  if (!Number.isInteger(fitUntil)) refuse(file, "fit_until", `must be a year, not ${fitUntil}`);
  const all = [...h.salesShare.entries()].sort((x, y) => x[0] - y[0]);
  const inFit = all.filter(([t]) => t <= fitUntil && (opts.fitFrom === undefined || t >= opts.fitFrom));
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
  if (test.length === 0)
    refuse(
      file,
      "fit_until",
      `${name}: no EV sales share after ${fitUntil}${opts.until !== undefined ? ` up to ${until}` : ""} to test the forecast against (last year: ${all[all.length - 1][0]})`,
    );
  if (inFit.every(([, s]) => s <= 0)) refuse(file, "fit_until", `${name}: every EV sales share up to ${fitUntil} is zero; there is nothing to calibrate on`);

  const notes: string[] = [];
  const missing: number[] = [];
  for (let t = inFit[0][0]; t <= until; t++) if (!h.salesShare.has(t)) missing.push(t);
  if (missing.length) notes.push(`no EV sales share for ${missing.join(", ")}: simulated through, not scored`);
  const falls = inFit.filter(([t, s], i) => i > 0 && s < 0.8 * inFit[i - 1][1] && inFit[i - 1][0] === t - 1).map(([t]) => t);
  if (falls.length) notes.push(`the share falls by more than 20% in ${falls.join(", ")}: neither curve can follow a fall`);

  const cal = fitDiffusion(h.salesShare, h.stockShare, { fitUntil, fitFrom: opts.fitFrom, mode: h.mode, space: opts.space });
  notes.push(...cal.notes);
  const sim = simulateDiffusion(cal, { firstYear: cal.firstYear, lastYear: until, t0: cal.t0, tau: cal.tau, initialStockShare: cal.initialStockShare });
  const modelAt = (t: number) => sim.salesShare[t - cal.firstYear];
  const naiveParams = fitLogistic(inFit.map(([year, share]) => ({ year, share })));
  const pct = (x: number) => x * 100;
  const observed = test.map(([, s]) => pct(s));
  const forecast = test.map(([t]) => pct(modelAt(t)));
  const naive = test.map(([t]) => pct(logisticShare(naiveParams, t)));
  return {
    region: h.region,
    mode: h.mode,
    fitUntil,
    years: test.map(([t]) => t),
    observed,
    forecast,
    naive,
    mae: { model: meanAbsoluteError(forecast, observed), naive: meanAbsoluteError(naive, observed) },
    fitted: {
      years: inFit.map(([t]) => t),
      observed: inFit.map(([, s]) => pct(s)),
      model: inFit.map(([t]) => pct(modelAt(t))),
      naive: inFit.map(([t]) => pct(logisticShare(naiveParams, t))),
    },
    calibration: cal,
    naiveParams,
    notes,
  };
}

/** Select region and mode from parsed rows, then backtest. */
export function backtest(rows: readonly EvHistoryRow[], region: string, mode: string, opts: BacktestOptions): BacktestResult {
  return backtestSeries(selectShareHistory(rows, region, mode, opts.file), opts);
}

export interface BacktestAllResult {
  readonly results: BacktestResult[];
  /** Series that could not be tested at a cut-off, with the reason. */
  readonly skipped: { region: string; mode: string; fitUntil: number; reason: string }[];
}

/** Every region x mode with an EV sales share, at each cut-off; refusals are collected, not thrown. */
export function backtestAll(
  rows: readonly EvHistoryRow[],
  fitUntils: readonly number[],
  opts: { file: string; fitFrom?: number; until?: number; space?: "logit" | "share" },
): BacktestAllResult {
  const results: BacktestResult[] = [];
  const skipped: BacktestAllResult["skipped"] = [];
  for (const { region, mode } of listShareSeries(rows)) {
    let h: ShareHistory;
    try {
      h = selectShareHistory(rows, region, mode, opts.file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      for (const fitUntil of fitUntils) skipped.push({ region, mode, fitUntil, reason: e.issues.map((i: InputIssue) => i.message).join("; ") });
      continue;
    }
    for (const fitUntil of fitUntils) {
      try {
        results.push(backtestSeries(h, { ...opts, fitUntil }));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        skipped.push({ region, mode, fitUntil, reason: e.issues.map((i: InputIssue) => i.message).join("; ") });
      }
    }
  }
  return { results, skipped };
}

/** Median of the calibrated phi per mode over results (for market mode to cite), with the count. */
export function familiaritySummary(results: readonly BacktestResult[]): { mode: string; n: number; median: number; min: number; max: number }[] {
  const byMode = new Map<string, number[]>();
  for (const r of results) {
    const l = byMode.get(r.mode) ?? [];
    l.push(r.calibration.phi);
    byMode.set(r.mode, l);
  }
  return [...byMode.entries()].map(([mode, v]) => {
    const s = v.slice().sort((a, b) => a - b);
    const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return { mode, n: s.length, median: m, min: s[0], max: s[s.length - 1] };
  });
}
