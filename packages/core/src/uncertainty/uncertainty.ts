// Monte Carlo over uncertain parameters: each sample draws every parameter from its stream, evaluates the scenario
// and its counterfactual with the SAME draws (so differences are paired), and keeps the selected metric rows and
// target values. The report gives per metric and year the percentiles p5..p95 and each target's chance of being met.
import { SEGMENTS } from "../domain.js";
import { InputError } from "../errors.js";
import { BRK_ALL, SEG_TOTAL, rowOffset } from "../engine/layout.js";
import { METRICS, isMetricId, metricDef, metricIndex } from "../engine/metrics.js";
import type { Engine } from "../engine/engine.js";
import type { Model } from "../analysis/model.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import { segmentSlot } from "../analysis/read.js";
import { meetsTarget } from "../analysis/targets.js";
import type { RunFlags } from "../engine/state.js";
import { applyDraws, buildDrawPlan, describePlan, drawAt, type DrawPlan } from "./plan.js";
import { dpercentiles } from "./percentile.js";
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
}

export interface UncertaintyReport {
  readonly scenario: string;
  readonly counterfactual: string | null;
  readonly samples: number;
  readonly seed: number;
  readonly years: readonly number[];
  readonly parameters: UncertaintyMeta["parameters"];
  readonly percentiles: readonly number[];
  readonly metrics: Record<string, { unit: string; total: Bands; by_segment: Record<string, Bands> }>;
  readonly difference?: {
    readonly counterfactual: string;
    readonly metrics: Record<string, { unit: string; total: Bands; by_segment: Record<string, Bands> }>;
  };
  readonly targets: readonly (UncertaintyMeta["targets"][number] & { probability_met: number; value: Record<string, number> })[];
}

export const DEFAULT_SEED = 1;

function checkSamples(n: number, what = "samples"): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new InputError([{ file: "options", field: what, message: `${what} must be a positive integer, not ${n}` }]);
}

export class UncertaintySweep implements Sweep<UncertaintyMeta> {
  readonly meta: UncertaintyMeta;
  readonly plan: DrawPlan;
  private readonly main: CompiledScenario;
  private readonly cf: CompiledScenario | null;
  private readonly engMain: Engine;
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
    };
    this.engMain = model.engineFor(main);
    this.engCf = counterfactual ? model.engineFor(counterfactual) : null;
    this.draws = new Float64Array(this.plan.dims);
    this.pMain = new Float64Array(main.params.length);
    this.pCf = new Float64Array(main.params.length);
    // A draw is a belief about the world: it applies to the observed base year the choice constants are calibrated
    // on as well (both runs share one observed world: a counterfactual is compiled in its scenario's frame).
    this.pObserved = new Float64Array(main.params.length);
    this.flagsMain = { modes: main.modes, evMask: main.evMask, observed: this.pObserved };
    this.flagsCf = counterfactual ? { modes: counterfactual.modes, evMask: counterfactual.evMask, observed: this.pObserved } : this.flagsMain;
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
      if (this.cf) {
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
}

/** The report from every record of a sweep (records in index order; any order gives the same percentiles). */
export function summariseUncertainty(meta: UncertaintyMeta, records: Float64Array): UncertaintyReport {
  const N = meta.count;
  const W = meta.width;
  if (records.length !== N * W) throw new Error(`expected ${N} records of ${W} numbers, got ${records.length} numbers`);
  const T = meta.years.length;
  const probs = PERCENTILES.map((p) => p / 100);
  const scratch = new Float64Array(N);
  const q = new Float64Array(PERCENTILES.length);
  // One row's years gathered column-major first: reading each record's row at once is cache-friendly, where
  // T strided passes over the whole buffer are not.
  const cols = new Float64Array(T * N);
  const bandsAt = (col: number): Bands => {
    const b: Bands = { p5: new Array(T), p25: new Array(T), p50: new Array(T), p75: new Array(T), p95: new Array(T) };
    const rows = [b.p5, b.p25, b.p50, b.p75, b.p95];
    for (let i = 0, o = col; i < N; i++, o += W) for (let t = 0; t < T; t++) cols[t * N + i] = records[o + t];
    for (let t = 0; t < T; t++) {
      dpercentiles(N, cols, 1, t * N, probs, q, 1, 0, scratch);
      for (let j = 0; j < rows.length; j++) rows[j][t] = q[j];
    }
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
  const tBase = nCellCols * (meta.difference ? 2 : 1);
  const targets = meta.targets.map((t, k) => {
    let met = 0;
    for (let i = 0; i < N; i++) if (meetsTarget(records[i * W + tBase + k], t.target, t.sense)) met++;
    dpercentiles(N, records, W, tBase + k, probs, q, 1, 0, scratch);
    const value = Object.fromEntries(PERCENTILES.map((p, j) => [`p${p}`, q[j]]));
    return { ...t, probability_met: met / N, value };
  });
  return {
    scenario: meta.scenario,
    counterfactual: meta.counterfactual,
    samples: N,
    seed: meta.seed,
    years: meta.years,
    parameters: meta.parameters,
    percentiles: [...PERCENTILES],
    metrics,
    ...(difference ? { difference } : {}),
    targets,
  };
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
  return summariseUncertainty(sweep.meta, runSweep(sweep, { onProgress: opts.onProgress }));
}
