// Sensitivity of one metric cell (metric, segment, year) to the uncertain parameters: one-at-a-time (tornado: each
// parameter at its 5th and 95th percentile, the others as compiled) and variance-based (Sobol indices over the
// Saltelli design). Both are sweeps, so they run on threads and shards like the Monte Carlo.
import { InputError } from "../errors.js";
import { BRK_ALL, rowOffset } from "../engine/layout.js";
import { isMetricId, metricDef, metricIndex } from "../engine/metrics.js";
import type { Engine, RunFlags } from "../engine/engine.js";
import type { Model } from "../analysis/model.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import { segmentSlot } from "../analysis/read.js";
import { SEGMENTS } from "../domain.js";
import type { Uncertainty } from "../registry/schema.js";
import { compileDistribution, quantileAt } from "./distributions.js";
import { applyDraws, applyOne, buildDrawPlan, describePlan, planQuantile, restoreRows, type DrawPlan } from "./plan.js";
import { saltelliPoint, sobolWithBootstrap } from "./sobol.js";
import { fingerprint, runSweep, type Sweep, type SweepMeta } from "./sweep.js";
import { DEFAULT_SEED } from "./uncertainty.js";

export interface MetricCell {
  readonly metric: string;
  readonly segment: string;
  readonly year: number;
}

/** Parse `<metric>:<segment|total>:<year>`, e.g. `ev_sales_share:total:2030`. */
export function parseMetricCell(spec: string): MetricCell {
  const m = /^([a-z0-9_]+):([a-z_]+):(\d{4})$/.exec(spec.trim());
  const bad = (message: string) => new InputError([{ file: "command line", field: "metric", message }]);
  if (!m) throw bad(`"${spec}" is not <metric>:<segment|total>:<year>, e.g. ev_sales_share:total:2030`);
  if (!isMetricId(m[1])) throw bad(`unknown metric "${m[1]}"`);
  if (m[2] !== "total" && !(SEGMENTS as readonly string[]).includes(m[2]))
    throw bad(`unknown segment "${m[2]}"; expected total or one of ${SEGMENTS.join(", ")}`);
  return { metric: m[1], segment: m[2], year: Number(m[3]) };
}

/** Probabilities of the low and high runs of a tornado. */
export const TORNADO_LOW = 0.05;
export const TORNADO_HIGH = 0.95;

export interface SensitivityOptions {
  readonly metric: MetricCell;
  readonly params?: readonly string[];
  /** Of the difference scenario minus counterfactual (paired) instead of the scenario itself. */
  readonly difference?: boolean;
}

export interface SensitivityMeta extends SweepMeta {
  readonly kind: "tornado" | "sobol";
  readonly scenario: string;
  readonly counterfactual: string | null;
  readonly metric: MetricCell & { unit: string };
  readonly parameters: ReturnType<typeof describePlan>;
  readonly inputs: string;
  readonly samples?: number;
  readonly seed?: number;
  readonly bootstrap?: number;
  readonly confidence?: number;
}

/** Shared machinery: a plan, scratch buffers, and one evaluation of the metric cell for a parameter buffer. */
abstract class CellSweep {
  abstract readonly meta: SensitivityMeta;
  readonly plan: DrawPlan;
  protected readonly main: CompiledScenario;
  protected readonly cf: CompiledScenario | null;
  private readonly eng: Engine;
  private readonly engCf: Engine | null;
  /** Draws are uncertain knowledge, conditioned on the observed base year (engine RunFlags). */
  protected readonly values: Float64Array;
  protected readonly pMain: Float64Array;
  protected readonly pCf: Float64Array;
  private readonly out: Float64Array;
  private readonly offset: number;
  /** The observed world under the same draw (see uncertainty.ts), and the run flags that carry it. */
  protected readonly pObserved: Float64Array;
  private readonly flagsMain: RunFlags;
  private readonly flagsCf: RunFlags;

  constructor(model: Model, main: CompiledScenario, counterfactual: CompiledScenario | null, opts: SensitivityOptions) {
    const { metric, segment, year } = opts.metric;
    if (year < main.baseYear || year > main.endYear)
      throw new InputError([{ file: "command line", field: "metric", message: `year ${year} is outside ${main.baseYear}-${main.endYear}` }]);
    if (opts.difference && !counterfactual)
      throw new InputError([{ file: main.file, field: "counterfactual", message: `${main.name} has no counterfactual to difference against` }]);
    this.main = main;
    this.cf = opts.difference ? counterfactual : null;
    this.plan = buildDrawPlan(model.registry, main, opts.params);
    if (this.plan.dims === 0) throw new InputError([{ file: "data pack", field: "uncertainty", message: "no parameter declares an uncertainty distribution" }]);
    this.eng = model.engineFor(main);
    this.engCf = this.cf ? model.engineFor(this.cf) : null;
    this.values = new Float64Array(this.plan.dims);
    this.pMain = new Float64Array(main.params.length);
    this.pCf = new Float64Array(main.params.length);
    this.pObserved = new Float64Array(main.params.length);
    // Only the metric's year is read: each evaluation stops there (engine RunFlags.untilYearIndex).
    const untilYearIndex = year - main.baseYear;
    this.flagsMain = { modes: main.modes, evMask: main.evMask, observed: this.pObserved, conditionOnBaseYear: true, untilYearIndex };
    this.flagsCf = this.cf
      ? { modes: this.cf.modes, evMask: this.cf.evMask, observed: this.pObserved, conditionOnBaseYear: true, untilYearIndex }
      : this.flagsMain;
    this.out = this.eng.newOutput();
    this.offset = rowOffset(metricIndex(metric), segmentSlot(segment), BRK_ALL, main.nYears) + (year - main.baseYear);
  }

  protected common() {
    return {
      scenario: this.main.name,
      counterfactual: this.cf?.name ?? null,
      metric: { ...this.metricCell(), unit: metricDef(this.metricCell().metric)!.unit },
      parameters: describePlan(this.plan),
      inputs: this.cf ? fingerprint(this.main.params, this.cf.params) : fingerprint(this.main.params),
    };
  }
  protected abstract metricCell(): MetricCell;

  /** The metric cell with pMain (and pCf) already filled. */
  protected evaluate(): number {
    this.eng.run(this.pMain, this.flagsMain, this.out);
    const v = this.out[this.offset];
    if (!this.cf) return v;
    this.engCf!.run(this.pCf, this.flagsCf, this.out);
    return v - this.out[this.offset];
  }
}

export class TornadoSweep extends CellSweep implements Sweep<SensitivityMeta> {
  readonly meta: SensitivityMeta;
  private readonly cell: MetricCell;
  constructor(model: Model, main: CompiledScenario, counterfactual: CompiledScenario | null, opts: SensitivityOptions) {
    super(model, main, counterfactual, opts);
    this.cell = opts.metric;
    this.meta = { kind: "tornado", count: 1 + 2 * this.plan.dims, width: 1, ...this.common() };
  }
  protected metricCell(): MetricCell {
    return this.cell;
  }
  /** Evaluation 0 is the base (as compiled); 1 + 2d and 2 + 2d put parameter d at its low and high percentile. */
  runRange(from: number, to: number, out: Float64Array, outOffset = 0): void {
    for (let e = from; e < to; e++) {
      this.pMain.set(this.main.params);
      this.pObserved.set(this.main.observed);
      if (this.cf) this.pCf.set(this.cf.params);
      if (e > 0) {
        const d = (e - 1) >> 1;
        const v = planQuantile(this.plan, d, (e - 1) % 2 === 0 ? TORNADO_LOW : TORNADO_HIGH);
        applyOne(this.plan, d, v, this.pMain);
        applyOne(this.plan, d, v, this.pObserved);
        if (this.cf) applyOne(this.plan, d, v, this.pCf);
      }
      out[outOffset + e - from] = this.evaluate();
    }
  }
}

export class SobolSweep extends CellSweep implements Sweep<SensitivityMeta> {
  readonly meta: SensitivityMeta;
  private readonly cell: MetricCell;
  private readonly u: Float64Array;
  private readonly valuesA: Float64Array;
  private readonly valuesB: Float64Array;
  /** The base sample whose A row the parameter buffers hold (-1: none yet). */
  private baseSample = -1;
  constructor(
    model: Model,
    main: CompiledScenario,
    counterfactual: CompiledScenario | null,
    opts: SensitivityOptions & { samples: number; seed?: number; bootstrap?: number; confidence?: number },
  ) {
    super(model, main, counterfactual, opts);
    if (!(Number.isInteger(opts.samples) && opts.samples >= 2))
      throw new InputError([{ file: "command line", field: "samples", message: `samples must be an integer of at least 2, not ${opts.samples}` }]);
    this.cell = opts.metric;
    this.u = new Float64Array(this.plan.dims);
    this.valuesA = new Float64Array(this.plan.dims);
    this.valuesB = new Float64Array(this.plan.dims);
    this.meta = {
      kind: "sobol",
      count: opts.samples * (this.plan.dims + 2),
      width: 1,
      ...this.common(),
      samples: opts.samples,
      seed: opts.seed ?? DEFAULT_SEED,
      bootstrap: opts.bootstrap ?? 200,
      confidence: opts.confidence ?? 0.95,
    };
  }
  protected metricCell(): MetricCell {
    return this.cell;
  }
  /**
   * Evaluation e of the Saltelli design is row A_j, B_j or AB_i of base sample j (sobol.ts). The k+2 rows of one
   * base sample share their draws, so the 2k inverse CDFs of A_j and B_j are computed once per base sample (not k
   * per evaluation), and the parameter buffers hold A_j applied: AB_i rewrites only the rows of parameter i and
   * puts them back, where a full apply would copy every buffer and redo all k parameters. Each row's value is the
   * same clamp(compiled x draw) either way, so the records are bit for bit those of a full apply (when two
   * parameters share a series, which the plan checks, every row is applied in full as before).
   */
  runRange(from: number, to: number, out: Float64Array, outOffset = 0): void {
    const k = this.plan.dims;
    const w = k + 2;
    for (let e = from; e < to; e++) {
      const j = Math.floor(e / w);
      const r = e - j * w;
      if (j !== this.baseSample) this.enterBaseSample(j);
      if (r === 0) out[outOffset + e - from] = this.evaluate();
      else if (r === 1) {
        this.applyAll(this.valuesB);
        out[outOffset + e - from] = this.evaluate();
        this.applyAll(this.valuesA);
      } else if (!this.plan.disjoint) {
        for (let d = 0; d < k; d++) this.values[d] = d === r - 2 ? this.valuesB[d] : this.valuesA[d];
        this.applyAll(this.values);
        out[outOffset + e - from] = this.evaluate();
        this.applyAll(this.valuesA);
      } else {
        const d = r - 2;
        this.applyDim(d, this.valuesB[d]);
        out[outOffset + e - from] = this.evaluate();
        this.applyDim(d, this.valuesA[d]);
      }
    }
  }

  /** The draws of rows A_j and B_j, and the buffers set to A_j. */
  private enterBaseSample(j: number): void {
    const k = this.plan.dims;
    const seed = this.meta.seed!;
    saltelliPoint(j * (k + 2), k, seed, this.plan.keys, this.u);
    for (let d = 0; d < k; d++) this.valuesA[d] = planQuantile(this.plan, d, this.u[d]);
    saltelliPoint(j * (k + 2) + 1, k, seed, this.plan.keys, this.u);
    for (let d = 0; d < k; d++) this.valuesB[d] = planQuantile(this.plan, d, this.u[d]);
    this.applyAll(this.valuesA);
    this.baseSample = j;
  }

  private applyAll(values: Float64Array): void {
    applyDraws(this.plan, this.main.params, values, this.pMain);
    applyDraws(this.plan, this.main.observed, values, this.pObserved);
    if (this.cf) applyDraws(this.plan, this.cf.params, values, this.pCf);
  }

  /** Parameter d's rows back to compiled, then at `value` (the other rows are untouched). */
  private applyDim(d: number, value: number): void {
    restoreRows(this.plan, d, this.main.params, this.pMain);
    applyOne(this.plan, d, value, this.pMain);
    restoreRows(this.plan, d, this.main.observed, this.pObserved);
    applyOne(this.plan, d, value, this.pObserved);
    if (this.cf) {
      restoreRows(this.plan, d, this.cf.params, this.pCf);
      applyOne(this.plan, d, value, this.pCf);
    }
  }
}

export interface TornadoReport {
  readonly method: "tornado";
  readonly scenario: string;
  readonly counterfactual: string | null;
  readonly metric: SensitivityMeta["metric"];
  readonly low_percentile: number;
  readonly high_percentile: number;
  readonly base: number;
  readonly parameters: readonly { name: string; scale: string; low_input: number; high_input: number; low: number; high: number; swing: number }[];
}

export interface SobolReport {
  readonly method: "sobol";
  readonly scenario: string;
  readonly counterfactual: string | null;
  readonly metric: SensitivityMeta["metric"];
  readonly samples: number;
  readonly evaluations: number;
  readonly seed: number;
  readonly variance: number;
  readonly bootstrap: number;
  readonly confidence: number;
  readonly parameters: readonly { name: string; first: number; first_ci: [number, number]; total: number; total_ci: [number, number] }[];
}

/** Input of a tornado's low or high run, from the declared distribution in the meta (the sweep's arithmetic). */
function tornadoInput(p: SensitivityMeta["parameters"][number], prob: number): number {
  const d = compileDistribution(p as unknown as Uncertainty);
  return quantileAt(d.kind, d.a, d.b, d.c, d.cdfLo, d.cdfHi, prob);
}

export function summariseSensitivity(meta: SensitivityMeta, records: Float64Array): TornadoReport | SobolReport {
  if (records.length !== meta.count * meta.width) throw new Error(`expected ${meta.count} records, got ${records.length / meta.width}`);
  const head = { scenario: meta.scenario, counterfactual: meta.counterfactual, metric: meta.metric };
  if (meta.kind === "tornado") {
    const parameters = meta.parameters
      .map((p, d) => {
        const low = records[1 + 2 * d];
        const high = records[2 + 2 * d];
        return {
          name: p.name,
          scale: p.scale,
          low_input: tornadoInput(p, TORNADO_LOW),
          high_input: tornadoInput(p, TORNADO_HIGH),
          low,
          high,
          swing: Math.abs(high - low),
        };
      })
      .sort((x, y) => y.swing - x.swing || (x.name < y.name ? -1 : 1));
    return { method: "tornado", ...head, low_percentile: TORNADO_LOW * 100, high_percentile: TORNADO_HIGH * 100, base: records[0], parameters };
  }
  const k = meta.parameters.length;
  const N = meta.samples!;
  const r = sobolWithBootstrap(records, N, k, { resamples: meta.bootstrap, confidence: meta.confidence, seed: meta.seed });
  const parameters = meta.parameters
    .map((p, i) => ({
      name: p.name,
      first: r.first[i],
      first_ci: [r.firstLow[i], r.firstHigh[i]] as [number, number],
      total: r.total[i],
      total_ci: [r.totalLow[i], r.totalHigh[i]] as [number, number],
    }))
    .sort((x, y) => y.total - x.total || (x.name < y.name ? -1 : 1));
  return {
    method: "sobol",
    ...head,
    samples: N,
    evaluations: meta.count,
    seed: meta.seed!,
    variance: r.variance,
    bootstrap: r.bootstrap,
    confidence: r.confidence,
    parameters,
  };
}

/** Tornado or Sobol in this thread (browser-safe). */
export function runSensitivity(
  model: Model,
  compiled: CompiledScenario,
  opts: SensitivityOptions & { method: "tornado" | "sobol"; samples?: number; seed?: number; bootstrap?: number; counterfactual?: CompiledScenario | null },
): TornadoReport | SobolReport {
  const cf = opts.counterfactual !== undefined ? opts.counterfactual : model.counterfactualOf(compiled);
  const sweep =
    opts.method === "tornado" ? new TornadoSweep(model, compiled, cf, opts) : new SobolSweep(model, compiled, cf, { ...opts, samples: opts.samples ?? 1000 });
  return summariseSensitivity(sweep.meta, runSweep(sweep));
}
