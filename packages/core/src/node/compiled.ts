// The compiled data pack as JSON: a validated registry and compiled scenarios, written once and read back exactly
// (every float64 bit, infinities and -0 included), with no schema code and no YAML parser. Paths are stored absolute
// and shown relative to the working folder when read back, as a fresh compilation would show them.
import { isAbsolute, join, relative, resolve } from "node:path";
import { linkRegistry, storedParameter, type Registry, type StoredParameter } from "../registry/registry.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import type { CheckedScenario } from "../analysis/model.js";
import { decodeCompact, encodeCompact, type Base64Codec } from "../io/compact-json.js";

/** Node's base64, several times faster than btoa/atob over a data pack's megabytes. */
const NODE_BASE64: Base64Codec = {
  encode: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64"),
  decode: (text) => {
    const b = Buffer.from(text, "base64");
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
};

/** The compact JSON form (io/compact-json.ts), typed arrays as base64 of their bytes. */
export function encodeJson(x: unknown): string {
  return encodeCompact(x, { base64: NODE_BASE64 });
}

export function decodeJson(text: string): unknown {
  return decodeCompact(text, "a compiled entry", NODE_BASE64);
}

/** How a path is shown to the user: relative to `base` (the working folder) when it is inside it. */
function shownFrom(base: string, abs: string): string {
  const r = relative(base, abs);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : abs;
}

/** A stored parameter as the compiled pack writes it: its file by its path inside the pack. */
interface PackParameter extends Omit<StoredParameter, "file"> {
  /** The file's path inside the pack. */
  readonly packFile: string;
}

/**
 * The registry as plain data. `packDir` is the pack folder and `displayBase` the folder its files were shown
 * relative to when read; each file is stored by its path inside the pack.
 */
export function registryToJson(registry: Registry, packDir: string, displayBase: string): string {
  const parameters: PackParameter[] = [];
  for (const p of registry.parameters.values()) {
    const { series, file, ...rest } = storedParameter(p);
    parameters.push({ ...rest, packFile: relative(packDir, resolve(displayBase, file)), series });
  }
  return encodeJson({ parameters });
}

/** The registry back from registryToJson, its files shown relative to `displayBase` as loadRegistry shows them. */
export function registryFromJson(text: string, packDir: string, displayBase: string = process.cwd()): Registry {
  const { parameters: stored } = decodeJson(text) as { parameters: PackParameter[] };
  return linkRegistry(
    stored.map(({ packFile, series, ...rest }) => {
      const abs = join(packDir, packFile);
      return { ...rest, file: relative(displayBase, abs) || abs, series };
    }),
  );
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function withFiles(c: CompiledScenario, map: (file: string) => string): CompiledScenario {
  return { ...c, file: map(c.file), overrides: c.overrides.map((o) => ({ ...o, file: map(o.file) })) } as Mutable<CompiledScenario>;
}

/** A scenario and its counterfactual as plain data; file paths (shown relative to `displayBase`) stored absolute. */
export function checkedToJson(checked: CheckedScenario, displayBase: string): string {
  const abs = (f: string) => resolve(displayBase, f);
  return encodeJson({
    scenario: withFiles(checked.scenario, abs),
    counterfactual: checked.counterfactual && withFiles(checked.counterfactual, abs),
  });
}

export function checkedFromJson(text: string, displayBase: string = process.cwd()): CheckedScenario {
  const raw = decodeJson(text) as CheckedScenario;
  const show = (f: string) => shownFrom(displayBase, f);
  return { scenario: withFiles(raw.scenario, show), counterfactual: raw.counterfactual && withFiles(raw.counterfactual, show) };
}
