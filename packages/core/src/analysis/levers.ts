// Setting a lever on a compiled scenario without recompiling it: the lever's series take a value from a year on.
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

/** Write `value` into the lever's rows of `params` from its year on. */
export function applyLever(lever: LeverTarget, c: CompiledScenario, params: Float64Array, value: number): void {
  const t0 = lever.fromYear - c.baseYear;
  for (const off of lever.offsets) for (let t = t0; t < c.nYears; t++) params[off + t] = value;
}
