// Reads a data pack folder from disk into the core's registry. The only place parameter files are read.
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { readTextBounded } from "./io-read.js";
import { CliError, shownPath } from "./context.js";
import { buildRegistry, parseYaml, InputError, type ParameterSource, type Registry, type InputIssue } from "@evplan/core";

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
  let isDir = false;
  try {
    isDir = statSync(packDir).isDirectory();
  } catch {
    throw new CliError(`no data pack folder at ${shownPath(packDir)} (--data or $EVPLAN_DATA)`);
  }
  if (!isDir) throw new CliError(`the data pack ${shownPath(packDir)} is a file; --data takes a folder`);
  return buildRegistry(readParameterSources(packDir, displayBase));
}
