// Variance-based sensitivity: Saltelli's sampling design and Jansen's estimators of first-order and total-order
// Sobol indices, with seeded bootstrap confidence intervals. Model-free: the design maps an evaluation index to
// uniforms, the estimators read the outputs.
import { mix32, uniformAt } from "./random.js";
import { dpercentileSorted } from "./percentile.js";

/**
 * The Saltelli design for k inputs and N base samples has N*(k+2) evaluations. Evaluation e belongs to base sample
 * j = floor(e / (k+2)) and is, by r = e mod (k+2): r = 0 the row A_j, r = 1 the row B_j, r = 2+i the row A_j with
 * column i taken from B_j (AB_i). A and B are independent uniform streams of the same index, so a design is
 * reproducible by index, whatever the split of evaluations.
 */
export function saltelliPoint(e: number, k: number, seed: number, keys: Uint32Array, out: Float64Array): void {
  const j = Math.floor(e / (k + 2));
  const r = e - j * (k + 2);
  const seedB = mix32(seed ^ 0x2545f491);
  for (let d = 0; d < k; d++) {
    const fromB = r === 1 || r === d + 2;
    out[d] = uniformAt(fromB ? seedB : seed, j, keys[d]);
  }
}

export interface SobolIndices {
  /** Variance of the output over the A and B rows. */
  readonly variance: number;
  readonly first: Float64Array;
  readonly total: Float64Array;
}

/**
 * Jansen's estimators over base samples `idx` (or 0..N-1) of outputs y laid out as the Saltelli design
 * (y[j*(k+2) + r]). First order: S_i = (V - mean((yB - yAB_i)^2) / 2) / V; total order:
 * ST_i = mean((yA - yAB_i)^2) / 2 / V; V is the variance of the pooled A and B outputs.
 */
export function jansenIndices(y: Float64Array, N: number, k: number, first: Float64Array, total: Float64Array, idx?: Int32Array): number {
  const w = k + 2;
  let s = 0;
  let ss = 0;
  // Shifted sums for a stable variance.
  const shift = y[(idx ? idx[0] : 0) * w];
  for (let m = 0; m < N; m++) {
    const j = idx ? idx[m] : m;
    const a = y[j * w] - shift;
    const b = y[j * w + 1] - shift;
    s += a + b;
    ss += a * a + b * b;
  }
  const n2 = 2 * N;
  const V = (ss - (s * s) / n2) / (n2 - 1);
  for (let i = 0; i < k; i++) {
    let dB = 0;
    let dA = 0;
    for (let m = 0; m < N; m++) {
      const j = idx ? idx[m] : m;
      const ya = y[j * w];
      const yb = y[j * w + 1];
      const yab = y[j * w + 2 + i];
      dB += (yb - yab) * (yb - yab);
      dA += (ya - yab) * (ya - yab);
    }
    first[i] = V > 0 ? (V - dB / (2 * N)) / V : NaN;
    total[i] = V > 0 ? dA / (2 * N) / V : NaN;
  }
  return V;
}

export interface SobolResult extends SobolIndices {
  readonly confidence: number;
  readonly bootstrap: number;
  readonly firstLow: Float64Array;
  readonly firstHigh: Float64Array;
  readonly totalLow: Float64Array;
  readonly totalHigh: Float64Array;
}

/** Indices with percentile bootstrap intervals: `resamples` resamplings of the N base samples, seeded by index. */
export function sobolWithBootstrap(y: Float64Array, N: number, k: number, opts: { resamples?: number; confidence?: number; seed?: number } = {}): SobolResult {
  const B = opts.resamples ?? 200;
  const conf = opts.confidence ?? 0.95;
  const seed = mix32((opts.seed ?? 1) ^ 0x0b007);
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  const variance = jansenIndices(y, N, k, first, total);
  const bf = new Float64Array(B * k);
  const bt = new Float64Array(B * k);
  const idx = new Int32Array(N);
  const f = new Float64Array(k);
  const t = new Float64Array(k);
  for (let b = 0; b < B; b++) {
    for (let m = 0; m < N; m++) idx[m] = Math.floor(uniformAt(seed, b, m) * N);
    jansenIndices(y, N, k, f, t, idx);
    for (let i = 0; i < k; i++) {
      bf[i * B + b] = f[i];
      bt[i * B + b] = t[i];
    }
  }
  const lo = (1 - conf) / 2;
  const hi = 1 - lo;
  const firstLow = new Float64Array(k);
  const firstHigh = new Float64Array(k);
  const totalLow = new Float64Array(k);
  const totalHigh = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const sf = bf.subarray(i * B, (i + 1) * B).sort();
    const st = bt.subarray(i * B, (i + 1) * B).sort();
    firstLow[i] = dpercentileSorted(B, lo, sf, 1, 0);
    firstHigh[i] = dpercentileSorted(B, hi, sf, 1, 0);
    totalLow[i] = dpercentileSorted(B, lo, st, 1, 0);
    totalHigh[i] = dpercentileSorted(B, hi, st, 1, 0);
  }
  return { variance, first, total, confidence: conf, bootstrap: B, firstLow, firstHigh, totalLow, totalHigh };
}
