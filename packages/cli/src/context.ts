// Where the CLI finds the data pack and the scenarios, and the Model built from them.
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Model, parseYaml, type ScenarioSource } from "@evplan/core";
import { loadRegistry } from "./data-pack.js";
import { readTextBounded } from "./io-read.js";

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

export function readScenarioFile(file: string): ScenarioSource {
  const shown = shownPath(file);
  const parsed = parseYaml(readTextBounded(file, "scenario file"), shown);
  return { file: shown, data: parsed.data, locate: parsed.locate };
}

/** Is the argument a path to a file rather than a scenario name? */
export function looksLikePath(arg: string): boolean {
  return arg.includes("/") || arg.includes("\\") || /\.ya?ml$/.test(arg);
}

export interface Context {
  readonly model: Model;
  readonly paths: Paths;
  /** Resolve a CLI argument (name or file) to the scenario name and, for files, its source. */
  readonly scenarioArg: (arg: string) => { name: string; source?: ScenarioSource };
}

/** A folder given by an option or the environment must exist and be a folder. */
function requireFolder(dir: string, what: string, flag: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new CliError(`no ${what} folder at ${shownPath(dir)} (${flag})`);
  }
  if (!isDir) throw new CliError(`the ${what} ${shownPath(dir)} is a file; ${flag} takes a folder`);
}

export function makeContext(opts: { data?: string; scenarios?: string } = {}): Context {
  const paths = defaultPaths(opts);
  requireFolder(paths.data, "data pack", "--data or $EVPLAN_DATA");
  requireFolder(paths.scenarios, "scenarios", "--scenarios or $EVPLAN_SCENARIOS");
  const registry = loadRegistry(paths.data);
  const extraDirs: string[] = [];
  const lookup = (name: string): ScenarioSource | undefined => {
    for (const dir of [...extraDirs, paths.scenarios]) {
      for (const ext of [".yaml", ".yml"]) {
        const f = join(dir, name + ext);
        if (existsSync(f)) return readScenarioFile(f);
      }
    }
    return undefined;
  };
  const model = new Model(registry, lookup);
  const scenarioArg = (arg: string) => {
    if (looksLikePath(arg)) {
      const file = resolve(arg);
      if (!existsSync(file)) throw new CliError(`no such scenario file: ${arg}`);
      // A file may extend scenarios beside it as well as the built-in ones.
      extraDirs.splice(0, extraDirs.length, dirname(file));
      const source = readScenarioFile(file);
      const name = (source.data as { name?: unknown } | null)?.name;
      return { name: typeof name === "string" ? name : arg, source };
    }
    if (!lookup(arg)) throw new CliError(`no scenario named "${arg}" in ${shownPath(paths.scenarios)}`);
    return { name: arg };
  };
  return { model, paths, scenarioArg };
}

/** A usage problem the user can fix: printed without a stack trace, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}
