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
    if (c.counterfactual) {
      const cf = this.compile(c.counterfactual);
      if (cf.baseYear !== c.baseYear || cf.nYears !== c.nYears) {
        throw new Error(`counterfactual ${cf.name} has horizon ${cf.baseYear}-${cf.endYear}, but ${c.name} has ${c.baseYear}-${c.endYear}`);
      }
      counterfactual = this.evaluate(cf);
    }
    return { main, counterfactual, targets: evaluateTargets(main) };
  }
}
