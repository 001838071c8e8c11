// The draw plan: which parameters are uncertain, how each maps a uniform to a value, and which rows of a compiled
// scenario's parameter buffer it touches. Applying a draw copies the compiled buffer into a scratch buffer, then
// multiplies (scale: factor) or replaces (scale: absolute) the parameter's rows and clamps them into its bounds.
import { InputError, type InputIssue } from "../errors.js";
import type { Parameter, Registry } from "../registry/registry.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import { compileDistribution, quantileAt } from "./distributions.js";
import { streamKey, uniformAt } from "./random.js";

export interface DrawPlan {
  /** Uncertain parameters, sorted by name: dimension d is names[d]. */
  readonly names: readonly string[];
  readonly parameters: readonly Parameter[];
  readonly dims: number;
  readonly nYears: number;
  /** Random stream key of each dimension (a hash of the parameter's name). */
  readonly keys: Uint32Array;
  readonly kind: Uint8Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly cdfLo: Float64Array;
  readonly cdfHi: Float64Array;
  /** 1 where the draw replaces the value (scale: absolute), 0 where it multiplies it (scale: factor). */
  readonly absolute: Uint8Array;
  /** Rows of dimension d are rows[rowStart[d] .. rowStart[d+1]), each the offset of a series' first year. */
  readonly rowStart: Int32Array;
  readonly rows: Int32Array;
  /** The parameter's physical domain: applied values are clamped into it. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** True when no two parameters touch the same series row, so one parameter's rows can be rewritten alone. */
  readonly disjoint: boolean;
}

/** Every parameter declaring a distribution, or the named ones (each must declare one), sorted by name. */
export function uncertainParameters(registry: Registry, names?: readonly string[]): Parameter[] {
  if (!names) return [...registry.parameters.values()].filter((p) => p.uncertainty).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const issues: InputIssue[] = [];
  const out: Parameter[] = [];
  for (const n of new Set(names)) {
    const p = registry.parameters.get(n);
    if (!p) issues.push({ file: "command line", field: "params", message: `unknown parameter "${n}"` });
    else if (!p.uncertainty) issues.push({ file: p.file, field: "uncertainty", message: `${n} declares no uncertainty distribution` });
    else out.push(p);
  }
  if (issues.length) throw new InputError(issues);
  return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** Build the plan for a compiled scenario (its counterfactual shares the layout: same registry, same horizon). */
export function buildDrawPlan(registry: Registry, compiled: CompiledScenario, names?: readonly string[]): DrawPlan {
  const params = uncertainParameters(registry, names);
  const dims = params.length;
  const T = compiled.nYears;
  const plan = {
    names: params.map((p) => p.name),
    parameters: params,
    dims,
    nYears: T,
    keys: new Uint32Array(dims),
    kind: new Uint8Array(dims),
    a: new Float64Array(dims),
    b: new Float64Array(dims),
    c: new Float64Array(dims),
    cdfLo: new Float64Array(dims),
    cdfHi: new Float64Array(dims),
    absolute: new Uint8Array(dims),
    rowStart: new Int32Array(dims + 1),
    rows: new Int32Array(params.reduce((n, p) => n + p.series.length, 0)),
    lo: new Float64Array(dims),
    hi: new Float64Array(dims),
  };
  const issues: InputIssue[] = [];
  const seen = new Map<number, string>();
  let r = 0;
  params.forEach((p, d) => {
    const u = p.uncertainty!;
    const key = streamKey(p.name);
    const other = seen.get(key);
    if (other !== undefined) issues.push({ file: p.file, field: "uncertainty", message: `random stream key of ${p.name} collides with ${other}; rename one` });
    seen.set(key, p.name);
    plan.keys[d] = key;
    let dist;
    try {
      dist = compileDistribution(u);
    } catch (e) {
      issues.push({ file: p.file, field: "uncertainty", message: (e as Error).message });
      return;
    }
    plan.kind[d] = dist.kind;
    plan.a[d] = dist.a;
    plan.b[d] = dist.b;
    plan.c[d] = dist.c;
    plan.cdfLo[d] = dist.cdfLo;
    plan.cdfHi[d] = dist.cdfHi;
    if (!(dist.cdfHi > dist.cdfLo)) issues.push({ file: p.file, field: "uncertainty", message: "the truncation bounds leave no probability" });
    plan.absolute[d] = u.scale === "absolute" ? 1 : 0;
    if (u.scale === "absolute" && p.index)
      issues.push({
        file: p.file,
        field: "uncertainty.scale",
        message: `scale: absolute replaces a scalar's value, but ${p.name} is indexed by ${p.index}; use scale: factor`,
      });
    plan.lo[d] = p.bounds[0];
    plan.hi[d] = p.bounds[1];
    plan.rowStart[d] = r;
    for (const s of p.series) {
      const slot = compiled.slots.get(s.name);
      if (slot === undefined) throw new Error(`series ${s.name} is not in the compiled scenario`);
      plan.rows[r++] = slot * T;
    }
  });
  plan.rowStart[dims] = r;
  if (issues.length) throw new InputError(issues);
  const rows = plan.rows.slice(0, r).sort();
  let disjoint = true;
  for (let i = 1; i < rows.length; i++) if (rows[i] === rows[i - 1]) disjoint = false;
  return { ...plan, disjoint };
}

/** Value of dimension d at probability u (a factor, or an absolute value). */
export function planQuantile(plan: DrawPlan, d: number, u: number): number {
  return quantileAt(plan.kind[d], plan.a[d], plan.b[d], plan.c[d], plan.cdfLo[d], plan.cdfHi[d], u);
}

/** The draws of sample `index` under `seed`: one value per dimension, into `out`. */
export function drawAt(plan: DrawPlan, seed: number, index: number, out: Float64Array): void {
  for (let d = 0; d < plan.dims; d++) out[d] = planQuantile(plan, d, uniformAt(seed, index, plan.keys[d]));
}

/**
 * Copy `base` (a compiled scenario's params) into `out` and apply one value per dimension to every year of every
 * series of that parameter, clamped into the parameter's bounds. Allocation-free.
 */
export function applyDraws(plan: DrawPlan, base: Float64Array, values: Float64Array, out: Float64Array): void {
  out.set(base);
  for (let d = 0; d < plan.dims; d++) applyOne(plan, d, values[d], out);
}

/** The declared distributions, for reports. */
export function describePlan(plan: DrawPlan): { name: string; unit: string; distribution: string; scale: string; [k: string]: unknown }[] {
  return plan.parameters.map((p) => {
    const { note: _note, ...u } = p.uncertainty!;
    return { name: p.name, unit: p.unit, ...u, scale: u.scale ?? "factor" };
  });
}

/** Apply one dimension's value in place to a buffer that already holds the compiled params (one-at-a-time runs). */
export function applyOne(plan: DrawPlan, d: number, value: number, buf: Float64Array): void {
  const T = plan.nYears;
  const lo = plan.lo[d];
  const hi = plan.hi[d];
  const abs = plan.absolute[d] === 1;
  for (let r = plan.rowStart[d]; r < plan.rowStart[d + 1]; r++) {
    const off = plan.rows[r];
    for (let t = 0; t < T; t++) {
      let x = abs ? value : buf[off + t] * value;
      if (x < lo) x = lo;
      else if (x > hi) x = hi;
      buf[off + t] = x;
    }
  }
}

/** Copy dimension d's rows from `base` (a compiled scenario's params) into `buf`, undoing an applied draw. */
export function restoreRows(plan: DrawPlan, d: number, base: Float64Array, buf: Float64Array): void {
  const T = plan.nYears;
  for (let r = plan.rowStart[d]; r < plan.rowStart[d + 1]; r++) {
    const off = plan.rows[r];
    for (let t = 0; t < T; t++) buf[off + t] = base[off + t];
  }
}
