// The parameter registry: validated parameter files, expanded into scalar dated series by name.
import { INDEX_KEYS, type IndexName } from "../domain.js";
import { InputError, type InputIssue } from "../errors.js";
import { parameterFileSchema, type ParameterFile, type ParameterKind, type Reference, type Uncertainty } from "./schema.js";
import { UNITS } from "./units.js";

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
  /** The physical domain: the unit's domain narrowed by the file's `bounds`. */
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

/** A parameter file after YAML parsing: its name, its source name, and a way to find the line of a field. */
export interface ParameterSource {
  readonly name: string;
  readonly file: string;
  readonly data: unknown;
  readonly locate?: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

export function buildRegistry(sources: readonly ParameterSource[]): Registry {
  const issues: InputIssue[] = [];
  const parameters = new Map<string, Parameter>();
  const series = new Map<string, Series>();
  for (const src of sources) {
    const issue = (path: readonly (string | number)[], message: string): void => {
      const at = src.locate?.(path);
      issues.push({ file: src.file, line: at?.line, column: at?.column, field: path.join("."), message });
    };
    const parsed = parameterFileSchema.safeParse(src.data);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) issue(issuePath(zi), describeZodIssue(zi));
      continue;
    }
    const p = parsed.data;
    const refs: Reference[] = [...(p.reference ?? [])];
    if (refs.length === 0 && !p.assumption) {
      issue([], "every parameter needs a `reference` list or an `assumption` with its reasoning");
    }
    const unitInfo = UNITS[p.unit];
    const bounds: [number, number] = [Math.max(unitInfo.min, p.bounds?.[0] ?? -Infinity), Math.min(unitInfo.max, p.bounds?.[1] ?? Infinity)];
    const keys: readonly string[] | undefined = p.index ? INDEX_KEYS[p.index] : undefined;
    const years = Object.keys(p.values)
      .map(Number)
      .sort((a, b) => a - b);
    const byKey = new Map<string | undefined, number[]>();
    for (const k of keys ?? [undefined]) byKey.set(k, []);
    for (const y of years) {
      const raw = p.values[String(y)];
      const dated = (typeof raw === "object" && raw !== null && "value" in raw ? raw : { value: raw }) as {
        value: number | Record<string, number>;
        reference?: Reference[];
      };
      if (dated.reference) refs.push(...dated.reference);
      const v = dated.value as number | Record<string, number>;
      if (keys) {
        if (typeof v === "number") {
          issue(["values", String(y)], `expected a value for each ${p.index} (${keys.join(", ")}), got a single number`);
          continue;
        }
        for (const k of Object.keys(v)) if (!keys.includes(k)) issue(["values", String(y), k], `unknown ${p.index} "${k}"; expected one of ${keys.join(", ")}`);
        for (const k of keys) {
          if (!(k in v)) issue(["values", String(y)], `missing ${p.index} "${k}"`);
          else byKey.get(k)!.push(v[k]);
        }
      } else {
        if (typeof v !== "number") {
          issue(["values", String(y)], "expected a number (this parameter has no index)");
          continue;
        }
        byKey.get(undefined)!.push(v);
      }
      const vals = typeof v === "number" ? [v] : Object.values(v);
      for (const x of vals)
        if (!(x >= bounds[0] && x <= bounds[1]))
          issue(["values", String(y)], `value ${x} is outside the domain [${bounds[0]}, ${bounds[1]}] of unit ${p.unit}`);
    }
    const param: Parameter & { series: Series[] } = {
      name: src.name,
      file: src.file,
      label: p.label,
      description: p.description,
      unit: p.unit,
      kind: p.kind,
      index: p.index,
      interpolation: p.interpolation,
      references: refs,
      assumption: p.assumption,
      uncertainty: p.uncertainty,
      lever: p.lever,
      bounds,
      series: [],
    };
    if (parameters.has(src.name)) issue([], `parameter ${src.name} is defined twice`);
    parameters.set(src.name, param);
    for (const [k, vals] of byKey) {
      if (vals.length !== years.length) continue;
      const s: Series = { name: k === undefined ? src.name : `${src.name}.${k}`, parameter: param, key: k, years, values: vals };
      param.series.push(s);
      series.set(s.name, s);
    }
  }
  if (issues.length) throw new InputError(issues);
  return { parameters, series };
}

/** Path of a schema issue; for an unknown key, the key itself, so the reported line is the offending one. */
export function issuePath(zi: { code: string; path: PropertyKey[]; keys?: string[] }): (string | number)[] {
  const path = zi.path.map((k) => (typeof k === "symbol" ? String(k) : k)) as (string | number)[];
  return zi.code === "unrecognized_keys" && zi.keys?.length ? [...path, zi.keys[0]] : path;
}

export function describeZodIssue(zi: { code: string; message: string; path: PropertyKey[]; keys?: string[] }): string {
  if (zi.code === "unrecognized_keys" && zi.keys)
    return `unknown key${zi.keys.length > 1 ? "s" : ""} ${zi.keys.map((k) => `"${k}"`).join(", ")} (the schema is closed)`;
  return zi.message;
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
