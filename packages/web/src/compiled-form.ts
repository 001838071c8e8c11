// The compact form of what the build compiles for the worker (vite.config.ts writes it, the worker reads it back):
// plain JSON, with what JSON cannot hold taken out into patches `[path, tag, value]` and applied after one
// JSON.parse (no reviver: a reviver call per value cost more than the parse). Float64Arrays, a compiled scenario's
// parameter buffers, go as runs of equal values (a series' value mostly holds from year to year: 19,663 of 21,270
// cells of nevp-2025-30 repeat the one before), so a preset with its counterfactual is about a tenth of its bytes as
// plain base64. Every float64 comes back with its bits (NaN payloads, -0 and infinities included). Pure: it runs in
// Node at build time and in the worker (btoa and atob are in both).

type Path = (string | number)[];
type Patch = [Path, "num", string] | [Path, "u8", string] | [Path, "f64", string, string] | [Path, "map", null];

export function encodeCompiled(x: unknown): string {
  const patches: Patch[] = [];
  const path: Path = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === "number") {
      if (Number.isFinite(v) && !Object.is(v, -0)) return v;
      patches.push([[...path], "num", Object.is(v, -0) ? "-0" : String(v)]);
      return 0;
    }
    if (v === null || typeof v !== "object") return v;
    if (v instanceof Float64Array) {
      const [lengths, values] = runs(v);
      patches.push([[...path], "f64", base64(new Uint8Array(lengths.buffer)), base64(new Uint8Array(values.buffer))]);
      return 0;
    }
    if (v instanceof Uint8Array) {
      patches.push([[...path], "u8", base64(v)]);
      return 0;
    }
    if (ArrayBuffer.isView(v)) throw new Error(`${v.constructor.name} has no compact form`);
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

export function decodeCompiled(text: string): unknown {
  const { data, patches } = JSON.parse(text) as { data: unknown; patches: Patch[] };
  const root: Record<string, unknown> = { data };
  // Last to first: a Map's entries (listed after it) are whole before the Map is built.
  for (let i = patches.length - 1; i >= 0; i--) {
    const patch = patches[i];
    let holder = root;
    let key: string | number = "data";
    for (const k of patch[0]) {
      if (k === "$map") continue;
      holder = holder[key] as Record<string, unknown>;
      key = k;
    }
    if (patch[1] === "num") holder[key] = patch[2] === "-0" ? -0 : Number(patch[2]);
    else if (patch[1] === "f64") holder[key] = unrun(bytes(patch[2]), bytes(patch[3]));
    else if (patch[1] === "u8") holder[key] = bytes(patch[2]);
    else if (patch[1] === "map") holder[key] = new Map(holder[key] as [unknown, unknown][]);
    else throw new Error(`unknown tag ${String((patch as unknown[])[1])} in a compiled preset`);
  }
  return root.data;
}

/** Runs of bit-identical values: each run's length and its value. */
function runs(v: Float64Array): [Uint32Array, Float64Array] {
  const bits = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
  const lengths: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < v.length;) {
    let j = i + 1;
    while (j < v.length && bits[2 * j] === bits[2 * i] && bits[2 * j + 1] === bits[2 * i + 1]) j++;
    lengths.push(j - i);
    values.push(i);
    i = j;
  }
  // The values copied by their bits (through the Uint32 view), not as numbers: a NaN keeps its payload.
  const out = new Float64Array(values.length);
  const outBits = new Uint32Array(out.buffer);
  values.forEach((at, k) => {
    outBits[2 * k] = bits[2 * at];
    outBits[2 * k + 1] = bits[2 * at + 1];
  });
  return [Uint32Array.from(lengths), out];
}

function unrun(lengthBytes: Uint8Array, valueBytes: Uint8Array): Float64Array {
  const lengths = new Uint32Array(lengthBytes.buffer, lengthBytes.byteOffset, lengthBytes.byteLength / 4);
  const values = new Uint32Array(valueBytes.buffer, valueBytes.byteOffset, valueBytes.byteLength / 4);
  let n = 0;
  for (const l of lengths) n += l;
  const out = new Float64Array(n);
  const bits = new Uint32Array(out.buffer);
  for (let k = 0, at = 0; k < lengths.length; k++)
    for (let e = at + lengths[k]; at < e; at++) {
      bits[2 * at] = values[2 * k];
      bits[2 * at + 1] = values[2 * k + 1];
    }
  return out;
}

function base64(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

function bytes(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
