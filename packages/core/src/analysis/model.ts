// The model boundary: a registry plus a way to find scenarios; runs a scenario and its counterfactual.
import { checkContract, buildParamLayout, outputLength } from "../engine/layout.js";
import { Engine } from "../engine/engine.js";
import type { Registry } from "../registry/registry.js";
import { resolveScenario, type CompiledScenario, type ScenarioLookup, type ScenarioSource } from "../scenario/resolve.js";
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

export class Model {
  readonly registry: Registry;
  private readonly lookup: ScenarioLookup;
  private readonly engines = new Map<string, Engine>();

  constructor(registry: Registry, lookup: ScenarioLookup) {
    checkContract(registry);
    this.registry = registry;
    this.lookup = lookup;
  }

  compile(name: string, from?: ScenarioSource): CompiledScenario {
    return resolveScenario(this.registry, name, this.lookup, from);
  }

  /**
   * The counterfactual of a compiled scenario, as the two are compared: compiled in the scenario's frame (horizon,
   * modes, EV definition) and with the scenario's context (every series of a parameter that is not policy) copied
   * in, so that the two differ in policy only. A market-mode scenario's counterfactual thus runs in market mode.
   */
  counterfactualOf(c: CompiledScenario): CompiledScenario | null {
    if (!c.counterfactual) return null;
    const cf = resolveScenario(this.registry, c.counterfactual, this.lookup, undefined, c);
    shareContext(this.registry, c, cf.params);
    return cf;
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

  /** Evaluate a compiled scenario, optionally with a replacement parameter buffer (sweeps, goal seek). */
  evaluate(c: CompiledScenario, params: Float64Array = c.params, out: Float64Array = new Float64Array(outputLength(c.nYears))): RunResult {
    this.engineFor(c).run(params, c, out);
    return { scenario: c, out };
  }

  /** The scenario and its counterfactual, with target checks. */
  run(name: string, from?: ScenarioSource): ScenarioRun {
    const c = this.compile(name, from);
    const main = this.evaluate(c);
    let counterfactual: RunResult | null = null;
    const cf = this.counterfactualOf(c);
    if (cf) counterfactual = this.evaluate(cf);
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
