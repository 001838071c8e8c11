// Where the CLI finds the data pack and the scenarios, and the Model built from them. The data pack and the
// scenarios come from the compiled data pack cache when it has them (pack-cache.ts): then neither the YAML parser
// nor zod is loaded. They are loaded (dynamic imports) only to read and validate files the cache does not hold.
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Model, type Registry, type ScenarioSource } from "@evplan/core/runtime";
import { readTextBounded } from "./io-read.js";
import { cachedChecked, cachedRegistry, storeChecked } from "./pack-cache.js";

/** The repository root, found from this module's location (packages/cli/dist or packages/cli/src). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface Paths {
  readonly data: string;
  readonly scenarios: string;
}

export function defaultPaths(opts: { data?: string; scenarios?: string } = {}): Paths {
  return {
    data: resolve(opts.data ?? process.env.EVPLAN_DATA ?? join(REPO_ROOT, "data", "pakistan")),
    scenarios: resolve(opts.scenarios ?? process.env.EVPLAN_SCENARIOS ?? join(REPO_ROOT, "scenarios")),
  };
}

export function shownPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : p;
}

type FullCore = typeof import("@evplan/core");
let full: FullCore | undefined;
/** The whole core: the YAML parser, the schemas and the scenario compiler. */
export async function loadFullCore(): Promise<FullCore> {
  full ??= await import("@evplan/core");
  return full;
}

/** A scenario file read and parsed (needs loadFullCore first; every context that reads files has loaded it). */
export function readScenarioFile(file: string): ScenarioSource {
  if (!full) throw new Error("internal: a scenario file was read before the YAML parser was loaded");
  const shown = shownPath(file);
  const parsed = full.parseYaml(readTextBounded(file, "scenario file"), shown);
  return { file: shown, data: parsed.data, locate: parsed.locate };
}

/** Is the argument a path to a file rather than a scenario name? */
export function looksLikePath(arg: string): boolean {
  return arg.includes("/") || arg.includes("\\") || /\.ya?ml$/.test(arg);
}

export interface Context {
  readonly model: Model;
  readonly paths: Paths;
  /**
   * Resolve a CLI argument (name or file) to the scenario name and, for files read, its source. With a compiled
   * entry for it, nothing is read: `model.compile(name)` returns the compiled scenario.
   */
  readonly scenarioArg: (arg: string) => Promise<{ name: string; source?: ScenarioSource }>;
}

/** A folder given by an option (`option`) or the environment (named in `from`) must exist and be a folder. */
export function requireFolder(dir: string, what: string, from: string, option: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new CliError(`no ${what} folder at ${shownPath(dir)} (${from})`);
  }
  if (!isDir) throw new CliError(`the ${what} ${shownPath(dir)} is a file; ${option} takes a folder`);
}

/** The data pack's registry: from the compiled cache, else read, validated and stored there. */
export async function loadPackRegistry(dir: string): Promise<Registry> {
  requireFolder(dir, "data pack", "--data or $EVPLAN_DATA", "--data");
  const hit = cachedRegistry(dir);
  if (hit.registry) return hit.registry;
  await loadFullCore();
  const { loadRegistry } = await import("./data-pack.js");
  const registry = loadRegistry(dir);
  hit.store(registry);
  return registry;
}

/**
 * The model and scenario resolution of a command. `compiled: true` (run, validate, compare, solve, sweeps): the
 * scenarios named come from the compiled cache when it holds them, and the YAML parser and zod load only on a miss.
 * Otherwise they load up front, for commands that read scenario files themselves.
 */
export async function makeContext(opts: { data?: string; scenarios?: string } = {}, mode: { compiled?: boolean } = {}): Promise<Context> {
  const paths = defaultPaths(opts);
  requireFolder(paths.data, "data pack", "--data or $EVPLAN_DATA", "--data");
  requireFolder(paths.scenarios, "scenarios", "--scenarios or $EVPLAN_SCENARIOS", "--scenarios");
  const registry = await loadPackRegistry(paths.data);
  if (!mode.compiled) await loadFullCore();
  const extraDirs: string[] = [];
  const dirs = () => [...extraDirs, paths.scenarios];
  const findFile = (name: string): string | undefined => {
    for (const dir of dirs()) {
      for (const ext of [".yaml", ".yml"]) {
        const f = join(dir, name + ext);
        if (existsSync(f)) return f;
      }
    }
    return undefined;
  };
  const lookup = (name: string): ScenarioSource | undefined => {
    const f = findFile(name);
    return f === undefined ? undefined : readScenarioFile(f);
  };
  // Compiled scenarios of this command by name: a fresh copy for each compile (callers may change buffers).
  const compiled = new Map<string, string>();
  const model = new Model(registry, lookup, { precompiled: (name, from) => (from ? undefined : decodeChecked(compiled.get(name))) });
  const scenarioArg = async (arg: string): Promise<{ name: string; source?: ScenarioSource }> => {
    const file = looksLikePath(arg) ? resolve(arg) : undefined;
    if (file !== undefined) {
      if (!existsSync(file)) throw new CliError(`no such scenario file: ${arg}`);
      // A file may extend scenarios beside it as well as the built-in ones.
      extraDirs.splice(0, extraDirs.length, dirname(file));
    } else if (!findFile(arg)) throw new CliError(`no scenario named "${arg}" in ${shownPath(paths.scenarios)}`);
    const entry = cachedChecked(paths.data, file ? { file } : { name: arg }, dirs());
    if (entry.hit) {
      compiled.set(entry.hit.name, entry.hit.body);
      return { name: entry.hit.name };
    }
    await loadFullCore();
    let name = arg;
    let source: ScenarioSource | undefined;
    if (file !== undefined) {
      source = readScenarioFile(file);
      const n = (source.data as { name?: unknown } | null)?.name;
      name = typeof n === "string" ? n : arg;
    }
    if (mode.compiled) {
      // Validated and compiled now (the errors `run` would give), stored for the next command.
      const checked = model.check(name, source);
      const body = entry.store(checked);
      if (body !== undefined) {
        compiled.set(checked.scenario.name, body);
        return { name: checked.scenario.name };
      }
    }
    return { name, source };
  };
  return { model, paths, scenarioArg };
}

function decodeChecked(body: string | undefined) {
  return body === undefined ? undefined : storeChecked.decode(body);
}

/** A usage problem the user can fix: printed without a stack trace, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}
