// The model boundary: a registry plus a way to find scenarios; runs a scenario and its counterfactual.
import { checkContract, buildParamLayout, outputLength } from "../engine/layout.js";
import { Engine } from "../engine/engine.js";
import type { Registry } from "../registry/registry.js";
import type { CompiledScenario, ScenarioLookup, ScenarioSource } from "../scenario/resolve.js";
import { scenarioCompiler } from "../scenario/compiler.js";
import { evaluateTargets, type TargetResult } from "./targets.js";

export interface RunResult {
  readonly scenario: CompiledScenario;
  /** Engine output, laid out as described in engine/layout.ts. */
  readonly out: Float64Array;
}

export interface ScenarioRun {
  readonly main: RunResult;
  readonly counterfactual: RunResult | null;
  readonly targets: readonly TargetResult[];
}

/** A scenario and its counterfactual as `Model.check` compiles them. */
export interface CheckedScenario {
  readonly scenario: CompiledScenario;
  readonly counterfactual: CompiledScenario | null;
}

/**
 * Scenarios compiled earlier (a compiled data pack cache): a fresh copy of a scenario and its counterfactual for
 * the name (or source) asked for, or undefined to compile it from its files.
 */
export type PrecompiledScenarios = (name: string, from?: ScenarioSource) => CheckedScenario | undefined;

export class Model {
  readonly registry: Registry;
  private readonly lookup: ScenarioLookup;
  private readonly engines = new Map<string, Engine>();
  private readonly precompiled?: PrecompiledScenarios;
  /** Counterfactuals that came with precompiled scenarios. */
  private readonly precompiledCf = new WeakMap<CompiledScenario, CompiledScenario | null>();

  constructor(registry: Registry, lookup: ScenarioLookup, opts: { precompiled?: PrecompiledScenarios } = {}) {
    checkContract(registry);
    this.registry = registry;
    this.lookup = lookup;
    this.precompiled = opts.precompiled;
  }

  compile(name: string, from?: ScenarioSource): CompiledScenario {
    const hit = this.precompiled?.(name, from);
    if (hit) {
      this.precompiledCf.set(hit.scenario, hit.counterfactual);
      return hit.scenario;
    }
    return scenarioCompiler()(this.registry, name, this.lookup, from);
  }

  /**
   * The counterfactual of a compiled scenario, as the two are compared: compiled in the scenario's frame (horizon,
   * modes, EV definition) and with the scenario's context (every series of a parameter that is not policy) copied
   * in, so that the two differ in policy only. A market-mode scenario's counterfactual thus runs in market mode.
   */
  counterfactualOf(c: CompiledScenario): CompiledScenario | null {
    if (!c.counterfactual) return null;
    const pre = this.precompiledCf.get(c);
    // A copy each time: a caller may change its buffers, as it may those of a counterfactual compiled here.
    if (pre !== undefined) return pre && { ...pre, params: pre.params.slice(), observed: pre.observed.slice() };
    const cf = scenarioCompiler()(this.registry, c.counterfactual, this.lookup, undefined, c);
    shareContext(this.registry, c, cf.params);
    return cf;
  }

  /** Everything `run` checks before evaluating: the scenario and its counterfactual, as they are compared. */
  check(name: string, from?: ScenarioSource): CheckedScenario {
    const scenario = this.compile(name, from);
    return { scenario, counterfactual: this.counterfactualOf(scenario) };
  }

  /** One engine per horizon, shared by every scenario with that horizon (their parameter layouts are equal). */
  engineFor(c: CompiledScenario): Engine {
    const key = `${c.baseYear}:${c.nYears}`;
    let e = this.engines.get(key);
    if (!e) {
      e = new Engine(buildParamLayout(c.slots, c.nYears), c.baseYear);
      this.engines.set(key, e);
    }
    return e;
  }

  /**
   * Evaluate a compiled scenario, optionally with a replacement parameter buffer (sweeps, goal seek), and stopping
   * after year index `untilYearIndex` when the caller reads no later year (engine RunFlags).
   */
  evaluate(
    c: CompiledScenario,
    params: Float64Array = c.params,
    out: Float64Array = new Float64Array(outputLength(c.nYears)),
    opts: { untilYearIndex?: number } = {},
  ): RunResult {
    const flags = opts.untilYearIndex === undefined ? c : { modes: c.modes, evMask: c.evMask, observed: c.observed, untilYearIndex: opts.untilYearIndex };
    this.engineFor(c).run(params, flags, out);
    return { scenario: c, out };
  }

  /** The scenario and its counterfactual, with target checks. */
  run(name: string, from?: ScenarioSource): ScenarioRun {
    const { scenario: c, counterfactual: cf } = this.check(name, from);
    const main = this.evaluate(c);
    const counterfactual = cf ? this.evaluate(cf) : null;
    return { main, counterfactual, targets: evaluateTargets(main) };
  }
}

/**
 * Copy the scenario's context series (every parameter whose kind is not "policy") into a counterfactual's
 * parameter buffer compiled on the same registry and horizon (so with the same slots).
 */
export function shareContext(registry: Registry, scenario: CompiledScenario, cfParams: Float64Array): void {
  const T = scenario.nYears;
  scenario.seriesNames.forEach((name, slot) => {
    if (registry.series.get(name)?.parameter.kind === "policy") return;
    cfParams.set(scenario.params.subarray(slot * T, (slot + 1) * T), slot * T);
  });
}
