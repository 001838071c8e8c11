// The parameter registry: validated parameter files, expanded into scalar dated series by name. Its types and
// lookups only; building it from parameter files (the schema check, which loads zod) is registry/build.ts, so that
// a registry read back from a compiled data pack needs no schema code.
import type { IndexName } from "../domain.js";
import type { ParameterFile, ParameterKind, Reference, Uncertainty } from "./schema.js";
import type { Domain } from "./domains.js";

export interface Parameter {
  /** Dotted name from the file path: `fleet/survival_lambda.yaml` is `fleet.survival_lambda`. */
  readonly name: string;
  readonly file: string;
  readonly label: string;
  readonly description: string;
  readonly unit: string;
  /** Policy, or the kind of context (docs/scenarios.md: a counterfactual shares the scenario's context). */
  readonly kind: ParameterKind;
  readonly index?: IndexName;
  readonly interpolation: "step" | "linear";
  readonly references: readonly Reference[];
  readonly assumption?: string;
  readonly uncertainty?: Uncertainty;
  readonly lever?: ParameterFile["lever"];
  /** The physical domain: the unit's domain narrowed by the parameter's role and the file's `bounds`. */
  readonly domain: Domain;
  /** The closed interval inside the domain that draws and goal seek are clamped into. */
  readonly bounds: readonly [number, number];
  readonly series: readonly Series[];
}

/** One scalar dated path: a non-indexed parameter, or one key of an indexed one (`fleet.survival_lambda.car`). */
export interface Series {
  readonly name: string;
  readonly parameter: Parameter;
  readonly key?: string;
  /** Dated values sorted by year. */
  readonly years: readonly number[];
  readonly values: readonly number[];
}

export interface Registry {
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly series: ReadonlyMap<string, Series>;
}

/** A parameter as plain data: its series without the link back to it (a registry written as JSON). */
export type StoredParameter = Omit<Parameter, "series"> & { readonly series: readonly Omit<Series, "parameter">[] };

/** A parameter without its series' links back (for writing a registry as JSON). */
export function storedParameter(p: Parameter): StoredParameter {
  return { ...p, series: p.series.map(({ parameter: _p, ...s }) => s) };
}

/** The registry from stored parameters: each series linked to its parameter again, both indexed by name. */
export function linkRegistry(stored: Iterable<StoredParameter>): Registry {
  const parameters = new Map<string, Parameter>();
  const series = new Map<string, Series>();
  for (const sp of stored) {
    const linked: Series[] = [];
    const param: Parameter = { ...sp, series: linked };
    for (const s of sp.series) {
      const full: Series = { ...s, parameter: param };
      linked.push(full);
      series.set(full.name, full);
    }
    parameters.set(param.name, param);
  }
  return { parameters, series };
}

/** A parameter file after YAML parsing: its name, its source name, and a way to find the line of a field. */
export interface ParameterSource {
  readonly name: string;
  readonly file: string;
  readonly data: unknown;
  readonly locate?: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

/** Value of a dated path in a year: step (holds until the next date) or linear between dates; flat outside. */
export function valueAt(years: readonly number[], values: readonly number[], interpolation: "step" | "linear", year: number): number {
  const n = years.length;
  if (year <= years[0]) return values[0];
  if (year >= years[n - 1]) return values[n - 1];
  let i = 0;
  while (years[i + 1] <= year) i++;
  if (interpolation === "step" || years[i] === year) return values[i];
  const f = (year - years[i]) / (years[i + 1] - years[i]);
  return values[i] + f * (values[i + 1] - values[i]);
}
