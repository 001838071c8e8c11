// Who compiles scenario files for a Model. scenario/resolve.ts (with the scenario schema, so zod) provides itself
// when it is loaded, as it is by every program importing `@evplan/core`. A program on `@evplan/core/runtime` runs
// scenarios compiled earlier (the compiled data pack cache) and loads the compiler only when it needs one.
import type { Registry } from "../registry/registry.js";
import type { CompiledScenario, ScenarioFrame, ScenarioLookup, ScenarioSource } from "./resolve.js";

export type ScenarioCompiler = (registry: Registry, name: string, lookup: ScenarioLookup, from?: ScenarioSource, frame?: ScenarioFrame) => CompiledScenario;

let compiler: ScenarioCompiler | undefined;

export function provideScenarioCompiler(c: ScenarioCompiler): void {
  compiler = c;
}

export function scenarioCompiler(): ScenarioCompiler {
  if (!compiler) throw new Error("no scenario compiler is loaded: import @evplan/core (the runtime entry runs precompiled scenarios only)");
  return compiler;
}
