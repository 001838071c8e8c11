// The compiled data pack as JSON: a validated registry and compiled scenarios, written once and read back exactly
// (every float64 bit, infinities and -0 included), with no schema code and no YAML parser. Paths are stored absolute
// and shown relative to the working folder when read back, as a fresh compilation would show them.
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Parameter, Registry, Series } from "../registry/registry.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import type { CheckedScenario } from "../analysis/model.js";

/**
 * Plain JSON of a value, with what JSON cannot hold (typed arrays, Maps, infinities, NaN, -0) taken out into a list
 * of patches `[path, tag, text]`: typed arrays as base64 of their bytes, Maps as entry lists. Decoding is then one
 * JSON.parse without a reviver (a reviver call per value cost more than the parse) and a patch per special value.
 */
export function encodeJson(x: unknown): string {
  const patches: [(string | number)[], string, unknown][] = [];
  const path: (string | number)[] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === "number") {
      if (Number.isFinite(v) && !Object.is(v, -0)) return v;
      patches.push([[...path], "num", Object.is(v, -0) ? "-0" : String(v)]);
      return 0;
    }
    if (v === null || typeof v !== "object") return v;
    if (v instanceof Float64Array || v instanceof Uint8Array) {
      patches.push([[...path], v instanceof Float64Array ? "f64" : "u8", Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64")]);
      return 0;
    }
    if (v instanceof Map) {
      // Listed before its entries' patches, so applied after them (patches are applied last to first).
      patches.push([[...path], "map", null]);
      path.push("$map");
      const inner = walk([...v.entries()]);
      path.pop();
      return inner;
    }
    if (Array.isArray(v)) {
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        out[i] = walk(v[i]);
        path.pop();
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined || typeof val === "function") continue;
      path.push(k);
      out[k] = walk(val);
      path.pop();
    }
    return out;
  };
  const data = walk(x);
  return JSON.stringify({ data, patches });
}

export function decodeJson(text: string): unknown {
  const { data, patches } = JSON.parse(text) as { data: unknown; patches: [(string | number)[], string, string | null][] };
  const root = { data };
  // Last to first: a Map's entries (listed after it) are whole before the Map is built.
  for (let i = patches.length - 1; i >= 0; i--) {
    const [p, tag, val] = patches[i];
    let holder: Record<string | number, unknown> = root;
    let key: string | number = "data";
    for (const k of p) {
      if (k === "$map") continue;
      holder = holder[key] as Record<string | number, unknown>;
      key = k;
    }
    if (tag === "num") holder[key] = val === "-0" ? -0 : Number(val);
    else if (tag === "f64") {
      const b = Buffer.from(val!, "base64");
      const out = new Float64Array(b.length / 8);
      new Uint8Array(out.buffer).set(b);
      holder[key] = out;
    } else if (tag === "u8") holder[key] = new Uint8Array(Buffer.from(val!, "base64"));
    else if (tag === "map") holder[key] = new Map(holder[key] as [unknown, unknown][]);
    else throw new Error(`unknown tag ${tag} in a compiled entry`);
  }
  return root.data;
}

/** How a path is shown to the user: relative to `base` (the working folder) when it is inside it. */
function shownFrom(base: string, abs: string): string {
  const r = relative(base, abs);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : abs;
}

interface StoredParameter extends Omit<Parameter, "series" | "file"> {
  /** The file's path inside the pack. */
  readonly packFile: string;
  readonly series: Omit<Series, "parameter">[];
}

/**
 * The registry as plain data. `packDir` is the pack folder and `displayBase` the folder its files were shown
 * relative to when read; each file is stored by its path inside the pack.
 */
export function registryToJson(registry: Registry, packDir: string, displayBase: string): string {
  const parameters: StoredParameter[] = [];
  for (const p of registry.parameters.values()) {
    const { series, file, ...rest } = p;
    const abs = resolve(displayBase, file);
    parameters.push({ ...rest, packFile: relative(packDir, abs), series: series.map(({ parameter: _p, ...s }) => s) });
  }
  return encodeJson({ parameters });
}

/** The registry back from registryToJson, its files shown relative to `displayBase` as loadRegistry shows them. */
export function registryFromJson(text: string, packDir: string, displayBase: string = process.cwd()): Registry {
  const { parameters: stored } = decodeJson(text) as { parameters: StoredParameter[] };
  const parameters = new Map<string, Parameter>();
  const series = new Map<string, Series>();
  for (const sp of stored) {
    const { packFile, series: ss, ...rest } = sp;
    const abs = join(packDir, packFile);
    const param = { ...rest, file: relative(displayBase, abs) || abs, series: [] as Series[] } as Parameter & { series: Series[] };
    for (const s of ss) {
      const full: Series = { ...s, parameter: param };
      param.series.push(full);
      series.set(full.name, full);
    }
    parameters.set(param.name, param);
  }
  return { parameters, series };
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
