// Where things live in the engine's flat buffers. Outputs: out[((metric*SEG_SLOTS + seg)*BRK_SLOTS + brk)*nYears + t].
import { INDEX_KEYS, N_SEG } from "../domain.js";
import { N_METRICS } from "./metrics.js";
import { ENGINE_INPUTS, MARKET_INPUTS, SYSTEM_INPUTS, type IndexedInputName, type InputSpec, type ScalarInputName } from "./inputs.js";
import { InputError } from "../errors.js";
import type { Registry } from "../registry/registry.js";

/** Segment slot holding the sum over segments. */
export const SEG_TOTAL = N_SEG;
export const SEG_SLOTS = N_SEG + 1;
/** Breakdown slot holding the sum over the breakdown (powertrain, fuel, ...). */
export const BRK_ALL = 4;
export const BRK_SLOTS = 5;

export function outputLength(nYears: number): number {
  return N_METRICS * SEG_SLOTS * BRK_SLOTS * nYears;
}

/** Offset of the first year of one output row. */
export function rowOffset(metric: number, seg: number, brk: number, nYears: number): number {
  return ((metric * SEG_SLOTS + seg) * BRK_SLOTS + brk) * nYears;
}

/** Every parameter the engine reads. */
export const ALL_INPUTS: readonly InputSpec[] = [...ENGINE_INPUTS, ...MARKET_INPUTS, ...SYSTEM_INPUTS];

/**
 * Offsets into a compiled scenario's parameter buffer: for an indexed input, one offset per key (segment,
 * chemistry, charger type) in the index's order; for a scalar input, one offset. Computed once per registry
 * and horizon, reused by every run.
 */
export interface ParamLayout {
  readonly nYears: number;
  readonly ix: Readonly<Record<IndexedInputName, Int32Array>>;
  readonly one: Readonly<Record<ScalarInputName, number>>;
}

/** Check the registry against the engine's input contract: presence, unit and index. */
export function checkContract(registry: Registry, specs: readonly InputSpec[] = ALL_INPUTS): void {
  const issues = [];
  for (const spec of specs) {
    const p = registry.parameters.get(spec.name);
    if (!p) {
      issues.push({ file: "data pack", field: spec.name, message: `missing parameter ${spec.name} (${spec.unit}${spec.index ? `, by ${spec.index}` : ""})` });
      continue;
    }
    if (p.unit !== spec.unit) issues.push({ file: p.file, field: "unit", message: `${spec.name} must be in ${spec.unit}, not ${p.unit}` });
    if ((p.index ?? undefined) !== spec.index)
      issues.push({ file: p.file, field: "index", message: `${spec.name} must be ${spec.index ? `indexed by ${spec.index}` : "a scalar (no index)"}` });
  }
  if (issues.length) throw new InputError(issues);
}

export function buildParamLayout(slots: ReadonlyMap<string, number>, nYears: number): ParamLayout {
  const ix: Record<string, Int32Array> = {};
  const one: Record<string, number> = {};
  for (const spec of ALL_INPUTS) {
    if (spec.index) {
      const keys = INDEX_KEYS[spec.index];
      const offs = new Int32Array(keys.length);
      keys.forEach((k, i) => {
        const slot = slots.get(`${spec.name}.${k}`);
        if (slot === undefined) throw new Error(`engine input ${spec.name}.${k} is not in the compiled scenario`);
        offs[i] = slot * nYears;
      });
      ix[spec.name] = offs;
    } else {
      const slot = slots.get(spec.name);
      if (slot === undefined) throw new Error(`engine input ${spec.name} is not in the compiled scenario`);
      one[spec.name] = slot * nYears;
    }
  }
  // Rebuilt with Object.fromEntries so that V8 keeps them in fast (not dictionary) mode: the engine reads them
  // by constant keys thousands of times per run.
  return {
    nYears,
    ix: Object.fromEntries(Object.entries(ix)) as ParamLayout["ix"],
    one: Object.fromEntries(Object.entries(one)) as ParamLayout["one"],
  };
}

/** Index of one output cell: metric m, segment slot s, breakdown slot b, year index t. */
export function cell(m: number, s: number, b: number, nYears: number, t: number): number {
  return ((m * SEG_SLOTS + s) * BRK_SLOTS + b) * nYears + t;
}
