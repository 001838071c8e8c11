// @evplan/core/node: the core's Node.js entry. Reads a data pack and scenario files from disk into the pure core,
// so that a program elsewhere needs a few lines to run a scenario. The only place in the core that touches files;
// the main entry (`@evplan/core`) stays free of node:* and runs in the browser.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { readTextBounded } from "./read.js";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildRegistry,
  InputError,
  Model,
  parseYaml,
  type InputIssue,
  type ParameterSource,
  type Registry,
  type ScenarioLookup,
  type ScenarioSource,
} from "../index.js";

export * from "./read.js";
export * from "./cache.js";
export * from "./compiled.js";

export function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listYamlFiles(full));
    else if (entry.endsWith(".yaml") || entry.endsWith(".yml")) out.push(full);
  }
  return out;
}

/** Parameter name from its path inside the pack: `energy/fuel_economy_petrol.yaml` is `energy.fuel_economy_petrol`. */
export function parameterName(packDir: string, file: string): string {
  return relative(packDir, file)
    .replace(/\.ya?ml$/, "")
    .split(sep)
    .join(".");
}

/**
 * Every parameter file of a pack, parsed; all YAML errors of the pack are reported together. Files are read with
 * the bounded reader (read.ts): a folder, a device or a huge file is a FileReadError naming it.
 */
export function readParameterSources(packDir: string, displayBase = process.cwd()): ParameterSource[] {
  const issues: InputIssue[] = [];
  const sources: ParameterSource[] = [];
  for (const file of listYamlFiles(packDir)) {
    const shown = relative(displayBase, file) || file;
    try {
      const parsed = parseYaml(readTextBounded(file, "parameter file"), shown);
      sources.push({ name: parameterName(packDir, file), file: shown, data: parsed.data, locate: parsed.locate });
    } catch (e) {
      if (e instanceof InputError) issues.push(...e.issues);
      else throw e;
    }
  }
  if (issues.length) throw new InputError(issues);
  return sources;
}

export function loadRegistry(packDir: string, displayBase?: string): Registry {
  return buildRegistry(readParameterSources(packDir, displayBase));
}

/** A short content hash of a data pack: every YAML file's path inside the pack and its bytes. */
export function dataPackHash(packDir: string): string {
  const h = createHash("sha256");
  for (const file of listYamlFiles(packDir)) {
    h.update(relative(packDir, file).split(sep).join("/"));
    h.update("\0");
    h.update(readFileSync(file));
    h.update("\0");
  }
  return h.digest("hex").slice(0, 16);
}

export interface DataPack {
  /** Absolute folder of the pack. */
  readonly dir: string;
  readonly registry: Registry;
  /** dataPackHash(dir): results computed on another pack carry another hash. */
  readonly hash: string;
}

/** Read and validate a data pack folder (throws InputError naming file, line and field). */
export function loadDataPack(dir: string, opts: { displayBase?: string } = {}): DataPack {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new InputError([{ file: dir, field: "", message: "no such data pack folder" }]);
  return { dir: abs, registry: loadRegistry(abs, opts.displayBase), hash: dataPackHash(abs) };
}

/** A scenario file from disk, with line lookup for its errors. */
export function readScenarioFile(file: string, shown: string = file): ScenarioSource {
  const parsed = parseYaml(readTextBounded(file, "scenario file"), shown);
  return { file: shown, data: parsed.data, locate: parsed.locate };
}

/** Finds `<name>.yaml` (or `.yml`) in the first of these folders that has it. */
export function scenarioFolderLookup(dirs: readonly string[], show: (file: string) => string = (f) => f): ScenarioLookup {
  return (name) => {
    // A name is a file name, never a path: `../x` must not read outside the folders.
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) || name.includes("..")) return undefined;
    for (const dir of dirs) {
      for (const ext of [".yaml", ".yml"]) {
        const f = join(dir, name + ext);
        if (existsSync(f) && statSync(f).isFile()) return readScenarioFile(f, show(f));
      }
    }
    return undefined;
  };
}

/** The names of the scenario files in a folder, sorted. */
export function listScenarioNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && statSync(join(dir, f)).isFile())
    .map((f) => f.replace(/\.ya?ml$/, ""))
    .sort();
}

/** A model on a data pack folder and scenario folders: `openModel({ data, scenarios }).model.run("nevp-2025-30")`. */
export function openModel(opts: { data: string; scenarios?: string | readonly string[] }): { model: Model; pack: DataPack; lookup: ScenarioLookup } {
  const pack = loadDataPack(opts.data);
  const dirs = opts.scenarios === undefined ? [] : typeof opts.scenarios === "string" ? [opts.scenarios] : opts.scenarios;
  const lookup = scenarioFolderLookup(dirs.map((d) => resolve(d)));
  return { model: new Model(pack.registry, lookup), pack, lookup };
}

const CORE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function codeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== "node") out.push(...codeFiles(full));
    } else if (/\.(ts|js)$/.test(entry) && !/\.(spec|d)\.ts$/.test(entry)) out.push(full);
  }
  return out;
}

let version: string | undefined;
/**
 * The model's version: the core's package version and a hash of its code (the sources in a checkout, the built
 * files in a published package), so a stored result from other model code is recognised as stale even when the
 * package version was not bumped.
 */
export function modelVersion(): string {
  if (version) return version;
  const pkg = JSON.parse(readFileSync(join(CORE_ROOT, "package.json"), "utf8")) as { version: string };
  const src = join(CORE_ROOT, "src");
  const files = codeFiles(existsSync(src) ? src : join(CORE_ROOT, "dist"));
  const h = createHash("sha256");
  for (const f of files) {
    h.update(relative(CORE_ROOT, f).split(sep).join("/"));
    h.update("\0");
    h.update(readFileSync(f));
  }
  version = `${pkg.version}+${h.digest("hex").slice(0, 12)}`;
  return version;
}
