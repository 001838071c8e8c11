// The Model of the full core (`@evplan/core`): the runtime's Model with the scenario compiler installed by its
// constructor. scenario/resolve.ts also installs itself when loaded, which is enough in Node; a bundler that drops
// modules whose exports go unused (the package is side-effect free) keeps this constructor, and so the compiler.
import { Model as RuntimeModel, type PrecompiledScenarios } from "./model.js";
import type { Registry } from "../registry/registry.js";
import { resolveScenario, type ScenarioLookup } from "../scenario/resolve.js";
import { provideScenarioCompiler } from "../scenario/compiler.js";

export class Model extends RuntimeModel {
  constructor(registry: Registry, lookup: ScenarioLookup, opts: { precompiled?: PrecompiledScenarios } = {}) {
    super(registry, lookup, opts);
    provideScenarioCompiler(resolveScenario);
  }
}
