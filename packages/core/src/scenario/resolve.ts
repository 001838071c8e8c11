// Scenario resolution: follow `extends`, apply overrides to the registry's dated paths, and compile the result
// into one flat Float64Array of parameter values by series and year, ready for the engine.
import { INDEX_KEYS, POWERTRAINS, SEGMENTS } from "../domain.js";
import { InputError, type InputIssue } from "../errors.js";
import { metricDef } from "../engine/metrics.js";
import { describeZodIssue, issuePath, valueAt, type Registry, type Series } from "../registry/registry.js";
import { scenarioSchema, type Mode, type Override, type ScenarioFile, type TargetSpec } from "./schema.js";

export const DEFAULT_BASE_YEAR = 2025;
export const DEFAULT_END_YEAR = 2060;

/** A scenario file as read from somewhere (disk, a bundle, an editor), with a way to locate fields. */
export interface ScenarioSource {
  readonly file: string;
  readonly data: unknown;
  readonly locate?: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}
export type ScenarioLookup = (name: string) => ScenarioSource | undefined;

export interface Target extends Required<Omit<TargetSpec, "label">> {
  readonly label: string;
}

/** One override as applied, remembered for reporting and for exporting the scenario back to YAML. */
export interface AppliedOverride {
  readonly series: string;
  readonly interpolation: "step" | "linear";
  readonly years: readonly number[];
  readonly values: readonly number[];
  readonly file: string;
}

export interface CompiledScenario {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly file: string;
  readonly counterfactual: string | null;
  readonly baseYear: number;
  readonly endYear: number;
  readonly nYears: number;
  /** 1 where the powertrain counts as an EV for targets and EV metrics. */
  readonly evMask: Uint8Array;
  /** Per segment: 0 targets, 1 market. */
  readonly modes: Uint8Array;
  /** Values of every series in the registry, `params[slot * nYears + (year - baseYear)]`. */
  readonly params: Float64Array;
  /**
   * The data pack's own values (no scenario's overrides) in the same layout: the observed world, on whose base
   * year the choice constants are calibrated, so that a scenario's or a lever's change to the base year acts on
   * buyers instead of being absorbed by the constants (docs/model.md section 3.2).
   */
  readonly observed: Float64Array;
  readonly slots: ReadonlyMap<string, number>;
  readonly seriesNames: readonly string[];
  readonly targets: readonly Target[];
  readonly overrides: readonly AppliedOverride[];
}

interface Layer {
  readonly source: ScenarioSource;
  readonly scenario: ScenarioFile;
}

function issueAt(src: ScenarioSource, path: readonly (string | number)[], message: string): InputIssue {
  const at = src.locate?.(path);
  return { file: src.file, line: at?.line, column: at?.column, field: path.join("."), message };
}

/** Validate one scenario file against the schema; throws InputError naming file, line and field. */
export function parseScenario(src: ScenarioSource): ScenarioFile {
  const parsed = scenarioSchema.safeParse(src.data ?? {});
  if (!parsed.success) throw new InputError(parsed.error.issues.map((zi) => issueAt(src, issuePath(zi), describeZodIssue(zi))));
  return parsed.data;
}

/** The chain from the root ancestor to the scenario itself. */
function layers(name: string, lookup: ScenarioLookup, from?: ScenarioSource): Layer[] {
  const chain: Layer[] = [];
  const seen = new Set<string>();
  let src = from ?? lookup(name);
  if (!src) throw new InputError([{ file: name, field: "", message: `no scenario named "${name}"` }]);
  for (;;) {
    const scenario = parseScenario(src);
    if (seen.has(scenario.name)) throw new InputError([issueAt(src, ["extends"], `extends forms a cycle through "${scenario.name}"`)]);
    seen.add(scenario.name);
    chain.unshift({ source: src, scenario });
    if (!scenario.extends) break;
    const parent = lookup(scenario.extends);
    if (!parent) throw new InputError([issueAt(src, ["extends"], `extends an unknown scenario "${scenario.extends}"`)]);
    src = parent;
  }
  return chain;
}

/**
 * The frame a counterfactual is compiled in: the scenario's horizon, modes and EV definition, so that the two runs
 * differ only in their policy parameters (docs/scenarios.md, "Counterfactuals").
 */
export interface ScenarioFrame {
  readonly baseYear: number;
  readonly endYear: number;
  readonly modes: Uint8Array;
  readonly evMask: Uint8Array;
}

export function resolveScenario(registry: Registry, name: string, lookup: ScenarioLookup, from?: ScenarioSource, frame?: ScenarioFrame): CompiledScenario {
  return compileLayers(registry, layers(name, lookup, from), frame);
}

function compileLayers(registry: Registry, chain: readonly Layer[], frame?: ScenarioFrame): CompiledScenario {
  const own = chain[chain.length - 1];
  const pick = <K extends keyof ScenarioFile>(k: K): ScenarioFile[K] | undefined => {
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i].scenario[k] !== undefined) return chain[i].scenario[k];
    return undefined;
  };
  const baseYear = frame?.baseYear ?? pick("base_year") ?? DEFAULT_BASE_YEAR;
  const endYear = frame?.endYear ?? pick("end_year") ?? DEFAULT_END_YEAR;
  const issues: InputIssue[] = [];
  if (endYear <= baseYear) issues.push(issueAt(own.source, ["end_year"], `end_year ${endYear} must be after base_year ${baseYear}`));
  const nYears = endYear - baseYear + 1;

  const evList = pick("ev_powertrains") ?? ["bev", "phev"];
  const evMask = new Uint8Array(POWERTRAINS.length);
  for (const p of evList) evMask[POWERTRAINS.indexOf(p)] = 1;
  if (frame) evMask.set(frame.evMask);

  const modes = new Uint8Array(SEGMENTS.length);
  const modeSpec = pick("mode") ?? "targets";
  SEGMENTS.forEach((s, i) => {
    const m: Mode = typeof modeSpec === "string" ? modeSpec : ((modeSpec as Record<string, Mode | undefined>)[s] ?? modeSpec.default ?? "targets");
    modes[i] = m === "market" ? 1 : 0;
  });
  if (frame) modes.set(frame.modes);

  // Dated points per series: start from the data pack, then each layer's overrides in order.
  const points = new Map<string, { years: number[]; values: number[]; interpolation: "step" | "linear" }>();
  for (const s of registry.series.values()) points.set(s.name, { years: [...s.years], values: [...s.values], interpolation: s.parameter.interpolation });
  const applied: AppliedOverride[] = [];
  for (const layer of chain) {
    for (const [key, ov] of Object.entries(layer.scenario.overrides ?? {})) {
      const res = applyOverride(registry, layer.source, key, ov, baseYear, endYear, points, issues);
      applied.push(...res);
    }
  }

  // A counterfactual's targets are never evaluated. A scenario's own targets must lie in its horizon; targets it
  // inherits from a scenario it extends and that fall outside a shorter horizon are left out.
  const targets: Target[] = [];
  const targetSpecs = frame ? [] : (pick("targets") ?? []);
  const targetLayer = [...chain].reverse().find((l) => l.scenario.targets !== undefined);
  const targetOwner = targetLayer?.source ?? own.source;
  const inherited = targetLayer !== undefined && targetLayer !== own;
  targetSpecs.forEach((t, i) => {
    const def = metricDef(t.metric);
    if (!def) issues.push(issueAt(targetOwner, ["targets", i, "metric"], `unknown metric "${t.metric}"`));
    if (t.year < baseYear || t.year > endYear) {
      if (inherited) return;
      issues.push(issueAt(targetOwner, ["targets", i, "year"], `year ${t.year} is outside the horizon ${baseYear}-${endYear}`));
    }
    targets.push({ ...t, sense: t.sense ?? def?.sense ?? "at_least", label: t.label ?? defaultTargetLabel(t) });
  });
  if (issues.length) throw new InputError(issues);

  const seriesNames = [...registry.series.keys()].sort();
  const slots = new Map<string, number>();
  const params = new Float64Array(seriesNames.length * nYears);
  const observed = new Float64Array(seriesNames.length * nYears);
  seriesNames.forEach((name, slot) => {
    slots.set(name, slot);
    const p = points.get(name)!;
    const s = registry.series.get(name)!;
    for (let t = 0; t < nYears; t++) {
      params[slot * nYears + t] = valueAt(p.years, p.values, p.interpolation, baseYear + t);
      observed[slot * nYears + t] = valueAt(s.years, s.values, s.parameter.interpolation, baseYear + t);
    }
  });

  // Not inherited: a variant of a scenario is compared with the reference unless it names another counterfactual.
  const counterfactual = own.scenario.counterfactual;
  return {
    name: own.scenario.name,
    title: own.scenario.title ?? own.scenario.name,
    description: own.scenario.description ?? "",
    file: own.source.file,
    counterfactual: counterfactual === undefined ? (own.scenario.name === "reference" ? null : "reference") : counterfactual,
    baseYear,
    endYear,
    nYears,
    evMask,
    modes,
    params,
    observed,
    slots,
    seriesNames,
    targets,
    overrides: applied,
  };
}

function defaultTargetLabel(t: TargetSpec): string {
  const seg = t.segment === "total" ? "all segments" : t.segment;
  return `${t.metric} ${seg} ${t.year}`;
}

/** Apply one override to the dated points; report problems into `issues`. */
function applyOverride(
  registry: Registry,
  src: ScenarioSource,
  key: string,
  ov: Override,
  baseYear: number,
  endYear: number,
  points: Map<string, { years: number[]; values: number[]; interpolation: "step" | "linear" }>,
  issues: InputIssue[],
): AppliedOverride[] {
  const path = ["overrides", key];
  const param = registry.parameters.get(key);
  const single: Series | undefined = registry.series.get(key);
  const target = param ?? single?.parameter;
  if (!target) {
    issues.push(issueAt(src, path, `unknown parameter "${key}"${suggest(registry, key)}`));
    return [];
  }
  const isFull = typeof ov === "object" && ov !== null && "values" in ov;
  const body = (isFull ? ov : { values: ov }) as {
    values: number | Record<string, number | Record<string, number>>;
    unit?: string;
    interpolation?: "step" | "linear";
  };
  const unit = body.unit;
  if (unit !== undefined && unit !== target.unit) issues.push(issueAt(src, [...path, "unit"], `wrong unit "${unit}": ${target.name} is in ${target.unit}`));
  const interpolation = body.interpolation ?? target.interpolation;
  const valuesPath = isFull ? [...path, "values"] : path;
  // The series this override touches: all keys of an indexed parameter, or the one named.
  const keys: readonly (string | undefined)[] = single ? [single.key] : target.index ? INDEX_KEYS[target.index] : [undefined];
  const dated: [number, number | Record<string, number>][] =
    typeof body.values === "number" ? [[baseYear, body.values]] : Object.entries(body.values).map(([y, v]) => [Number(y), v]);
  const out: AppliedOverride[] = [];
  let bad = false;
  for (const [y, v] of dated) {
    const vp = typeof body.values === "number" ? valuesPath : [...valuesPath, String(y)];
    if (y < baseYear || y > endYear) {
      issues.push(issueAt(src, vp, `year ${y} is outside the horizon ${baseYear}-${endYear}`));
      bad = true;
    }
    const vals = typeof v === "number" ? [v] : Object.values(v);
    if (typeof v === "object") {
      if (single || !target.index) {
        issues.push(issueAt(src, vp, `expected a number for ${key}, got a map`));
        bad = true;
        continue;
      }
      for (const k of Object.keys(v))
        if (!keys.includes(k)) {
          issues.push(issueAt(src, [...vp, k], `unknown ${target.index} "${k}"; expected one of ${keys.join(", ")}`));
          bad = true;
        }
    }
    for (const x of vals)
      if (!(x >= target.bounds[0] && x <= target.bounds[1])) {
        issues.push(issueAt(src, vp, `value ${x} is outside [${target.bounds[0]}, ${target.bounds[1]}] for ${target.name} (${target.unit})`));
        bad = true;
      }
  }
  if (bad) return [];
  for (const k of keys) {
    const seriesName = k === undefined ? target.name : `${target.name}.${k}`;
    const years: number[] = [];
    const values: number[] = [];
    for (const [y, v] of dated) {
      const x = typeof v === "number" ? v : v[k!];
      if (x === undefined) continue;
      years.push(y);
      values.push(x);
    }
    if (years.length === 0) continue;
    const order = years.map((_, i) => i).sort((a, b) => years[a] - years[b]);
    const ys = order.map((i) => years[i]);
    const vs = order.map((i) => values[i]);
    // From the first overridden year on, the override replaces the path; earlier dated values stay.
    const p = points.get(seriesName)!;
    const keep = p.years.map((y, i) => [y, p.values[i]] as const).filter(([y]) => y < ys[0]);
    points.set(seriesName, { years: [...keep.map((e) => e[0]), ...ys], values: [...keep.map((e) => e[1]), ...vs], interpolation });
    out.push({ series: seriesName, interpolation, years: ys, values: vs, file: src.file });
  }
  return out;
}

function suggest(registry: Registry, key: string): string {
  const tail = key.split(".").pop() ?? key;
  const near = [...registry.parameters.keys(), ...registry.series.keys()].filter((n) => n.endsWith(tail) || n.includes(tail)).slice(0, 3);
  return near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(", ")}?` : "";
}
