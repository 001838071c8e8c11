import { SEGMENTS } from "../domain.js";
// Goal seek (docs/model.md section 11): the value of one lever that makes a metric hit a target, by bracketed
// root finding verified by a final run; and the least-cost mix of several levers that meets a target.
import { InputError } from "../errors.js";
import { illinois } from "../numeric/root.js";
import { outputLength } from "../engine/layout.js";
import { metricDef } from "../engine/metrics.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import type { Model, RunResult } from "./model.js";
import { applyLever, type LeverTarget } from "./levers.js";
import { cumulative, metricValue } from "./read.js";
import { targetSlack } from "./targets.js";

export interface SolveTarget {
  readonly metric: string;
  readonly segment: string;
  readonly year: number;
  readonly value: number;
}

/** The target could not be reached within the lever bounds. */
export class UnreachableTarget extends InputError {
  readonly best: number;
  readonly bestAt: readonly number[];
  constructor(message: string, best: number, bestAt: readonly number[]) {
    super([{ file: "command line", field: "target", message }]);
    this.best = best;
    this.bestAt = bestAt;
  }
}

/** Parse `metric:segment:year=value`. */
export function parseTarget(text: string): SolveTarget {
  const m = /^([a-z_0-9]+):([a-z_]+):(\d{4})=(-?[0-9.eE+-]+)$/.exec(text.trim());
  const bad = (message: string) => new InputError([{ file: "command line", field: "--target", message }]);
  if (!m) throw bad(`expected <metric>:<segment|total>:<year>=<value>, e.g. ev_sales_share:total:2030=0.30; got "${text}"`);
  const [, metric, segment, year, value] = m;
  if (!metricDef(metric)) throw bad(`unknown metric "${metric}"; see the metric list in docs/model.md`);
  if (segment !== "total" && !(SEGMENTS as readonly string[]).includes(segment))
    throw bad(`unknown segment "${segment}"; expected total or one of ${SEGMENTS.join(", ")}`);
  const v = Number(value);
  if (!Number.isFinite(v)) throw bad(`"${value}" is not a number`);
  return { metric, segment, year: Number(year), value: v };
}

/** Evaluates a compiled scenario with lever settings, counting runs; reuses its buffers. */
class Evaluator {
  runs = 0;
  private readonly params: Float64Array;
  private readonly out: Float64Array;
  constructor(
    private readonly model: Model,
    private readonly c: CompiledScenario,
    private readonly levers: readonly LeverTarget[],
    /** The last year index the search reads (the target's year): later years are not run. */
    private untilYearIndex?: number,
  ) {
    if (this.untilYearIndex !== undefined) this.untilYearIndex = Math.min(c.nYears - 1, Math.max(0, this.untilYearIndex));
    this.params = new Float64Array(c.params);
    this.out = new Float64Array(outputLength(c.nYears));
  }
  run(values: readonly number[]): RunResult {
    this.params.set(this.c.params);
    this.levers.forEach((l, i) => applyLever(l, this.c, this.params, values[i]));
    this.runs++;
    return this.model.evaluate(this.c, this.params, this.out, { untilYearIndex: this.untilYearIndex });
  }
  /** A fresh, independent run (own buffers) for verification and reporting. */
  verify(values: readonly number[]): RunResult {
    const params = new Float64Array(this.c.params);
    this.levers.forEach((l, i) => applyLever(l, this.c, params, values[i]));
    this.runs++;
    return this.model.evaluate(this.c, params);
  }
}

export interface SolveResult {
  readonly lever: string;
  readonly unit: string;
  readonly from_year: number;
  readonly value: number;
  readonly bounds: readonly [number, number];
  readonly target: SolveTarget;
  readonly achieved: number;
  readonly runs: number;
  readonly verification: RunResult;
}

const fmt = (x: number) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(4) : String(+x.toPrecision(6)));

/** The lever value in [lo, hi] at which the target metric equals the target value. */
export function solveLever(model: Model, c: CompiledScenario, lever: LeverTarget, target: SolveTarget, lo: number, hi: number): SolveResult {
  if (!(lo < hi)) throw new InputError([{ file: "command line", field: "--min/--max", message: `the bracket [${lo}, ${hi}] is empty` }]);
  // The search reads the target year only; the verification run (verify) runs the whole horizon.
  const ev = new Evaluator(model, c, [lever], target.year - c.baseYear);
  const g = (x: number) => metricValue(ev.run([x]), target.metric, target.segment, target.year) - target.value;
  // A coarse scan finds a bracket even if the response is not monotone, and the best value if there is none.
  const N = 8;
  const xs: number[] = [];
  const gs: number[] = [];
  for (let i = 0; i <= N; i++) {
    const x = lo + ((hi - lo) * i) / N;
    xs.push(x);
    gs.push(g(x));
  }
  let a = NaN;
  let b = NaN;
  let ga = NaN;
  let gb = NaN;
  for (let i = 0; i < N; i++) {
    if (gs[i] === 0) {
      a = b = xs[i];
      ga = gb = 0;
      break;
    }
    if (Math.sign(gs[i]) !== Math.sign(gs[i + 1])) {
      a = xs[i];
      b = xs[i + 1];
      ga = gs[i];
      gb = gs[i + 1];
      break;
    }
  }
  if (Number.isNaN(a)) {
    let best = 0;
    for (let i = 1; i <= N; i++) if (Math.abs(gs[i]) < Math.abs(gs[best])) best = i;
    const reached = gs[best] + target.value;
    throw new UnreachableTarget(
      `target ${target.metric}:${target.segment}:${target.year}=${fmt(target.value)} is not reachable with ${lever.name} in [${fmt(lo)}, ${fmt(hi)}]: the closest value reached is ${fmt(reached)} at ${lever.name} = ${fmt(xs[best])}. Widen --min/--max or choose another --lever.`,
      reached,
      [xs[best]],
    );
  }
  // Illinois false position inside the bracket.
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  const x = a === b ? a : illinois(g, a, ga, b, gb, { absTol: targetSlack(target.value), xTol: 1e-12 * scale, maxIterations: 100 });
  const verification = ev.verify([x]);
  return {
    lever: lever.name,
    unit: lever.unit,
    from_year: lever.fromYear,
    value: x,
    bounds: [lo, hi],
    target,
    achieved: metricValue(verification, target.metric, target.segment, target.year),
    runs: ev.runs,
    verification,
  };
}

export interface MinimiseResult {
  readonly levers: readonly string[];
  readonly units: readonly string[];
  readonly values: readonly number[];
  readonly bounds: readonly (readonly [number, number])[];
  readonly target: SolveTarget;
  readonly achieved: number;
  readonly cost_metric: string;
  /** The cost metric summed from the base year to the target year. */
  readonly cost: number;
  readonly runs: number;
  readonly verification: RunResult;
}

/**
 * The least-cost mix of levers within bounds that meets the target: a grid (or seeded random) search over the box,
 * then Nelder-Mead with a penalty for missing the target, from the best feasible point. Cost = the cost metric
 * summed over the base year to the target year.
 */
export function minimiseCost(
  model: Model,
  c: CompiledScenario,
  levers: readonly LeverTarget[],
  bounds: readonly (readonly [number, number])[],
  target: SolveTarget,
  costMetric = "net_fiscal",
): MinimiseResult {
  // Target and cost read the years up to the target year only; the verification run runs the whole horizon.
  const ev = new Evaluator(model, c, levers, target.year - c.baseYear);
  const k = levers.length;
  const sense = metricDef(target.metric)?.sense ?? "at_least";
  const tol = targetSlack(target.value);
  const evalAt = (x: readonly number[]) => {
    const r = ev.run(x);
    const v = metricValue(r, target.metric, target.segment, target.year);
    const cost = cumulative(r, costMetric, "total", c.baseYear, target.year);
    const short = sense === "at_least" ? target.value - v : v - target.value;
    return { v, cost, short };
  };
  const clamp = (x: number[]) => x.map((xi, i) => Math.min(bounds[i][1], Math.max(bounds[i][0], xi)));
  let best: { x: number[]; cost: number; v: number } | null = null;
  let closest = { x: [] as number[], v: NaN, short: Infinity };
  const consider = (x: number[]) => {
    const e = evalAt(x);
    if (e.short <= tol && (!best || e.cost < best.cost)) best = { x, cost: e.cost, v: e.v };
    if (e.short < closest.short) closest = { x, v: e.v, short: e.short };
  };
  // Coarse search over the box.
  const perDim = k === 1 ? 41 : k === 2 ? 21 : k === 3 ? 11 : 0;
  if (perDim > 0) {
    const idx = new Array<number>(k).fill(0);
    for (;;) {
      consider(idx.map((j, i) => bounds[i][0] + ((bounds[i][1] - bounds[i][0]) * j) / (perDim - 1)));
      let d = 0;
      while (d < k && ++idx[d] === perDim) idx[d++] = 0;
      if (d === k) break;
    }
  } else {
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (let n = 0; n < 3000; n++) consider(bounds.map(([a, b]) => a + (b - a) * rand()));
  }
  if (!best) {
    throw new UnreachableTarget(
      `target ${target.metric}:${target.segment}:${target.year}=${fmt(target.value)} is not reachable with ${levers.map((l) => l.name).join(", ")} within their bounds: the closest value reached is ${fmt(closest.v)} at ${closest.x.map(fmt).join(", ")}.`,
      closest.v,
      closest.x,
    );
  }
  // Nelder-Mead on cost + a steep penalty for missing the target, from the best feasible grid point.
  const b0 = best as { x: number[]; cost: number; v: number };
  const scale = Math.max(1, Math.abs(b0.cost));
  const f = (x: number[]) => {
    const e = evalAt(clamp(x));
    return e.cost / scale + (e.short > tol ? 1e3 * (1 + e.short / Math.max(1e-12, Math.abs(target.value) || 1)) : 0);
  };
  let simplex = [b0.x, ...levers.map((_, i) => clamp(b0.x.map((xi, j) => (j === i ? xi + 0.05 * (bounds[i][1] - bounds[i][0]) : xi))))];
  let fs = simplex.map(f);
  for (let iter = 0; iter < 150 * k; iter++) {
    const order = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b]);
    simplex = order.map((i) => simplex[i]);
    fs = order.map((i) => fs[i]);
    const centroid = simplex[0].map((_, j) => simplex.slice(0, k).reduce((s, p) => s + p[j], 0) / k);
    const worst = simplex[k];
    const refl = clamp(centroid.map((cj, j) => cj + (cj - worst[j])));
    const fr = f(refl);
    if (fr < fs[0]) {
      const exp = clamp(centroid.map((cj, j) => cj + 2 * (cj - worst[j])));
      const fe = f(exp);
      simplex[k] = fe < fr ? exp : refl;
      fs[k] = Math.min(fe, fr);
    } else if (fr < fs[k - 1]) {
      simplex[k] = refl;
      fs[k] = fr;
    } else {
      const con = clamp(centroid.map((cj, j) => cj + 0.5 * (worst[j] - cj)));
      const fc = f(con);
      if (fc < fs[k]) {
        simplex[k] = con;
        fs[k] = fc;
      } else {
        for (let i = 1; i <= k; i++) {
          simplex[i] = clamp(simplex[i].map((xi, j) => simplex[0][j] + 0.5 * (xi - simplex[0][j])));
          fs[i] = f(simplex[i]);
        }
      }
    }
    const spread = Math.max(...fs) - Math.min(...fs);
    if (spread < 1e-10) break;
  }
  const iBest = fs.indexOf(Math.min(...fs));
  const cand = clamp(simplex[iBest]);
  const e = evalAt(cand);
  const xBest = e.short <= tol && e.cost <= b0.cost ? cand : b0.x;
  const verification = ev.verify(xBest);
  return {
    levers: levers.map((l) => l.name),
    units: levers.map((l) => l.unit),
    values: xBest,
    bounds,
    target,
    achieved: metricValue(verification, target.metric, target.segment, target.year),
    cost_metric: costMetric,
    cost: cumulative(verification, costMetric, "total", c.baseYear, target.year),
    runs: ev.runs,
    verification,
  };
}
