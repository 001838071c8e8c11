// Exact percentiles over strided slices of large sweep buffers, stdlib-js style: (N, x, stride, offset), no
// allocation (the caller lends a scratch buffer). Linear interpolation between closest ranks (Hyndman-Fan type 7,
// the default of R and NumPy).

/** Percentile `p` in [0, 1] of N values already sorted ascending, read at x[offset + i*stride]. NaN when N = 0. */
export function dpercentileSorted(N: number, p: number, x: Float64Array, stride: number, offset: number): number {
  if (N <= 0) return NaN;
  const h = (N - 1) * p;
  const lo = Math.floor(h);
  const xl = x[offset + lo * stride];
  if (lo >= N - 1) return x[offset + (N - 1) * stride];
  const f = h - lo;
  if (f === 0) return xl;
  return xl + f * (x[offset + (lo + 1) * stride] - xl);
}

/**
 * Percentiles `probs` (each in [0, 1]) of N strided values x[offset + i*stride], written to
 * out[outOffset + j*outStride]. NaN values are left out. `scratch` must hold N values. Returns the number of
 * values used (not NaN).
 */
export function dpercentiles(
  N: number,
  x: Float64Array,
  stride: number,
  offset: number,
  probs: ArrayLike<number>,
  out: Float64Array,
  outStride: number,
  outOffset: number,
  scratch: Float64Array,
): number {
  let n = 0;
  for (let i = 0, ix = offset; i < N; i++, ix += stride) {
    const v = x[ix];
    if (v === v) scratch[n++] = v;
  }
  const s = n === scratch.length ? scratch : scratch.subarray(0, n);
  s.sort();
  for (let j = 0; j < probs.length; j++) out[outOffset + j * outStride] = dpercentileSorted(n, probs[j], s, 1, 0);
  return n;
}

/** Arithmetic mean of N strided values. */
export function dmean(N: number, x: Float64Array, stride: number, offset: number): number {
  let s = 0;
  for (let i = 0, ix = offset; i < N; i++, ix += stride) s += x[ix];
  return N > 0 ? s / N : NaN;
}

/** Sample variance (denominator N - 1) of N strided values, two-pass. */
export function dvariance(N: number, x: Float64Array, stride: number, offset: number): number {
  if (N < 2) return NaN;
  const m = dmean(N, x, stride, offset);
  let s = 0;
  for (let i = 0, ix = offset; i < N; i++, ix += stride) {
    const d = x[ix] - m;
    s += d * d;
  }
  return s / (N - 1);
}
