// Scenario resolution: follow `extends`, apply overrides to the registry's dated paths, and compile the result
// into one flat Float64Array of parameter values by series and year, ready for the engine.
import { INDEX_KEYS, MAX_AGE, POWERTRAINS, SEGMENTS } from "../domain.js";
import { HISTORY_AGES, HISTORY_LENGTH } from "../engine/layout.js";
import { InputError, type InputIssue } from "../errors.js";
import { METRICS, metricDef } from "../engine/metrics.js";
import { valueAt, type Registry, type Series } from "../registry/registry.js";
import { domainText, inDomain } from "../registry/domains.js";
import { explainIssue, type ZodIssueLike } from "../io/issues.js";
import { provideScenarioCompiler } from "./compiler.js";
import { scenarioSchema, type Mode, type Override, type ScenarioFile, type TargetSpec } from "./schema.js";

export const DEFAULT_BASE_YEAR = 2025;

/** Parameters read from the data pack only: their values lie before the base year, which overrides cannot date. */
export const DATA_PACK_ONLY: readonly string[] = ["sales.historical"];
export const DEFAULT_END_YEAR = 2060;
/** The years a dated value may carry at all (as the schema's base_year and end_year). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

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
  /**
   * Values of every series in the registry, `params[slot * nYears + (year - baseYear)]`, followed by the sales-history
   * block (engine/layout.ts HISTORY_LENGTH values: per segment, sales of the vintage aged 0..MAX_AGE relative to the
   * base year's, from `sales.historical`).
   */
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
  /** What the user should know about the compilation (inherited targets outside the horizon, dropped). */
  readonly notes: readonly string[];
}

interface Layer {
  readonly source: ScenarioSource;
  readonly scenario: ScenarioFile;
}

function issueAt(src: ScenarioSource, path: readonly (string | number)[], message: string): InputIssue {
  const at = src.locate?.(path);
  return { file: src.file, line: at?.line, column: at?.column, field: path.join("."), message };
}

/** At most this many problems are listed from one file; a file of 20,000 bad keys gets a count, not a flood. */
const MAX_ISSUES = 50;

function capped(issues: InputIssue[]): InputIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const rest = issues.length - MAX_ISSUES;
  const last = issues[MAX_ISSUES - 1];
  return [
    ...issues.slice(0, MAX_ISSUES),
    { file: last.file, line: last.line, field: "", message: `and ${rest} more problem${rest > 1 ? "s" : ""} like these` },
  ];
}

/** Validate one scenario file against the schema; throws InputError naming file, line and field. */
export function parseScenario(src: ScenarioSource): ScenarioFile {
  const data = src.data ?? {};
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success)
    throw new InputError(
      capped(
        parsed.error.issues
          .slice(0, MAX_ISSUES + 1)
          .flatMap((zi) => explainIssue(zi as unknown as ZodIssueLike, data))
          .map((e) => issueAt(src, e.path, e.message)),
      ),
    );
  return parsed.data;
}

/** The chain from the root ancestor to the scenario itself. */
function layers(name: string, lookup: ScenarioLookup, from?: ScenarioSource): Layer[] {
  const chain: Layer[] = [];
  const seen = new Map<string, ScenarioSource>();
  let src = from ?? lookup(name);
  if (!src) throw new InputError([{ file: name, field: "", message: `no scenario named "${name}"` }]);
  for (;;) {
    const scenario = parseScenario(src);
    const before = seen.get(scenario.name);
    if (before) {
      // The same name reached twice: the same file is a cycle; two files sharing a name is a clash.
      if (before.file === src.file) throw new InputError([issueAt(src, ["extends"], `extends forms a cycle through "${scenario.name}"`)]);
      const child = chain[0].source;
      throw new InputError([
        issueAt(
          before,
          ["name"],
          `two scenario files are named "${scenario.name}": ${before.file} and ${src.file}; a scenario cannot extend another of its own name, rename one`,
        ),
        ...(child !== before ? [issueAt(child, ["extends"], `extends "${scenario.name}", which resolves to ${src.file}`)] : []),
      ]);
    }
    seen.set(scenario.name, src);
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
  /** The scenario whose frame it is, for messages. */
  readonly name?: string;
}

export function resolveScenario(registry: Registry, name: string, lookup: ScenarioLookup, from?: ScenarioSource, frame?: ScenarioFrame): CompiledScenario {
  return compileLayers(registry, layers(name, lookup, from), lookup, frame);
}

function compileLayers(registry: Registry, chain: readonly Layer[], lookup: ScenarioLookup, frame?: ScenarioFrame): CompiledScenario {
  const own = chain[chain.length - 1];
  const pick = <K extends keyof ScenarioFile>(k: K): ScenarioFile[K] | undefined => {
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i].scenario[k] !== undefined) return chain[i].scenario[k];
    return undefined;
  };
  const owner = (k: keyof ScenarioFile) => [...chain].reverse().find((l) => l.scenario[k] !== undefined)?.source ?? own.source;
  const baseYear = frame?.baseYear ?? pick("base_year") ?? DEFAULT_BASE_YEAR;
  const endYear = frame?.endYear ?? pick("end_year") ?? DEFAULT_END_YEAR;
  const issues: InputIssue[] = [];
  if (endYear <= baseYear)
    issues.push(
      issueAt(
        owner(pick("end_year") !== undefined ? "end_year" : "base_year"),
        [pick("end_year") !== undefined ? "end_year" : "base_year"],
        `end_year ${endYear} must be after base_year ${baseYear}`,
      ),
    );
  if (issues.length) throw new InputError(issues);
  const horizonNote = frame ? ` (the horizon of ${frame.name ?? "the scenario"}, which this scenario is the counterfactual of)` : "";
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
  // Out-of-horizon years are a mistake in the file being compiled; in a file it extends (or a counterfactual
  // compiled over another scenario's horizon) they are simply part of a dated path that starts earlier or ends later.
  for (const layer of chain) {
    const strict = layer === own && !frame;
    for (const [key, ov] of Object.entries(layer.scenario.overrides ?? {})) {
      const packOnly = DATA_PACK_ONLY.find((n) => key === n || key.startsWith(`${n}.`));
      if (packOnly) {
        issues.push(
          issueAt(layer.source, ["overrides", key], `${packOnly} holds years before the base year and is read from the data pack; change it there (--data)`),
        );
        continue;
      }
      const res = applyOverride(registry, layer.source, key, ov, baseYear, endYear, points, issues, strict);
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
  const notes: string[] = [];
  targetSpecs.forEach((t, i) => {
    const def = metricDef(t.metric);
    if (!def) issues.push(issueAt(targetOwner, ["targets", i, "metric"], `unknown metric "${t.metric}"${suggestMetric(t.metric)}`));
    if (t.year < baseYear || t.year > endYear) {
      if (inherited) {
        notes.push(
          `target "${t.label ?? defaultTargetLabel(t)}" (${targetOwner.file}) is for ${t.year}, outside the horizon ${baseYear}-${endYear}: not checked`,
        );
        return;
      }
      issues.push(issueAt(targetOwner, ["targets", i, "year"], `year ${t.year} is outside the horizon ${baseYear}-${endYear}${horizonNote}`));
    }
    targets.push({ ...t, sense: t.sense ?? def?.sense ?? "at_least", label: t.label ?? defaultTargetLabel(t) });
  });
  if (issues.length) throw new InputError(capped(issues));

  const seriesNames = [...registry.series.keys()].sort();
  const slots = new Map<string, number>();
  const params = new Float64Array(seriesNames.length * nYears + HISTORY_LENGTH);
  const observed = new Float64Array(seriesNames.length * nYears + HISTORY_LENGTH);
  seriesNames.forEach((name, slot) => {
    slots.set(name, slot);
    const p = points.get(name)!;
    const s = registry.series.get(name)!;
    for (let t = 0; t < nYears; t++) {
      params[slot * nYears + t] = valueAt(p.years, p.values, p.interpolation, baseYear + t);
      observed[slot * nYears + t] = valueAt(s.years, s.values, s.parameter.interpolation, baseYear + t);
    }
  });
  fillSalesHistory(registry, baseYear, params, seriesNames.length * nYears);
  observed.set(params.subarray(seriesNames.length * nYears), seriesNames.length * nYears);

  // Not inherited: a variant of a scenario is compared with the reference unless it names another counterfactual.
  const counterfactual = own.scenario.counterfactual;
  if (typeof counterfactual === "string") {
    if (counterfactual === own.scenario.name)
      issues.push(issueAt(own.source, ["counterfactual"], `a scenario cannot be its own counterfactual; name another scenario, or null for none`));
    else if (!lookup(counterfactual))
      issues.push(
        issueAt(
          own.source,
          ["counterfactual"],
          `no scenario named "${counterfactual}" to compare with; name a scenario from the scenarios folder, or null for none`,
        ),
      );
  } else if (counterfactual === undefined && own.scenario.name !== "reference" && !lookup("reference"))
    issues.push(issueAt(own.source, ["counterfactual"], `the default counterfactual "reference" is not in the scenarios folder; name one, or null for none`));
  if (issues.length) throw new InputError(issues);
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
    notes,
  };
}

/**
 * The sales-history block: for each segment, sales of the vintage aged a (0..MAX_AGE) relative to base-year sales,
 * from the data pack's dated `sales.historical` path (interpolated as the data pack says); before its first dated
 * year the first value is back-cast at `sales.historical_growth_rate`. Taken from the data pack, not from scenario
 * overrides, because overrides cannot date values before the base year (a base-year override alone would distort
 * every ratio). Without a usable history (no series, or zero in the base year) the growth rate back-casts all ages.
 */
function fillSalesHistory(registry: Registry, baseYear: number, out: Float64Array, at: number): void {
  SEGMENTS.forEach((seg, s) => {
    const g = registry.series.get(`sales.historical_growth_rate.${seg}`);
    const rate = g ? valueAt(g.years, g.values, g.parameter.interpolation, baseYear) : 0;
    const h = registry.series.get(`sales.historical.${seg}`);
    const interp = h?.parameter.interpolation ?? "linear";
    const base = h ? valueAt(h.years, h.values, interp, baseYear) : 0;
    for (let a = 0; a <= MAX_AGE; a++) {
      const year = baseYear - a;
      let r: number;
      if (!h || !(base > 0)) r = Math.pow(1 + rate, -a);
      else if (year >= h.years[0]) r = valueAt(h.years, h.values, interp, year) / base;
      else r = (h.values[0] / base) * Math.pow(1 + rate, year - h.years[0]);
      out[at + s * HISTORY_AGES + a] = r;
    }
  });
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
  strictYears: boolean,
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
    if (strictYears ? y < baseYear || y > endYear : y < MIN_YEAR || y > MAX_YEAR) {
      issues.push(issueAt(src, vp, `year ${y} is outside the horizon ${strictYears ? `${baseYear}-${endYear}` : `${MIN_YEAR}-${MAX_YEAR}`}`));
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
      if (!inDomain(target.domain, x)) {
        const why = target.domain.why ? `: it ${target.domain.why}` : "";
        issues.push(issueAt(src, vp, `value ${x} is outside ${domainText(target.domain)} for ${target.name} (${target.unit})${why}`));
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

function suggestMetric(id: string): string {
  const near = METRICS.map((m) => m.id)
    .filter((m) => m.includes(id) || id.includes(m))
    .slice(0, 3);
  return near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(", ")}?` : "; see the metric list in docs/model.md";
}

function suggest(registry: Registry, key: string): string {
  const tail = key.split(".").pop() ?? key;
  const near = [...registry.parameters.keys(), ...registry.series.keys()].filter((n) => n.endsWith(tail) || n.includes(tail)).slice(0, 3);
  return near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(", ")}?` : "";
}

// Model (analysis/model.ts) compiles through this hook, so that its module does not load the schema.
provideScenarioCompiler(resolveScenario);
