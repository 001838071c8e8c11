// Building the registry from parsed parameter files: the schema check (zod) and the domain checks, every problem
// named by file, line and field. Kept apart from registry.ts so that a compiled data pack loads without zod.
import { INDEX_KEYS } from "../domain.js";
import { InputError, type InputIssue } from "../errors.js";
import { parameterFileSchema, type Reference } from "./schema.js";
import { explainIssue, type ZodIssueLike } from "../io/issues.js";
import { closedBounds, domainText, inDomain, parameterDomain } from "./domains.js";
import type { Parameter, ParameterSource, Registry, Series } from "./registry.js";

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
      for (const zi of parsed.error.issues.slice(0, 20)) for (const e of explainIssue(zi as unknown as ZodIssueLike, src.data)) issue(e.path, e.message);
      continue;
    }
    const p = parsed.data;
    const refs: Reference[] = [...(p.reference ?? [])];
    if (refs.length === 0 && !p.assumption) {
      issue([], "every parameter needs a `reference` list or an `assumption` with its reasoning");
    }
    if (p.bounds && !(p.bounds[0] <= p.bounds[1])) issue(["bounds"], `bounds [${p.bounds[0]}, ${p.bounds[1]}] are reversed`);
    const domain = parameterDomain(src.name, p.unit, p.bounds);
    const bounds = closedBounds(domain);
    if (p.lever && !(inDomain(domain, p.lever.min) && inDomain(domain, p.lever.max) && p.lever.min <= p.lever.max))
      issue(["lever"], `the lever's range [${p.lever.min}, ${p.lever.max}] must lie within the domain ${domainText(domain)} of ${src.name}`);
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
        if (!inDomain(domain, x))
          issue(
            ["values", String(y)],
            `value ${x} is outside the domain ${domainText(domain)} of ${src.name} (${p.unit})${domain.why ? `: it ${domain.why}` : ""}`,
          );
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
      domain,
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
