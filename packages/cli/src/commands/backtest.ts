// `evplan backtest`: calibrate the diffusion dynamics on another country's EV history up to a cut-off year,
// forecast the later years, and compare the error with a naive logistic.
import { readTextBounded, MAX_CSV_BYTES } from "../io-read.js";
import { backtest, backtestAll, familiaritySummary, parseEvHistoryCsv, type BacktestResult } from "@evplan/core";
import { CliError, shownPath } from "../context.js";
import { table } from "../format/table.js";

export interface BacktestOptions {
  history?: string;
  region?: string;
  mode?: string;
  fitUntil?: string;
  fitFrom?: string;
  all?: boolean;
  format: string;
}

/** Cut-offs used by --all when none is given: enough years before, several after. */
export const DEFAULT_FIT_UNTILS = [2019, 2021];

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);
const r6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null);
const pctText = (x: number) => (x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)) + "%";

function year(text: string, option: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new CliError(`${option} must be a year, not "${text}"`);
  return Number(text);
}

/** The JSON document of one backtest: the documented fields first, then the calibration behind them. */
export function backtestJson(r: BacktestResult) {
  const c = r.calibration;
  return {
    region: r.region,
    mode: r.mode,
    fit_until: r.fitUntil,
    years: r.years,
    observed: r.observed.map(r4),
    forecast: r.forecast.map(r4),
    naive: r.naive.map(r4),
    mae: { model: r4(r.mae.model), naive: r4(r.mae.naive) },
    unit: "percent of new sales; errors in percentage points",
    calibration: {
      equation: "logit(s_t) = a + g*(t - t0) + phi*ln(F_{t-1}); F_t = F_{t-1} + tau*(s_t - F_{t-1})",
      a: r6(c.a),
      g: r6(c.g),
      phi: r6(c.phi),
      std_err: { a: r6(c.stdErr.a), g: r6(c.stdErr.g), phi: r6(c.stdErr.phi) },
      t0: c.t0,
      tau: r6(c.tau),
      tau_source: c.tauSource,
      initial_stock_share: r6(c.initialStockShare),
      initial_stock_share_source: c.initialStockShareSource,
      fit_years: r.fitted.years,
      rms_logit_error: r6(c.rmsLogitError),
    },
    naive_logistic: { K: r6(r.naiveParams.K), r: r6(r.naiveParams.r), t_m: r6(r.naiveParams.tm) },
    fitted: { years: r.fitted.years, observed: r.fitted.observed.map(r4), model: r.fitted.model.map(r4), naive: r.fitted.naive.map(r4) },
    notes: r.notes,
  };
}

function oneTable(r: BacktestResult): string {
  const c = r.calibration;
  const se = (x: number) => (Number.isFinite(x) ? ` (± ${x.toFixed(2)})` : "");
  const winner = r.mae.model < r.mae.naive ? "model" : r.mae.model > r.mae.naive ? "naive logistic" : "tie";
  const lines = [
    `Backtest of the diffusion dynamics: ${r.region}, ${r.mode}`,
    `Calibrated on ${r.fitted.years.length} years, ${r.fitted.years[0]}-${r.fitUntil}; forecast ${r.years[0]}-${r.years[r.years.length - 1]}.`,
    `  familiarity phi = ${c.phi.toFixed(3)}${se(c.stdErr.phi)}, trend g = ${c.g.toFixed(3)}/yr${se(c.stdErr.g)}, a = ${c.a.toFixed(2)} (t0 = ${c.t0})`,
    `  turnover tau = ${c.tau.toFixed(3)} (${c.tauSource}); stock share before ${r.fitted.years[0]}: ${pctText(c.initialStockShare * 100)} (${c.initialStockShareSource})`,
    `  naive logistic: K = ${pctText(r.naiveParams.K * 100)}, r = ${r.naiveParams.r.toFixed(3)}/yr, midpoint ${r.naiveParams.tm.toFixed(1)}`,
    "",
    table(
      ["year", "observed", "model", "naive", "model error", "naive error"],
      r.years.map((t, i) => [
        String(t),
        pctText(r.observed[i]),
        pctText(r.forecast[i]),
        pctText(r.naive[i]),
        (r.forecast[i] - r.observed[i]).toFixed(1) + " pp",
        (r.naive[i] - r.observed[i]).toFixed(1) + " pp",
      ]),
    ),
    "",
    `MAE: model ${r.mae.model.toFixed(2)} pp, naive logistic ${r.mae.naive.toFixed(2)} pp: ${winner === "tie" ? "a tie" : `${winner} closer`}.`,
  ];
  if (r.notes.length) lines.push("Notes:", ...r.notes.map((n) => `  - ${n}`));
  return lines.join("\n");
}

export function backtestCommand(opts: BacktestOptions, print: (s: string) => void): void {
  if (!["table", "json"].includes(opts.format)) throw new CliError(`--format must be table or json, not "${opts.format}"`);
  if (!opts.history) throw new CliError("--history <file.csv> is required");
  const file = shownPath(opts.history);
  const rows = parseEvHistoryCsv(readTextBounded(opts.history, "history file", MAX_CSV_BYTES), file);
  const fitFrom = opts.fitFrom !== undefined ? year(opts.fitFrom, "--fit-from") : undefined;

  if (opts.all) {
    if (opts.region || opts.mode) throw new CliError("--all runs every region and mode; leave out --region and --mode");
    const cuts = opts.fitUntil ? opts.fitUntil.split(",").map((s) => year(s, "--fit-until")) : DEFAULT_FIT_UNTILS;
    const { results, skipped } = backtestAll(rows, cuts, { file, fitFrom });
    if (opts.format === "json") {
      print(JSON.stringify({ results: results.map(backtestJson), skipped, familiarity: familiaritySummary(results) }));
      return;
    }
    print(allTable(results));
    if (skipped.length)
      print(`\nNot tested (${skipped.length}):\n` + skipped.map((s) => `  ${s.region}, ${s.mode}, fit until ${s.fitUntil}: ${s.reason}`).join("\n"));
    return;
  }
  if (!opts.region) throw new CliError("--region <name> is required (or --all)");
  if (!opts.mode) throw new CliError('--mode <mode> is required, e.g. "Cars" or "2 and 3 wheelers" (or --all)');
  if (!opts.fitUntil) throw new CliError("--fit-until <year> is required");
  const r = backtest(rows, opts.region, opts.mode, { fitUntil: year(opts.fitUntil, "--fit-until"), fitFrom, file });
  print(opts.format === "json" ? JSON.stringify(backtestJson(r)) : oneTable(r));
}

/** One line per region x mode x cut-off, and a count of wins. */
export function allTable(results: readonly BacktestResult[]): string {
  const rows = results.map((r) => [
    r.region,
    r.mode,
    String(r.fitUntil),
    `${r.years[0]}-${r.years[r.years.length - 1]}`,
    r.mae.model.toFixed(2),
    r.mae.naive.toFixed(2),
    r.mae.model < r.mae.naive ? "model" : r.mae.model > r.mae.naive ? "naive" : "tie",
    r.calibration.phi.toFixed(2),
  ]);
  const wins = results.filter((r) => r.mae.model < r.mae.naive).length;
  const mean = (f: (r: BacktestResult) => number) => (results.length ? results.reduce((s, r) => s + f(r), 0) / results.length : NaN);
  return [
    table(["region", "mode", "fit until", "tested", "MAE model (pp)", "MAE naive (pp)", "closer", "phi"], rows, ["l", "l", "r", "r", "r", "r", "l", "r"]),
    "",
    `Model closer in ${wins} of ${results.length}; mean MAE model ${mean((r) => r.mae.model).toFixed(2)} pp, naive ${mean((r) => r.mae.naive).toFixed(2)} pp.`,
  ].join("\n");
}
