// Plain JSON of a value, with what JSON cannot hold taken out into patches `[path, tag, ...]` and put back after one
// JSON.parse (no reviver: a reviver call per value cost more than the parse). Every float64 comes back with its
// bits: NaN payloads, -0 and infinities included. One walker for both users: the CLI's compiled data pack (its
// Float64Arrays as base64 of their bytes, through Node's Buffer) and the web planner's build-time presets (as runs
// of bit-identical values: a series mostly holds its value from year to year, so a preset with its counterfactual
// is about a tenth of its plain base64). Pure: base64 is btoa/atob unless the caller brings a faster codec.

type Path = (string | number)[];
/** num: a number JSON cannot hold; u8, f64: bytes as base64; f64runs: run lengths and values; map: entries. */
type Patch = [Path, "num", string] | [Path, "u8", string] | [Path, "f64", string] | [Path, "f64runs", string, string] | [Path, "map", null];

export interface Base64Codec {
  readonly encode: (bytes: Uint8Array) => string;
  readonly decode: (text: string) => Uint8Array;
}

export interface CompactOptions {
  /** Float64Arrays as runs of bit-identical values (smaller when values repeat) instead of their bytes. */
  readonly runs?: boolean;
  readonly base64?: Base64Codec;
}

// In browsers and in Node alike (the core is built without the DOM's or Node's types).
const { btoa, atob } = globalThis as unknown as { btoa: (binary: string) => string; atob: (text: string) => string };

export const BASE64: Base64Codec = {
  encode(b) {
    let s = "";
    for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
    return btoa(s);
  },
  decode(text) {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  },
};

const bytesOf = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

export function encodeCompact(x: unknown, options: CompactOptions = {}): string {
  const b64 = options.base64 ?? BASE64;
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
      if (options.runs) {
        const [lengths, values] = runs(v);
        patches.push([[...path], "f64runs", b64.encode(bytesOf(lengths)), b64.encode(bytesOf(values))]);
      } else patches.push([[...path], "f64", b64.encode(bytesOf(v))]);
      return 0;
    }
    if (v instanceof Uint8Array) {
      patches.push([[...path], "u8", b64.encode(v)]);
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

/** The value back from `encodeCompact` text, whichever form its Float64Arrays took. `what` names it in errors. */
export function decodeCompact(text: string, what = "a compact entry", base64: Base64Codec = BASE64): unknown {
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
    else if (patch[1] === "f64") holder[key] = float64s(base64.decode(patch[2]));
    else if (patch[1] === "f64runs") holder[key] = unrun(base64.decode(patch[2]), base64.decode(patch[3]));
    else if (patch[1] === "u8") holder[key] = base64.decode(patch[2]);
    else if (patch[1] === "map") holder[key] = new Map(holder[key] as [unknown, unknown][]);
    else throw new Error(`unknown tag ${String((patch as unknown[])[1])} in ${what}`);
  }
  return root.data;
}

/** Bytes as float64s, copied (the bytes may not sit at a multiple of 8 in their buffer). */
function float64s(b: Uint8Array): Float64Array {
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/** Runs of bit-identical values: each run's length and its value. */
function runs(v: Float64Array): [Uint32Array, Float64Array] {
  const bits = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
  const lengths: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < v.length;) {
    let j = i + 1;
    while (j < v.length && bits[2 * j] === bits[2 * i] && bits[2 * j + 1] === bits[2 * i + 1]) j++;
    lengths.push(j - i);
    starts.push(i);
    i = j;
  }
  // The values copied by their bits (through the Uint32 view), not as numbers: a NaN keeps its payload.
  const out = new Float64Array(starts.length);
  const outBits = new Uint32Array(out.buffer);
  starts.forEach((at, k) => {
    outBits[2 * k] = bits[2 * at];
    outBits[2 * k + 1] = bits[2 * at + 1];
  });
  return [Uint32Array.from(lengths), out];
}

function unrun(lengthBytes: Uint8Array, valueBytes: Uint8Array): Float64Array {
  // Copied out first: base64 output need not sit at a multiple of 4 in its buffer.
  const lengths = new Uint32Array(lengthBytes.slice().buffer);
  const values = new Uint32Array(valueBytes.slice().buffer);
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
