// `evplan backtest`: the planner's own choice and stock code on another country's EV history. The panel fit
// calibrates the choice dynamics on every country's data up to a cut-off (leaving the scored country out of the
// pool), the engine forecasts the following years, and the errors are compared with a naive logistic and with
// persistence.
import { readTextBounded, MAX_CSV_BYTES } from "../io-read.js";
import { backtest, backtestAll, parseEvHistoryCsv, summarise, PANEL_MODES, type BacktestResult } from "@evplan/core/runtime";
import { CliError, shownPath } from "../context.js";
import { table } from "../format/table.js";

export interface BacktestOptions {
  history?: string;
  region?: string;
  mode?: string;
  fitUntil?: string;
  all?: boolean;
  format: string;
}

/** Cut-off used by --all when none is given. */
export const DEFAULT_FIT_UNTILS = [2020];

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);
const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e3) / 1e3 : null);
const pctText = (x: number) => (x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)) + "%";

function year(text: string, option: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new CliError(`${option} must be a year, not "${text}"`);
  return Number(text);
}

const mae = (m: Pick<BacktestResult["mae"], "model" | "naive" | "persistence">) => ({ model: r4(m.model), naive: r4(m.naive), persistence: r4(m.persistence) });

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
    persistence: r.persistence.map(r4),
    band: { p5: r.band.p5.map(r4), p95: r.band.p95.map(r4) },
    mae: mae(r.mae),
    coverage: r4(r.coverage),
    unit: "percent of new sales; errors in percentage points",
    calibration: {
      equation: "l(t) = l(t-1) + lambda*(U(t) - l(t-1)); U = -beta*dC/Cref + A - B0*exp(-k*E(t-1)); E = cumulative EV share of sales (share-years)",
      mature_constant: r3(c.matureConstant),
      population: { mean: r3(c.populationMean), sd: r3(c.populationSpread), countries: c.poolSize },
      barrier_depth: c.barrierDepth,
      barrier_decay: c.barrierDecay,
      adjustment_speed: c.adjustmentSpeed,
      own_training_pairs: c.ownPairs,
    },
    naive_logistic: { K: r4(r.naiveParams.K), r: r4(r.naiveParams.r), t_m: r4(r.naiveParams.tm) },
    fitted: {
      years: r.fitted.years,
      observed: r.fitted.observed.map(r4),
      model: r.fitted.model.map((x) => (x === null ? null : r4(x))),
      naive: r.fitted.naive.map(r4),
    },
    notes: r.notes,
  };
}

/** The --all document of one cut-off (shape fixed by issue 12). */
export function backtestAllJson(fitUntil: number, results: readonly BacktestResult[], skipped: readonly { region: string; mode: string; reason: string }[]) {
  const s = summarise(results);
  return {
    fit_until: fitUntil,
    series: results.map((r) => ({ region: r.region, mode: r.mode, mae: mae(r.mae), coverage: r4(r.coverage) })),
    summary: { n: s.n, mae: mae(s.mae), wins: s.wins, coverage: r4(s.coverage) },
    by_mode: PANEL_MODES.map((m) => {
      const q = summarise(results.filter((r) => r.mode === m));
      return { mode: m, n: q.n, mae: mae(q.mae), wins: q.wins, coverage: r4(q.coverage) };
    }),
    skipped,
  };
}

function oneTable(r: BacktestResult): string {
  const c = r.calibration;
  const best = Math.min(r.mae.model, r.mae.naive, r.mae.persistence);
  const winner = r.mae.model === best ? "the model" : r.mae.naive === best ? "the naive logistic" : "persistence";
  const lines = [
    `Backtest of the planner's choice model: ${r.region}, ${r.mode}`,
    `Fitted on the panel up to ${r.fitUntil} (${c.poolSize} other countries pooled); forecast ${r.years[0]}-${r.years[r.years.length - 1]}.`,
    `  adjustment speed lambda = ${c.adjustmentSpeed}, barrier B0 = ${c.barrierDepth}, decay k = ${c.barrierDecay} per share-year`,
    `  mature constant A = ${c.matureConstant.toFixed(2)} (population ${c.populationMean.toFixed(2)} +/- ${c.populationSpread.toFixed(2)}; ${c.ownPairs} training pairs)`,
    `  naive logistic: K = ${pctText(r.naiveParams.K * 100)}, r = ${r.naiveParams.r.toFixed(3)}/yr, midpoint ${r.naiveParams.tm.toFixed(1)}`,
    "",
    table(
      ["year", "observed", "model", "p5-p95", "naive", "persist."],
      r.years.map((t, i) => [
        String(t),
        pctText(r.observed[i]),
        pctText(r.forecast[i]),
        `${pctText(r.band.p5[i])}-${pctText(r.band.p95[i])}`,
        pctText(r.naive[i]),
        pctText(r.persistence[i]),
      ]),
    ),
    "",
    `MAE: model ${r.mae.model.toFixed(2)} pp, naive ${r.mae.naive.toFixed(2)} pp, persistence ${r.mae.persistence.toFixed(2)} pp: ${winner} closest.`,
    `Band coverage: ${Math.round(r.coverage * 100)}% of the test years inside p5-p95.`,
  ];
  if (r.notes.length) lines.push("Notes:", ...r.notes.map((n) => `  - ${n}`));
  return lines.join("\n");
}

export function backtestCommand(opts: BacktestOptions, print: (s: string) => void): void {
  if (!["table", "json"].includes(opts.format)) throw new CliError(`--format must be table or json, not "${opts.format}"`);
  if (!opts.history) throw new CliError("--history <file.csv> is required");
  const file = shownPath(opts.history);
  const rows = parseEvHistoryCsv(readTextBounded(opts.history, "history file", MAX_CSV_BYTES), file);

  if (opts.all) {
    if (opts.region || opts.mode) throw new CliError("--all runs every region and mode; leave out --region and --mode");
    const cuts = opts.fitUntil ? opts.fitUntil.split(",").map((s) => year(s, "--fit-until")) : DEFAULT_FIT_UNTILS;
    const { results, skipped } = backtestAll(rows, cuts, { file });
    if (opts.format === "json") {
      const docs = cuts.map((T) =>
        backtestAllJson(
          T,
          results.filter((r) => r.fitUntil === T),
          skipped.filter((s) => s.fitUntil === T),
        ),
      );
      print(JSON.stringify(docs.length === 1 ? docs[0] : docs));
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
  const r = backtest(rows, opts.region, opts.mode, { fitUntil: year(opts.fitUntil, "--fit-until"), file });
  print(opts.format === "json" ? JSON.stringify(backtestJson(r)) : oneTable(r));
}

const best = (r: BacktestResult) => {
  const m = Math.min(r.mae.model, r.mae.naive, r.mae.persistence);
  return r.mae.model === m ? "model" : r.mae.naive === m ? "naive" : "persist.";
};

/** One line per region x mode x cut-off, and the summary per cut-off. */
export function allTable(results: readonly BacktestResult[]): string {
  const rows = results.map((r) => [
    r.region,
    r.mode,
    String(r.fitUntil),
    r.mae.model.toFixed(2),
    r.mae.naive.toFixed(2),
    r.mae.persistence.toFixed(2),
    `${Math.round(r.coverage * 100)}%`,
    best(r),
  ]);
  const lines = [table(["region", "mode", "cut", "model", "naive", "persist.", "cover", "best"], rows, ["l", "l", "r", "r", "r", "r", "r", "l"]), ""];
  for (const T of [...new Set(results.map((r) => r.fitUntil))]) {
    const s = summarise(results.filter((r) => r.fitUntil === T));
    lines.push(
      `Cut-off ${T}: ${s.n} series; MAE (pp) model ${s.mae.model.toFixed(2)}, naive ${s.mae.naive.toFixed(2)}, persistence ${s.mae.persistence.toFixed(2)};`,
      `  model better than naive in ${s.wins.naive}, than persistence in ${s.wins.persistence}; band coverage ${Math.round(s.coverage * 100)}%.`,
    );
  }
  return lines.join("\n");
}
