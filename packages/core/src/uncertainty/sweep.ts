// A sweep: `count` independent evaluations addressed by index, each writing a record of `width` numbers. Any split
// of the index range (chunks, threads, shards, machines) gives the same records, and the report is a pure function
// of (meta, records), so partial results merge exactly.

export interface SweepMeta {
  readonly kind: string;
  /** Number of evaluation records. */
  readonly count: number;
  /** Numbers per record. */
  readonly width: number;
}

export interface Sweep<M extends SweepMeta = SweepMeta> {
  readonly meta: M;
  /** Evaluate records from..to-1 into out[outOffset + (i - from) * width ...]. */
  runRange(from: number, to: number, out: Float64Array, outOffset?: number): void;
}

/** Shard k (0-based) of n: a contiguous index range; shards tile [0, count) exactly. */
export function shardRange(count: number, k: number, n: number): { from: number; to: number } {
  if (!(Number.isInteger(k) && Number.isInteger(n) && n >= 1 && k >= 0 && k < n)) throw new Error(`bad shard ${k}/${n}`);
  return { from: Math.floor((k * count) / n), to: Math.floor(((k + 1) * count) / n) };
}

/** Run a whole sweep (or one range of it) in this thread, in chunks, reporting progress after each chunk. */
export function runSweep(
  sweep: Sweep,
  opts: { from?: number; to?: number; chunk?: number; onProgress?: (done: number, total: number) => void } = {},
): Float64Array {
  const from = opts.from ?? 0;
  const to = opts.to ?? sweep.meta.count;
  const w = sweep.meta.width;
  const out = new Float64Array((to - from) * w);
  const chunk = Math.max(1, opts.chunk ?? 64);
  for (let i = from; i < to; i += chunk) {
    const j = Math.min(to, i + chunk);
    sweep.runRange(i, j, out, (i - from) * w);
    opts.onProgress?.(j - from, to - from);
  }
  return out;
}

/** A short fingerprint of numeric buffers (FNV-1a over their bytes), so merges can refuse shards of other inputs. */
export function fingerprint(...buffers: Float64Array[]): string {
  let h = 0x811c9dc5;
  for (const b of buffers) {
    const u = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
    for (let i = 0; i < u.length; i++) {
      h ^= u[i];
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
