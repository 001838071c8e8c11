// `evplan solve`: the lever value that hits a target, or the least-cost mix of levers that meets it.
import { InputError, keyFigures, leverTarget, minimiseCost, parseTarget, solveLever, evaluateTargets, type LeverTarget, type Model } from "@evplan/core";
import { CliError, makeContext } from "../context.js";
import { grouped } from "../format/numbers.js";
import { table } from "../format/table.js";
import { figureText } from "./compare.js";

export interface SolveOptions {
  target: string;
  lever?: string;
  min?: string;
  max?: string;
  minimise?: string;
  levers?: string;
  from?: string;
  format: string;
  data?: string;
  scenarios?: string;
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

function num(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v)) throw new InputError([{ file: "command line", field: flag, message: `"${text}" is not a number` }]);
  return v;
}

function boundsFor(l: LeverTarget, min?: number, max?: number): [number, number] {
  const lo = min ?? l.range?.[0];
  const hi = max ?? l.range?.[1];
  if (lo === undefined || hi === undefined) throw new CliError(`${l.name} declares no lever range in the data pack: give --min and --max`);
  return [Math.max(lo, l.bounds[0]), Math.min(hi, l.bounds[1])];
}

export function solveCommand(arg: string, opts: SolveOptions, print: (s: string) => void): void {
  if (opts.format !== "table" && opts.format !== "json") throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const ctx = makeContext(opts);
  const { name, source } = ctx.scenarioArg(arg);
  const model: Model = ctx.model;
  const c = model.compile(name, source);
  const target = parseTarget(opts.target);
  const from = num(opts.from, "--from");
  if (target.year < c.baseYear || target.year > c.endYear) throw new CliError(`target year ${target.year} is outside ${c.baseYear}-${c.endYear}`);

  if (opts.minimise !== undefined) {
    if (!opts.levers) throw new CliError("--minimise needs --levers a,b,c (each optionally name=min:max)");
    const specs = opts.levers
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const levers: LeverTarget[] = [];
    const bounds: [number, number][] = [];
    for (const spec of specs) {
      const m = /^([a-z0-9_.]+)(?:=(-?[0-9.eE+-]+):(-?[0-9.eE+-]+))?$/.exec(spec);
      if (!m) throw new CliError(`bad lever "${spec}": expected name or name=min:max`);
      const l = leverTarget(model.registry, c, m[1], from);
      levers.push(l);
      bounds.push(boundsFor(l, num(m[2], "--levers"), num(m[3], "--levers")));
    }
    const r = minimiseCost(model, c, levers, bounds, target, opts.minimise || "net_fiscal");
    const run = { main: r.verification, counterfactual: null, targets: evaluateTargets(r.verification) };
    const doc = {
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
    if (opts.format === "json") return print(JSON.stringify(doc));
    print(`evplan solve · ${c.title} (${c.name}) · least ${r.cost_metric} ${c.baseYear}-${target.year} that meets ${opts.target}\n`);
    print(
      table(
        ["lever", "value", "unit", "bounds"],
        r.levers.map((l, i) => [l, grouped(r.values[i], 4), r.units[i], `${r.bounds[i][0]} .. ${r.bounds[i][1]}`]),
        ["l", "r", "l", "l"],
      ),
    );
    print(
      `\nachieved ${figureText(target.metric, r.achieved)} (target ${figureText(target.metric, target.value)}); ${r.cost_metric} ${c.baseYear}-${target.year}: PKR ${grouped(r.cost / 1e9, 1)} bn; ${r.runs} model runs`,
    );
    return;
  }

  const chosen = opts.lever ?? DEFAULT_LEVERS[target.metric]?.lever;
  if (!chosen) throw new CliError(`no default lever for ${target.metric}: name one with --lever`);
  const lever = leverTarget(model.registry, c, chosen, from);
  const [lo, hi] = boundsFor(lever, num(opts.min, "--min"), num(opts.max, "--max"));
  const r = solveLever(model, c, lever, target, lo, hi);
  const run = { main: r.verification, counterfactual: null, targets: evaluateTargets(r.verification) };
  const why = opts.lever ? "chosen with --lever" : `default lever for ${target.metric}: ${DEFAULT_LEVERS[target.metric].why}`;
  const doc = {
    scenario: c.name,
    lever: r.lever,
    lever_reason: why,
    unit: r.unit,
    from_year: r.from_year,
    bounds: r.bounds,
    value: r.value,
    target: r.target,
    achieved: r.achieved,
    runs: r.runs,
    verification: { targets: run.targets, key_figures: keyFigures(run) },
  };
  if (opts.format === "json") return print(JSON.stringify(doc));
  const lines = [
    `evplan solve · ${c.title} (${c.name}) · target ${opts.target}`,
    "",
    `lever     ${r.lever} (${why})`,
    `value     ${grouped(r.value, 4)} ${r.unit}, from ${r.from_year} on (searched ${lo} .. ${hi})`,
    `achieved  ${figureText(target.metric, r.achieved)} against ${figureText(target.metric, target.value)} (verification run; ${r.runs} model runs)`,
    "",
    "With this lever setting:",
    table(
      ["figure", "value"],
      keyFigures(run).map((f) => [f.label, figureText(f.unit, f.value)]),
    ),
  ];
  print(lines.join("\n"));
}
