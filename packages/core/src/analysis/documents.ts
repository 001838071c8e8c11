// The JSON documents of `evplan params`, `solve` and `compare`, built once here so that the CLI (`--format json`)
// and the HTTP API answer with the same document. `run` has its own module (document.ts). Pure.
import { domainText } from "../registry/domains.js";
import { InputError } from "../errors.js";
import type { Registry } from "../registry/registry.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import { keyFigures, type KeyFigure } from "./key-figures.js";
import { leverTarget, type LeverTarget } from "./levers.js";
import type { Model, ScenarioRun } from "./model.js";
import { minimiseCost, parseTarget, solveLever } from "./solve.js";
import { evaluateTargets, type TargetResult } from "./targets.js";
import { provenance } from "../views/parameters.js";
import { summariseUncertainty, type UncertaintyMeta, type UncertaintyReport } from "../uncertainty/uncertainty.js";
import { summariseSensitivity, type SensitivityMeta, type SobolReport, type TornadoReport } from "../uncertainty/sensitivity.js";
import type { SweepMeta } from "../uncertainty/sweep.js";

/** `evplan params --format json`: every parameter with values, unit, references and provenance, sorted by name. */
export function paramsDocument(registry: Registry) {
  return [...registry.parameters.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({
      name: p.name,
      label: p.label,
      unit: p.unit,
      index: p.index ?? null,
      interpolation: p.interpolation,
      provenance: provenance(p),
      values: Object.fromEntries(p.series.map((s) => [s.key ?? "value", Object.fromEntries(s.years.map((y, i) => [y, s.values[i]]))])),
      references: p.references,
      assumption: p.assumption ?? null,
      uncertainty: p.uncertainty ?? null,
      lever: p.lever ?? null,
      kind: p.kind,
      domain: {
        text: domainText(p.domain),
        min: p.domain.min,
        max: p.domain.max,
        min_open: p.domain.minOpen,
        max_open: p.domain.maxOpen,
        why: p.domain.why ?? null,
      },
      file: p.file,
      description: p.description,
    }));
}
export type ParamsDocument = ReturnType<typeof paramsDocument>;

export interface CompareDocument {
  scenarios: string[];
  year: number;
  figures: { id: string; label: string; unit: string; values: number[]; difference_from_first: number[] }[];
}

/** Key figures of each run at `year`, keeping the figures every run has (those against a counterfactual need one). */
export function compareFigures(runs: readonly ScenarioRun[], year: number): { name: string; figures: KeyFigure[] }[] {
  return runs.map((run) => ({ name: run.main.scenario.name, figures: keyFigures(run, year) }));
}

/** `evplan compare --format json`. */
export function compareDocument(runs: readonly { name: string; figures: readonly KeyFigure[] }[], year: number): CompareDocument {
  const ids = runs[0].figures.map((f) => f.id).filter((id) => runs.every((r) => r.figures.some((f) => f.id === id)));
  const get = (r: { figures: readonly KeyFigure[] }, id: string) => r.figures.find((f) => f.id === id)!;
  return {
    scenarios: runs.map((r) => r.name),
    year,
    figures: ids.map((id) => {
      const f0 = get(runs[0], id);
      return {
        id,
        label: f0.label,
        unit: f0.unit,
        values: runs.map((r) => get(r, id).value),
        difference_from_first: runs.map((r) => get(r, id).value - f0.value),
      };
    }),
  };
}

/** The default lever for a target metric, with the reason printed beside the answer. */
export const DEFAULT_LEVERS: Record<string, { lever: string; why: string }> = {
  ev_sales_share: { lever: "policy.subsidy_scale", why: "scales the announced subsidy programme (per-vehicle and per-kWh amounts and the budget together)" },
  ev_stock: { lever: "policy.subsidy_scale", why: "scales the announced subsidy programme (per-vehicle and per-kWh amounts and the budget together)" },
  co2_ttw: { lever: "taxes.carbon_levy", why: "a carbon levy on petrol and diesel raises the running cost of combustion vehicles" },
  co2_wtw: { lever: "taxes.carbon_levy", why: "a carbon levy on petrol and diesel raises the running cost of combustion vehicles" },
  fuel_use: { lever: "taxes.carbon_levy", why: "a carbon levy on petrol and diesel raises the running cost of combustion vehicles" },
  oil_import_cost: { lever: "taxes.carbon_levy", why: "a carbon levy on petrol and diesel raises the running cost of combustion vehicles" },
  public_chargers: { lever: "charging.planned_points", why: "the planned public charging deployment" },
};

/** What `evplan solve` is asked: the same fields as its flags (`--target`, `--lever`, ...), numbers already parsed. */
export interface SolveRequest {
  readonly target: string;
  readonly lever?: string;
  readonly min?: number;
  readonly max?: number;
  readonly from?: number;
  /** Present (possibly "") for the least-cost mix; "" means the default cost metric, net_fiscal. */
  readonly minimise?: string;
  /** With minimise: comma-separated levers, each optionally name=min:max. */
  readonly levers?: string;
}

export interface SolveDocument {
  scenario: string;
  lever: string;
  lever_reason: string;
  unit: string;
  from_year: number;
  bounds: readonly [number, number];
  value: number;
  target: { metric: string; segment: string; year: number; value: number };
  achieved: number;
  runs: number;
  verification: { targets: TargetResult[]; key_figures: KeyFigure[] };
}

export interface MinimiseDocument {
  scenario: string;
  levers: readonly string[];
  values: readonly number[];
  units: readonly string[];
  bounds: readonly (readonly [number, number])[];
  target: { metric: string; segment: string; year: number; value: number };
  achieved: number;
  minimised: { metric: string; from_year: number; to_year: number; value: number };
  runs: number;
  verification: { targets: TargetResult[]; key_figures: KeyFigure[] };
}

/** A mistake in the request, reported like the core's other command-line errors (file "command line", the flag as field). */
const usage = (field: string, message: string) => new InputError([{ file: "command line", field, message }]);

function finite(x: number | undefined, flag: string): number | undefined {
  if (x === undefined) return undefined;
  if (!Number.isFinite(x)) throw usage(flag, `"${x}" is not a number`);
  return x;
}

function boundsFor(l: LeverTarget, min?: number, max?: number): [number, number] {
  const lo = min ?? l.range?.[0];
  const hi = max ?? l.range?.[1];
  if (lo === undefined || hi === undefined) throw usage("--lever", `${l.name} declares no lever range in the data pack: give --min and --max`);
  return [Math.max(lo, l.bounds[0]), Math.min(hi, l.bounds[1])];
}

/** `evplan solve --format json`: the lever value that hits the target, or (with `minimise`) the least-cost mix. */
export function solveDocument(model: Model, c: CompiledScenario, req: SolveRequest): SolveDocument | MinimiseDocument {
  const target = parseTarget(req.target);
  const from = finite(req.from, "--from");
  if (target.year < c.baseYear || target.year > c.endYear) throw usage("--target", `target year ${target.year} is outside ${c.baseYear}-${c.endYear}`);
  if (req.minimise !== undefined) {
    if (!req.levers) throw usage("--levers", "--minimise needs --levers a,b,c (each optionally name=min:max)");
    const specs = req.levers
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const levers: LeverTarget[] = [];
    const bounds: [number, number][] = [];
    for (const spec of specs) {
      const m = /^([a-z0-9_.]+)(?:=(-?[0-9.eE+-]+):(-?[0-9.eE+-]+))?$/.exec(spec);
      if (!m) throw usage("--levers", `bad lever "${spec}": expected name or name=min:max`);
      const l = leverTarget(model.registry, c, m[1], from);
      levers.push(l);
      const lo = m[2] === undefined ? undefined : finite(Number(m[2]), "--levers");
      const hi = m[3] === undefined ? undefined : finite(Number(m[3]), "--levers");
      bounds.push(boundsFor(l, lo, hi));
    }
    const r = minimiseCost(model, c, levers, bounds, target, req.minimise || "net_fiscal");
    const run = { main: r.verification, counterfactual: null, targets: evaluateTargets(r.verification) };
    return {
      scenario: c.name,
      levers: r.levers,
      values: r.values,
      units: r.units,
      bounds: r.bounds,
      target: r.target,
      achieved: r.achieved,
      minimised: { metric: r.cost_metric, from_year: c.baseYear, to_year: target.year, value: r.cost },
      runs: r.runs,
      verification: { targets: run.targets, key_figures: keyFigures(run) },
    };
  }
  const chosen = req.lever ?? DEFAULT_LEVERS[target.metric]?.lever;
  if (!chosen) throw usage("--lever", `no default lever for ${target.metric}: name one with --lever`);
  const lever = leverTarget(model.registry, c, chosen, from);
  const [lo, hi] = boundsFor(lever, finite(req.min, "--min"), finite(req.max, "--max"));
  const r = solveLever(model, c, lever, target, lo, hi);
  const run = { main: r.verification, counterfactual: null, targets: evaluateTargets(r.verification) };
  return {
    scenario: c.name,
    lever: r.lever,
    lever_reason: req.lever ? "chosen with --lever" : `default lever for ${target.metric}: ${DEFAULT_LEVERS[target.metric].why}`,
    unit: r.unit,
    from_year: r.from_year,
    bounds: r.bounds,
    value: r.value,
    target: r.target,
    achieved: r.achieved,
    runs: r.runs,
    verification: { targets: run.targets, key_figures: keyFigures(run) },
  };
}

/** The report of a finished sweep (`evplan uncertainty|sensitivity --format json`), a pure function of its records. */
export function sweepReport(meta: SweepMeta, records: Float64Array): UncertaintyReport | TornadoReport | SobolReport {
  return meta.kind === "uncertainty" ? summariseUncertainty(meta as UncertaintyMeta, records) : summariseSensitivity(meta as SensitivityMeta, records);
}
