// Reads a data pack folder from disk into the core's registry, with the core's one reader (@evplan/core/node):
// here only the command's own checks of the folder and its errors (CliError, printed without a stack trace).
// Loaded only when the compiled data pack cache has no entry (context.ts): it brings in the YAML parser and zod.
import { buildRegistry, type ParameterSource, type Registry } from "@evplan/core";
import { FileReadError, listYamlFiles, parameterName, readParameterSources as readSources } from "@evplan/core/node";
import { CliError, requireFolder } from "./context.js";

export { listYamlFiles, parameterName };

/** A file the core's reader refused is a usage error of the command. */
export function asCliError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FileReadError) throw new CliError(e.message);
    throw e;
  }
}

export function readParameterSources(packDir: string, displayBase = process.cwd()): ParameterSource[] {
  return asCliError(() => readSources(packDir, displayBase));
}

export function loadRegistry(packDir: string, displayBase?: string): Registry {
  requireFolder(packDir, "data pack", "--data or $EVPLAN_DATA", "--data");
  return buildRegistry(readParameterSources(packDir, displayBase));
}
