// Monte Carlo over uncertain parameters: each sample draws every parameter from its stream, evaluates the scenario
// and its counterfactual with the SAME draws (so differences are paired), and keeps the selected metric rows and
// target values. The report gives per metric and year the percentiles p5..p95 and each target's chance of being met.
import { SEGMENTS } from "../domain.js";
import { InputError } from "../errors.js";
import { BRK_ALL, SEG_TOTAL, rowOffset } from "../engine/layout.js";
import { METRICS, isMetricId, metricDef, metricIndex } from "../engine/metrics.js";
import type { Engine, RunFlags } from "../engine/engine.js";
import type { Model } from "../analysis/model.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import { segmentSlot } from "../analysis/read.js";
import { meetsTarget } from "../analysis/targets.js";
import { applyDraws, buildDrawPlan, describePlan, drawAt, type DrawPlan } from "./plan.js";
import { dpercentiles } from "./percentile.js";
import { ColumnSketch, SKETCH_RELATIVE_ERROR, sketchFromData, sketchPercentile, sketchToData, type ColumnSketchData } from "./sketch.js";
import { fingerprint, runSweep, type Sweep, type SweepMeta } from "./sweep.js";

export const PERCENTILES = [5, 25, 50, 75, 95] as const;
export type Bands = { p5: number[]; p25: number[]; p50: number[]; p75: number[]; p95: number[] };

export interface UncertaintyOptions {
  readonly samples: number;
  readonly seed?: number;
  /** Only these uncertain parameters (default: every parameter declaring a distribution). */
  readonly params?: readonly string[];
  /** Metrics to report (default: all). */
  readonly metrics?: readonly string[];
  /** Also keep per-segment rows (more memory: 7 rows per metric instead of 1). */
  readonly bySegment?: boolean;
  /** Also report the paired difference scenario minus counterfactual (default true when there is one). */
  readonly difference?: boolean;
  /** How percentiles are computed: exact order statistics over every record, a streaming sketch, or (auto) exact
   * while the records are few enough to keep (EXACT_MAX_SAMPLES, EXACT_MAX_BYTES), else the sketch. */
  readonly quantiles?: QuantileMethod | "auto";
}

export type QuantileMethod = "exact" | "sketch";
/** Auto keeps exact percentiles up to this many samples... */
export const EXACT_MAX_SAMPLES = 100_000;
/** ...whose records fit in this many bytes (what a run may hold in memory). */
export const EXACT_MAX_BYTES = 2 * 1024 ** 3;

/** What the report says about its percentiles. */
export type QuantileNote = { readonly method: "exact" } | { readonly method: "sketch"; readonly relative_error: number; readonly note: string };

export function quantileNote(method: QuantileMethod): QuantileNote {
  return method === "exact"
    ? { method: "exact" }
    : {
        method: "sketch",
        relative_error: SKETCH_RELATIVE_ERROR,
        note: `streaming log-bucketed histograms per cell (DDSketch): every percentile within ${SKETCH_RELATIVE_ERROR * 100}% of the exact one, relative to its value (of the larger magnitude where the two order statistics it lies between differ in sign); target probabilities are exact counts`,
      };
}

export interface UncertaintyMeta extends SweepMeta {
  readonly kind: "uncertainty";
  readonly scenario: string;
  readonly counterfactual: string | null;
  readonly seed: number;
  readonly years: readonly number[];
  readonly parameters: ReturnType<typeof describePlan>;
  readonly cells: readonly { metric: string; segment: string }[];
  readonly difference: boolean;
  readonly targets: readonly { metric: string; segment: string; year: number; target: number; sense: "at_least" | "at_most"; label: string }[];
  /** Of the compiled parameter buffers: shards made from other data refuse to merge. */
  readonly inputs: string;
  readonly quantiles: QuantileMethod;
}

export interface UncertaintyReport {
  readonly scenario: string;
  readonly counterfactual: string | null;
  readonly samples: number;
  readonly seed: number;
  readonly years: readonly number[];
  readonly parameters: UncertaintyMeta["parameters"];
  readonly percentiles: readonly number[];
  readonly quantiles: QuantileNote;
  readonly metrics: Record<string, { unit: string; total: Bands; by_segment: Record<string, Bands> }>;
  readonly difference?: {
    readonly counterfactual: string;
    readonly metrics: Record<string, { unit: string; total: Bands; by_segment: Record<string, Bands> }>;
  };
  readonly targets: readonly (UncertaintyMeta["targets"][number] & { probability_met: number; value: Record<string, number> })[];
}

export const DEFAULT_SEED = 1;
/** Records evaluated before a streaming summary takes them in, column by column (64 x 3,321 values: 1.7 MB). */
const SUMMARY_BLOCK = 64;

function checkSamples(n: number, what = "samples"): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new InputError([{ file: "options", field: what, message: `${what} must be a positive integer, not ${n}` }]);
}

export class UncertaintySweep implements Sweep<UncertaintyMeta> {
  readonly meta: UncertaintyMeta;
  readonly plan: DrawPlan;
  private readonly main: CompiledScenario;
  private readonly cf: CompiledScenario | null;
  private readonly engMain: Engine;
  /** Every draw is uncertain knowledge, conditioned on the observed base year (engine RunFlags). */
  private readonly engCf: Engine | null;
  private readonly draws: Float64Array;
  private readonly pMain: Float64Array;
  private readonly pCf: Float64Array;
  private readonly outMain: Float64Array;
  private readonly outCf: Float64Array;
  private readonly pObserved: Float64Array;
  private readonly flagsMain: RunFlags;
  private readonly flagsCf: RunFlags;
  private readonly cellOffsets: Int32Array;
  private readonly targetOffsets: Int32Array;
  /** A block of records, for runs summarised as they go. */
  private readonly block: Float64Array;

  constructor(model: Model, main: CompiledScenario, counterfactual: CompiledScenario | null, opts: UncertaintyOptions) {
    checkSamples(opts.samples);
    if (
      counterfactual &&
      (counterfactual.nYears !== main.nYears || counterfactual.baseYear !== main.baseYear || counterfactual.params.length !== main.params.length)
    )
      throw new Error(`counterfactual ${counterfactual.name} does not share the horizon and layout of ${main.name}`);
    this.main = main;
    this.cf = counterfactual;
    this.plan = buildDrawPlan(model.registry, main, opts.params);
    const T = main.nYears;
    const metricIds = opts.metrics ?? METRICS.map((m) => m.id);
    const unknown = metricIds.filter((id) => !isMetricId(id));
    if (unknown.length) throw new InputError(unknown.map((id) => ({ file: "options", field: "metrics", message: `unknown metric "${id}"` })));
    const cells: { metric: string; segment: string }[] = [];
    for (const id of metricIds) {
      cells.push({ metric: id, segment: "total" });
      if (opts.bySegment && !metricDef(id)!.national) for (const s of SEGMENTS) cells.push({ metric: id, segment: s });
    }
    this.cellOffsets = Int32Array.from(cells, (c) => rowOffset(metricIndex(c.metric), c.segment === "total" ? SEG_TOTAL : segmentSlot(c.segment), BRK_ALL, T));
    const targets = main.targets.map((t) => ({ metric: t.metric, segment: t.segment, year: t.year, target: t.value, sense: t.sense, label: t.label }));
    this.targetOffsets = Int32Array.from(targets, (t) => rowOffset(metricIndex(t.metric), segmentSlot(t.segment), BRK_ALL, T) + (t.year - main.baseYear));
    const difference = counterfactual !== null && opts.difference !== false;
    const width = cells.length * T * (difference ? 2 : 1) + targets.length;
    const q = opts.quantiles ?? "auto";
    if (q !== "auto" && q !== "exact" && q !== "sketch")
      throw new InputError([{ file: "options", field: "quantiles", message: `quantiles must be auto, exact or sketch, not "${String(q)}"` }]);
    const quantiles: QuantileMethod = q !== "auto" ? q : opts.samples <= EXACT_MAX_SAMPLES && opts.samples * width * 8 <= EXACT_MAX_BYTES ? "exact" : "sketch";
    this.meta = {
      kind: "uncertainty",
      count: opts.samples,
      width,
      scenario: main.name,
      counterfactual: counterfactual?.name ?? null,
      seed: opts.seed ?? DEFAULT_SEED,
      years: Array.from({ length: T }, (_, t) => main.baseYear + t),
      parameters: describePlan(this.plan),
      cells,
      difference,
      targets,
      inputs: counterfactual ? fingerprint(main.params, counterfactual.params) : fingerprint(main.params),
      quantiles,
    };
    this.block = new Float64Array(width * SUMMARY_BLOCK);
    this.engMain = model.engineFor(main);
    this.engCf = counterfactual ? model.engineFor(counterfactual) : null;
    this.draws = new Float64Array(this.plan.dims);
    this.pMain = new Float64Array(main.params.length);
    this.pCf = new Float64Array(main.params.length);
    // A draw is a belief about the world: it applies to the observed base year the choice constants are calibrated
    // on as well (both runs share one observed world: a counterfactual is compiled in its scenario's frame).
    this.pObserved = new Float64Array(main.params.length);
    this.flagsMain = { modes: main.modes, evMask: main.evMask, observed: this.pObserved, conditionOnBaseYear: true };
    this.flagsCf = counterfactual
      ? { modes: counterfactual.modes, evMask: counterfactual.evMask, observed: this.pObserved, conditionOnBaseYear: true }
      : this.flagsMain;
    this.outMain = this.engMain.newOutput();
    this.outCf = this.engMain.newOutput();
  }

  runRange(from: number, to: number, out: Float64Array, outOffset = 0): void {
    const { width, seed, difference } = this.meta;
    const T = this.main.nYears;
    const nCells = this.cellOffsets.length;
    const om = this.outMain;
    const oc = this.outCf;
    for (let i = from; i < to; i++) {
      drawAt(this.plan, seed, i, this.draws);
      applyDraws(this.plan, this.main.params, this.draws, this.pMain);
      applyDraws(this.plan, this.main.observed, this.draws, this.pObserved);
      this.engMain.run(this.pMain, this.flagsMain, om);
      // The counterfactual is run only for the paired difference (targets and metric rows read the scenario alone).
      if (difference && this.cf) {
        applyDraws(this.plan, this.cf.params, this.draws, this.pCf);
        this.engCf!.run(this.pCf, this.flagsCf, oc);
      }
      let o = outOffset + (i - from) * width;
      for (let c = 0; c < nCells; c++) {
        const src = this.cellOffsets[c];
        for (let t = 0; t < T; t++) out[o + t] = om[src + t];
        o += T;
      }
      if (difference) {
        for (let c = 0; c < nCells; c++) {
          const src = this.cellOffsets[c];
          for (let t = 0; t < T; t++) out[o + t] = om[src + t] - oc[src + t];
          o += T;
        }
      }
      for (let k = 0; k < this.targetOffsets.length; k++) out[o + k] = om[this.targetOffsets[k]];
    }
  }

  /** Evaluate records from..to-1 into a streaming summary, keeping none. */
  runSummary(from: number, to: number, summary: UncertaintySummary): void {
    for (let i = from; i < to; i += SUMMARY_BLOCK) {
      const j = Math.min(to, i + SUMMARY_BLOCK);
      this.runRange(i, j, this.block, 0);
      summary.addRecords(this.block, 0, j - i);
    }
  }
}

/** Numbers kept per record column: the percentiles, then how many records meet the column's target (targets only). */
export const STATS_PER_COLUMN = PERCENTILES.length + 1;
const PROBS = PERCENTILES.map((p) => p / 100);

/** First column of the targets in a record. */
function targetBase(meta: UncertaintyMeta): number {
  return meta.cells.length * meta.years.length * (meta.difference ? 2 : 1);
}

/**
 * Exact percentiles (and target counts) of record columns colFrom..colTo-1 over `rows` records, into
 * out[(c - colFrom) * STATS_PER_COLUMN ...]. Columns are independent, so threads may each take some.
 */
export function exactColumnStats(meta: UncertaintyMeta, records: Float64Array, rows: number, colFrom: number, colTo: number, out: Float64Array): void {
  const W = meta.width;
  const scratch = new Float64Array(rows);
  const tBase = targetBase(meta);
  for (let c = colFrom; c < colTo; c++) {
    const o = (c - colFrom) * STATS_PER_COLUMN;
    dpercentiles(rows, records, W, c, PROBS, out, 1, o, scratch);
    let met = NaN;
    if (c >= tBase) {
      const t = meta.targets[c - tBase];
      met = 0;
      for (let i = 0, ix = c; i < rows; i++, ix += W) if (meetsTarget(records[ix], t.target, t.sense)) met++;
    }
    out[o + PERCENTILES.length] = met;
  }
}

/**
 * A streaming summary of Monte Carlo records: one sketch per column and each target's count of records meeting
 * it. Memory does not grow with the number of samples; summaries of any split of the samples merge into the one
 * of the whole, whatever the order (integer counts).
 */
export class UncertaintySummary {
  readonly columns: ColumnSketch[];
  readonly met: Float64Array;
  samples = 0;
  private readonly tBase: number;
  constructor(private readonly meta: UncertaintyMeta) {
    this.columns = Array.from({ length: meta.width }, () => new ColumnSketch());
    this.met = new Float64Array(meta.targets.length);
    this.tBase = targetBase(meta);
  }
  add(records: Float64Array, offset: number): void {
    this.addRecords(records, offset, 1);
  }
  /**
   * Add n consecutive records from records[offset]. Column by column: each column's histograms are touched n
   * times in a row rather than once per record (on 3,000-odd columns, a cache miss per value otherwise).
   */
  addRecords(records: Float64Array, offset: number, n: number): void {
    const W = this.meta.width;
    for (let c = 0; c < W; c++) this.columns[c].addStrided(records, offset + c, W, n);
    for (let k = 0; k < this.met.length; k++) {
      const t = this.meta.targets[k];
      for (let i = 0, ix = offset + this.tBase + k; i < n; i++, ix += W) if (meetsTarget(records[ix], t.target, t.sense)) this.met[k]++;
    }
    this.samples += n;
  }
  merge(o: UncertaintySummaryData): void {
    for (let c = 0; c < this.columns.length; c++) this.columns[c].merge(sketchFromData(o.columns[c]));
    for (let k = 0; k < this.met.length; k++) this.met[k] += o.met[k];
    this.samples += o.samples;
  }
  toData(): UncertaintySummaryData {
    return { columns: this.columns.map(sketchToData), met: this.met, samples: this.samples };
  }
  /** Percentiles and target counts of every column (layout of exactColumnStats). */
  stats(): Float64Array {
    const out = new Float64Array(this.columns.length * STATS_PER_COLUMN);
    for (let c = 0; c < this.columns.length; c++) {
      const o = c * STATS_PER_COLUMN;
      for (let j = 0; j < PROBS.length; j++) out[o + j] = sketchPercentile(this.columns[c], PROBS[j]);
      out[o + PERCENTILES.length] = c >= this.tBase ? this.met[c - this.tBase] : NaN;
    }
    return out;
  }
}

/** A summary as plain data (crosses into and out of worker threads). */
export interface UncertaintySummaryData {
  readonly columns: readonly ColumnSketchData[];
  readonly met: Float64Array;
  readonly samples: number;
}

/** The report from the statistics of every record column (exactColumnStats or UncertaintySummary.stats). */
export function uncertaintyReportFromStats(meta: UncertaintyMeta, stats: Float64Array): UncertaintyReport {
  const N = meta.count;
  const W = meta.width;
  if (stats.length !== W * STATS_PER_COLUMN) throw new Error(`expected statistics of ${W} columns, got ${stats.length / STATS_PER_COLUMN}`);
  const T = meta.years.length;
  const S = STATS_PER_COLUMN;
  const bandsAt = (col: number): Bands => {
    const b: Bands = { p5: new Array(T), p25: new Array(T), p50: new Array(T), p75: new Array(T), p95: new Array(T) };
    const rows = [b.p5, b.p25, b.p50, b.p75, b.p95];
    for (let t = 0; t < T; t++) for (let j = 0; j < rows.length; j++) rows[j][t] = stats[(col + t) * S + j];
    return b;
  };
  const block = (base: number) => {
    const metrics: UncertaintyReport["metrics"] = {};
    meta.cells.forEach((c, i) => {
      const m = (metrics[c.metric] ??= { unit: metricDef(c.metric)!.unit, total: undefined as unknown as Bands, by_segment: {} });
      const b = bandsAt(base + i * T);
      if (c.segment === "total") m.total = b;
      else m.by_segment[c.segment] = b;
    });
    return metrics;
  };
  const nCellCols = meta.cells.length * T;
  const metrics = block(0);
  const difference = meta.difference ? { counterfactual: meta.counterfactual!, metrics: block(nCellCols) } : undefined;
  const tBase = targetBase(meta);
  const targets = meta.targets.map((t, k) => {
    const o = (tBase + k) * S;
    const value = Object.fromEntries(PERCENTILES.map((p, j) => [`p${p}`, stats[o + j]]));
    return { ...t, probability_met: stats[o + PERCENTILES.length] / N, value };
  });
  return {
    scenario: meta.scenario,
    counterfactual: meta.counterfactual,
    samples: N,
    seed: meta.seed,
    years: meta.years,
    parameters: meta.parameters,
    percentiles: [...PERCENTILES],
    quantiles: quantileNote(meta.quantiles ?? "exact"),
    metrics,
    ...(difference ? { difference } : {}),
    targets,
  };
}

/**
 * The report from every record of a sweep (records in index order; any order gives the same percentiles), by the
 * meta's method: a sketch fed every record gives what the streaming run gives.
 */
export function summariseUncertainty(meta: UncertaintyMeta, records: Float64Array): UncertaintyReport {
  const N = meta.count;
  const W = meta.width;
  if (records.length !== N * W) throw new Error(`expected ${N} records of ${W} numbers, got ${records.length} numbers`);
  if (meta.quantiles === "sketch") {
    const s = new UncertaintySummary(meta);
    for (let i = 0; i < N; i += SUMMARY_BLOCK) s.addRecords(records, i * W, Math.min(SUMMARY_BLOCK, N - i));
    return uncertaintyReportFromStats(meta, s.stats());
  }
  const stats = new Float64Array(W * STATS_PER_COLUMN);
  exactColumnStats(meta, records, N, 0, W, stats);
  return uncertaintyReportFromStats(meta, stats);
}

/**
 * Monte Carlo in this thread: the scenario and its counterfactual (compiled by the model unless given), the
 * percentile bands and target probabilities. Pure and browser-safe; `onProgress` is called after each chunk.
 */
export function runUncertainty(
  model: Model,
  compiled: CompiledScenario,
  opts: UncertaintyOptions & { counterfactual?: CompiledScenario | null; onProgress?: (done: number, total: number) => void },
): UncertaintyReport {
  const cf = opts.counterfactual !== undefined ? opts.counterfactual : model.counterfactualOf(compiled);
  const sweep = new UncertaintySweep(model, compiled, cf, opts);
  if (sweep.meta.quantiles === "exact") return summariseUncertainty(sweep.meta, runSweep(sweep, { onProgress: opts.onProgress }));
  const summary = new UncertaintySummary(sweep.meta);
  const N = sweep.meta.count;
  for (let i = 0; i < N; i += 256) {
    const j = Math.min(N, i + 256);
    sweep.runSummary(i, j, summary);
    opts.onProgress?.(j, N);
  }
  return uncertaintyReportFromStats(sweep.meta, summary.stats());
}
