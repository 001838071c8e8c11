// What the build made for the worker (vite.config.ts, evplanPack), read back: the registry it validated (one
// JSON.parse and the maps rebuilt, instead of running the data pack's schemas over 137 files at every start), and
// each preset compiled with its counterfactual.
import type { Parameter, Registry, Series } from "@evplan/core/runtime";

type Stored = Omit<Parameter, "series"> & { series: Omit<Series, "parameter">[] };

export function registryFromText(text: string): Registry {
  // Written with the core's encodeJson (vite.config.ts): one parse without a reviver, which cost more than the parse.
  const stored = decodeCompiled(text) as Stored[];
  const parameters = new Map<string, Parameter>();
  const series = new Map<string, Series>();
  for (const sp of stored) {
    const param = { ...sp, series: [] as Series[] };
    for (const s of sp.series) {
      const full: Series = { ...s, parameter: param };
      param.series.push(full);
      series.set(full.name, full);
    }
    parameters.set(param.name, param);
  }
  return { parameters, series };
}

/**
 * A preset compiled at build time with its counterfactual (vite.config.ts: the core's `encodeJson`), read back
 * exactly as `decodeJson` in @evplan/core/node/compiled reads it, with the browser's base64 decoder instead of
 * Node's Buffer: one JSON.parse, then each typed array (its bytes in base64), Map and special number patched in.
 */
export function decodeCompiled(text: string): unknown {
  const { data, patches } = JSON.parse(text) as { data: unknown; patches: [(string | number)[], string, string | null][] };
  const root: Record<string, unknown> = { data };
  // Last to first: a Map's entries (listed after it) are whole before the Map is built.
  for (let i = patches.length - 1; i >= 0; i--) {
    const [path, tag, val] = patches[i];
    let holder = root;
    let key: string | number = "data";
    for (const k of path) {
      if (k === "$map") continue;
      holder = holder[key] as Record<string, unknown>;
      key = k;
    }
    if (tag === "num") holder[key] = val === "-0" ? -0 : Number(val);
    else if (tag === "f64") {
      const bytes = base64Bytes(val!);
      const out = new Float64Array(bytes.length / 8);
      new Uint8Array(out.buffer).set(bytes);
      holder[key] = out;
    } else if (tag === "u8") holder[key] = base64Bytes(val!);
    else if (tag === "map") holder[key] = new Map(holder[key] as [unknown, unknown][]);
    else throw new Error(`unknown tag ${tag} in a compiled preset`);
  }
  return root.data;
}

function base64Bytes(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
