// The command's use of the compiled data pack cache (@evplan/core/node/cache): the registry of a pack, and each
// scenario compiled with its counterfactual, stored as JSON under a content hash of every file that goes in and of
// the core's code. Entries `npm run build` wrote for the built-in pack and scenarios (packages/cli/dist/compiled)
// are read first-hand; others go to the cache folder (docs/performance.md, "Data pack and CLI start").
import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckedScenario, Registry } from "@evplan/core/runtime";
import { cacheDir, codeVersion, filesDigest, readEntry, writeEntry, yamlFilesIn, type CacheLocation } from "@evplan/core/node/cache";
import { checkedFromJson, checkedToJson, registryFromJson, registryToJson } from "@evplan/core/node/compiled";

/** Entries built with the package for the built-in pack and scenarios (scripts/compile-pack.mjs). */
export const BUILT_CACHE = resolve(dirname(fileURLToPath(import.meta.url)), "..", "dist", "compiled");

export function cacheLocation(env: NodeJS.ProcessEnv = process.env): CacheLocation {
  const dir = cacheDir(env);
  // EVPLAN_CACHE=off turns off the built entries too, so a run without any cache can be compared with one.
  return { dir, readOnly: env.EVPLAN_CACHE === "off" ? [] : [BUILT_CACHE] };
}

const packKeys = new Map<string, string | undefined>();

/** The pack's key: its files' paths and bytes, and the code; undefined if a file cannot be hashed. */
export function packKey(dir: string): string | undefined {
  if (packKeys.has(dir)) return packKeys.get(dir);
  const memo = cacheDir();
  const files = filesDigest(memo, dir, yamlFilesIn(dir, true));
  const key =
    files &&
    createHash("sha256")
      .update(`pack\0${codeVersion(memo)}\0${files}`)
      .digest("hex");
  packKeys.set(dir, key);
  return key;
}

export function cachedRegistry(dir: string): { registry?: Registry; store: (r: Registry) => void } {
  const where = cacheLocation();
  const off = !where.dir && where.readOnly.length === 0;
  const key = off ? undefined : packKey(dir);
  const store = (r: Registry) => {
    if (key) writeEntry(where.dir, "pack", key, registryToJson(r, dir, process.cwd()));
  };
  const body = key && readEntry(where, "pack", key);
  if (body) {
    try {
      return { registry: registryFromJson(body, dir), store };
    } catch {
      // A body that passed its checksum but does not decode (an older layout): compiled again.
    }
  }
  return { store };
}

/** The scenario's key: the pack's, the argument, and every scenario file the lookup can reach (paths and bytes). */
function scenarioKey(packDir: string, arg: { name: string } | { file: string }, dirs: readonly string[]): string | undefined {
  const pk = packKey(packDir);
  if (!pk) return undefined;
  const h = createHash("sha256").update("scenario\0").update(pk).update("\0").update(process.cwd()).update("\0");
  h.update("name" in arg ? `name:${arg.name}` : `file:${arg.file}`).update("\0");
  const memo = cacheDir();
  const parts = [
    ...("file" in arg ? [filesDigest(memo, dirname(arg.file), [arg.file])] : []),
    ...dirs.map((d) => `${d}\0${filesDigest(memo, d, yamlFilesIn(d, false))}`),
  ];
  if (parts.some((p) => p === undefined || p.endsWith("\0undefined"))) return undefined;
  return h.update(parts.join("\0")).digest("hex");
}

export function cachedChecked(
  packDir: string,
  arg: { name: string } | { file: string },
  dirs: readonly string[],
): { hit?: { name: string; body: string }; store: (c: CheckedScenario) => string | undefined } {
  const where = cacheLocation();
  const off = !where.dir && where.readOnly.length === 0;
  const key = off ? undefined : scenarioKey(packDir, arg, dirs);
  const store = (c: CheckedScenario): string | undefined => {
    if (!key) return undefined;
    const body = checkedToJson(c, process.cwd());
    writeEntry(where.dir, "scenario", key, `${c.scenario.name}\n${body}`);
    return body;
  };
  const text = key && readEntry(where, "scenario", key);
  if (text) {
    const nl = text.indexOf("\n");
    // Whole and for this key (readEntry checked its SHA-256); the code that wrote it is the code reading it.
    if (nl > 0) return { hit: { name: text.slice(0, nl), body: text.slice(nl + 1) }, store };
  }
  return { store };
}

export const storeChecked = {
  decode: (body: string): CheckedScenario => checkedFromJson(body, process.cwd()),
};

/** Where the run-time entries go, for messages and docs. */
export const cacheFolderText = (): string => cacheDir() ?? "(off)";
