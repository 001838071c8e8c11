// The planner's model, without the worker around it: presets compiled once, levers applied to a copy of a
// preset's parameters (no recompiling), each preset's counterfactual evaluated once (levers do not touch it), and
// the reply the page lays out. Kept free of worker globals so that tests run it beside the CLI's data path.
import {
  InputError,
  Model,
  domainText,
  inDomain,
  applyLever,
  applyLeverYears,
  datedPath,
  leverValue,
  evaluateTargets,
  headlines,
  keyFigures,
  leverCatalogue,
  leverTarget,
  policyEvents,
  outputLength,
  shareContext,
  type CompiledScenario,
  type LeverInfo,
  type Registry,
  type RunResult,
} from "@evplan/core/runtime";
import type { PresetLevers, RunReply } from "./protocol";

export class PlannerModel {
  readonly levers: LeverInfo[];
  private readonly compiledCache = new Map<string, CompiledScenario>();
  /** Each preset's counterfactual, compiled in the preset's frame. */
  private readonly counterfactualCompiled = new Map<string, CompiledScenario | null>();
  /** The last counterfactual run per preset, with the context settings it was run under. */
  private readonly counterfactualCache = new Map<string, { key: string; run: RunResult }>();
  /** The key of the counterfactual run last returned for each preset (see `RunReply.counterfactualKey`). */
  private readonly counterfactualKeys = new Map<string, string>();

  constructor(
    readonly model: Model,
    readonly registry: Registry,
    baseYear: number,
  ) {
    this.levers = leverCatalogue(registry, baseYear);
  }

  compiled(name: string): CompiledScenario {
    let c = this.compiledCache.get(name);
    if (!c) this.compiledCache.set(name, (c = this.model.compile(name)));
    return c;
  }

  /**
   * The preset with the moved levers applied: each lever's path scaled to its value (analysis/levers.ts), then
   * single years set. `applied` gets each moved series' resulting dated path, which the exported YAML carries.
   */
  planner(
    preset: string,
    overrides: Record<string, number>,
    years: Record<string, Record<number, number>> = {},
    applied: Record<string, Record<number, number>> = {},
  ): CompiledScenario {
    const base = this.compiled(preset);
    const params = new Float64Array(base.params);
    for (const series of new Set([...Object.keys(overrides), ...Object.keys(years)])) {
      const lever = this.levers.find((l) => l.series === series);
      if (!lever) throw new InputError([{ file: "link", field: series, message: `unknown lever ${series}` }]);
      // The page clamps links to the lever's range (state.ts); this is the model's own guard: nothing outside the
      // parameter's domain runs.
      const p = this.registry.parameters.get(lever.parameter)!;
      for (const value of [overrides[series], ...Object.values(years[series] ?? {})])
        if (value !== undefined && (!Number.isFinite(value) || !inDomain(p.domain, value)))
          throw new InputError([{ file: "link", field: series, message: `value ${value} is outside ${domainText(p.domain)} for ${series} (${p.unit})` }]);
      const target = leverTarget(this.registry, base, series, lever.fromYear);
      if (overrides[series] !== undefined) applyLever(target, base, params, overrides[series]);
      if (years[series]) applyLeverYears(target, base, params, years[series]);
      applied[series] = datedPath(params, target.offsets[0], base, lever.fromYear);
    }
    return { ...base, name: `${preset}-planner`, params };
  }

  /**
   * What each control shows in a preset: the lever's value in its display year, that year, and its dated path.
   * Worked out once per compiled preset (they do not depend on the levers moved): every reply carries the same
   * objects, which nothing changes (the worker's replies reach the page as structured clones).
   */
  presetLevers(presetName: string): PresetLevers {
    const preset = this.compiled(presetName);
    let x = this.leversCache.get(preset);
    if (x) return x;
    x = { leverDefaults: {}, leverYears: {}, leverPaths: {} };
    for (const l of this.levers) {
      if (!preset.slots.has(l.series)) continue;
      const target = leverTarget(this.registry, preset, l.series, l.fromYear);
      const shown = leverValue(target, preset, preset.params);
      x.leverDefaults[l.series] = shown.value;
      x.leverYears[l.series] = shown.year;
      x.leverPaths[l.series] = datedPath(preset.params, target.offsets[0], preset, l.fromYear);
    }
    this.leversCache.set(preset, x);
    return x;
  }
  private readonly leversCache = new WeakMap<CompiledScenario, PresetLevers>();

  /**
   * The counterfactual under the same context as the planner's settings: moving a policy lever reuses the cached
   * run; moving a context lever (oil price, battery cost) moves the counterfactual too, so that a difference is
   * what the policy did under those conditions.
   */
  counterfactualRun(preset: CompiledScenario, main: CompiledScenario, overrides: Record<string, number>): RunResult | null {
    let cf = this.counterfactualCompiled.get(preset.name);
    if (cf === undefined) this.counterfactualCompiled.set(preset.name, (cf = this.model.counterfactualOf(preset)));
    if (!cf) return null;
    const key = Object.keys(overrides)
      .filter((series) => this.registry.series.get(series)?.parameter.kind !== "policy")
      .sort()
      .map((series) => `${series}=${overrides[series]}`)
      .join("&");
    this.counterfactualKeys.set(preset.name, `${preset.name}>${cf.name}?${key}`);
    const hit = this.counterfactualCache.get(preset.name);
    if (hit && hit.key === key) return hit.run;
    const params = new Float64Array(cf.params);
    shareContext(this.registry, main, params);
    const run = this.model.evaluate({ ...cf, params }, params);
    this.counterfactualCache.set(preset.name, { key, run });
    return run;
  }

  /**
   * A run of `preset` with these settings whose reply nobody needs, to have the JIT optimise the run's code before
   * the user's first move (model-worker.ts). It writes into a scratch buffer of its own and changes no cache a real
   * run reads: the counterfactual is the cached one (its context is the settings'), and `policy.subsidy_scale` is
   * set to the value it has, so that the lever code runs too.
   */
  warmRun(preset: string, overrides: Record<string, number>, years: Record<string, Record<number, number>> = {}): void {
    const base = this.compiled(preset);
    const moved = { ...overrides };
    const shown = this.presetLevers(preset).leverDefaults["policy.subsidy_scale"];
    if (shown !== undefined && moved["policy.subsidy_scale"] === undefined) moved["policy.subsidy_scale"] = shown;
    const n = outputLength(base.nYears);
    if (this.warmScratch?.length !== n) this.warmScratch = new Float64Array(n);
    this.run(0, preset, moved, () => 0, years, this.warmScratch);
  }
  private warmScratch: Float64Array | null = null;

  /**
   * One planner run: the reply the page lays out (buffers not yet transferred). The scenario's output goes into
   * `out` when given (a buffer the page handed back, so that a move allocates none), else into a new buffer. The
   * counterfactual is the cached run's own output, not a copy: it must not be transferred or written to; the
   * worker sends it to the page only when `counterfactualKey` is one the page does not hold yet.
   */
  run(
    id: number,
    presetName: string,
    overrides: Record<string, number>,
    now: () => number,
    years: Record<string, Record<number, number>> = {},
    out?: Float64Array,
  ): RunReply {
    const t0 = now();
    const preset = this.compiled(presetName);
    const applied: Record<string, Record<number, number>> = {};
    const c = this.planner(presetName, overrides, years, applied);
    const main = this.model.evaluate(c, c.params, out);
    const cfRun = this.counterfactualRun(preset, c, overrides);
    const run = { main, counterfactual: cfRun, targets: evaluateTargets(main) };
    const capSlot = c.slots.get("grid.installed_capacity")!;
    const gridCapacity = Array.from(c.params.subarray(capSlot * c.nYears, (capSlot + 1) * c.nYears));
    return {
      type: "run",
      id,
      baseYear: c.baseYear,
      nYears: c.nYears,
      main: main.out as Float64Array<ArrayBuffer>,
      counterfactual: cfRun ? (cfRun.out as Float64Array<ArrayBuffer>) : null,
      counterfactualName: cfRun?.scenario.name ?? null,
      counterfactualKey: cfRun ? this.counterfactualKeys.get(presetName)! : null,
      targets: run.targets,
      figures: keyFigures(run),
      headlines: headlines(run),
      ...this.presetLevers(presetName),
      applied,
      gridCapacity,
      events: policyEvents(c),
      millis: now() - t0,
    };
  }
}
