// Moving a lever on a compiled scenario without recompiling it. A lever edits the dated path of its series, never
// replaces it with one flat value (docs/scenarios.md, "Levers"): the lever's value is the value its series take in
// the lever's display year, and the whole path from the lever's first year on is scaled to it, so the policy's
// dated steps (a budget that grows, a levy that doubles in FY2027) keep their shape. A path that is zero from the
// first year on has no shape to keep: it is set to the value. Single years can then be edited one by one.
import { INDEX_KEYS } from "../domain.js";
import { InputError } from "../errors.js";
import type { Registry } from "../registry/registry.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import { defaultLeverYear } from "../views/levers.js";

export interface LeverTarget {
  /** A parameter (all its keys move together) or one series (`policy.subsidy_per_vehicle.two_wheeler`). */
  readonly name: string;
  /** Rows (slot offsets) in the parameter buffer that the lever sets. */
  readonly offsets: readonly number[];
  /** The lever's first year: the path is edited from this year on, and earlier years are never touched. */
  readonly fromYear: number;
  readonly unit: string;
  /** The lever's declared range from the data pack, if any. */
  readonly range?: readonly [number, number];
  readonly bounds: readonly [number, number];
}

export function leverTarget(registry: Registry, c: CompiledScenario, name: string, fromYear?: number): LeverTarget {
  const param = registry.parameters.get(name);
  const series = registry.series.get(name);
  const p = param ?? series?.parameter;
  if (!p) throw new InputError([{ file: "command line", field: "lever", message: `unknown parameter "${name}"` }]);
  const names = param ? (param.index ? INDEX_KEYS[param.index].map((k) => `${name}.${k}`) : [name]) : [name];
  const offsets = names.map((n) => c.slots.get(n)! * c.nYears);
  const from = fromYear ?? defaultLeverYear(p, c.baseYear);
  if (from < c.baseYear || from > c.endYear)
    throw new InputError([{ file: "command line", field: "lever", message: `lever year ${from} is outside ${c.baseYear}-${c.endYear}` }]);
  return { name, offsets, fromYear: from, unit: p.unit, range: p.lever ? [p.lever.min, p.lever.max] : undefined, bounds: p.bounds };
}

/**
 * The year (index from the base year) whose value a lever shows: its first year, or the first later year with a
 * non-zero value when the path only starts later (a subsidy per kWh paid from FY2027 shows FY2027's value).
 */
export function displayYearIndex(params: Float64Array, offset: number, t0: number, nYears: number): number {
  for (let t = t0; t < nYears; t++) if (params[offset + t] !== 0) return t;
  return t0;
}

/** The value a lever shows for its first series in `params`, and the year it is read in. */
export function leverValue(lever: LeverTarget, c: CompiledScenario, params: Float64Array): { year: number; value: number } {
  const off = lever.offsets[0];
  const t = displayYearIndex(params, off, lever.fromYear - c.baseYear, c.nYears);
  return { year: c.baseYear + t, value: params[off + t] };
}

/**
 * Set the lever to `value` in `params`: each of its series is scaled from the lever's first year on so that its
 * display-year value becomes `value` (or, where the path is zero throughout, set to `value`), every year clamped
 * into the parameter's domain.
 */
export function applyLever(lever: LeverTarget, c: CompiledScenario, params: Float64Array, value: number): void {
  const T = c.nYears;
  const t0 = lever.fromYear - c.baseYear;
  const [lo, hi] = lever.bounds;
  for (const off of lever.offsets) {
    const td = displayYearIndex(params, off, t0, T);
    const v0 = params[off + td];
    const scale = v0 !== 0 ? value / v0 : NaN;
    for (let t = t0; t < T; t++) {
      const x = v0 !== 0 ? params[off + t] * scale : value;
      params[off + t] = x < lo ? lo : x > hi ? hi : x;
    }
  }
}

/** Set single years of the lever's series to given values (after any scaling), clamped into the domain. */
export function applyLeverYears(lever: LeverTarget, c: CompiledScenario, params: Float64Array, years: Readonly<Record<number, number>>): void {
  const [lo, hi] = lever.bounds;
  for (const [y, v] of Object.entries(years)) {
    const t = Number(y) - c.baseYear;
    if (t < lever.fromYear - c.baseYear || t >= c.nYears)
      throw new InputError([{ file: "lever", field: `${lever.name}.${y}`, message: `year ${y} is outside the lever's years ${lever.fromYear}-${c.endYear}` }]);
    for (const off of lever.offsets) params[off + t] = v < lo ? lo : v > hi ? hi : v;
  }
}

/** A series' path from `fromYear` on, as dated values where it changes (for exports that must reproduce it). */
export function datedPath(params: Float64Array, offset: number, c: CompiledScenario, fromYear: number): Record<number, number> {
  const out: Record<number, number> = {};
  let last = NaN;
  for (let t = fromYear - c.baseYear; t < c.nYears; t++) {
    const x = params[offset + t];
    if (x !== last) out[c.baseYear + t] = x;
    last = x;
  }
  return out;
}
