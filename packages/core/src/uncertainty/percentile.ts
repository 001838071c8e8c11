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
 * Place the k-th smallest of x[left..right] at x[k], with everything before it no larger and everything after it
 * no smaller (Hoare partitioning around a median of three, as in Numerical Recipes' `select`: linear on average,
 * and fast on many equal values). Returns x[k].
 */
export function dselect(x: Float64Array, k: number, left: number, right: number): number {
  let l = left;
  let ir = right;
  for (;;) {
    if (ir <= l + 1) {
      if (ir === l + 1 && x[ir] < x[l]) swap(x, l, ir);
      return x[k];
    }
    const mid = (l + ir) >>> 1;
    swap(x, mid, l + 1);
    if (x[l] > x[ir]) swap(x, l, ir);
    if (x[l + 1] > x[ir]) swap(x, l + 1, ir);
    if (x[l] > x[l + 1]) swap(x, l, l + 1);
    let i = l + 1;
    let j = ir;
    const a = x[l + 1];
    for (;;) {
      do i++;
      while (x[i] < a);
      do j--;
      while (x[j] > a);
      if (j < i) break;
      swap(x, i, j);
    }
    x[l + 1] = x[j];
    x[j] = a;
    if (j >= k) ir = j - 1;
    if (j <= k) l = i;
  }
}

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i];
  x[i] = x[j];
  x[j] = t;
}

/**
 * Percentiles `probs` (each in [0, 1]) of N strided values x[offset + i*stride], written to
 * out[outOffset + j*outStride]. Exact order statistics by selection, not a full sort. NaN values are left out.
 * `scratch` must hold N values. Returns the number of values used (not NaN).
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
  // Once the k-th smallest sits at scratch[k] (everything after it no smaller), scratch[k..n-1] holds exactly the
  // order statistics k..n-1: a larger rank is selected within that tail. With ascending probabilities (the
  // reports' p5..p95) each selection so works on what is left, not on all n values. The values are the same order
  // statistics whatever the range searched, so the result does not change.
  let from = 0;
  for (let j = 0; j < probs.length; j++) {
    let v = NaN;
    if (n > 0) {
      const h = (n - 1) * probs[j];
      const lo = Math.floor(h);
      if (lo < from) from = 0;
      v = dselect(scratch, lo, from, n - 1);
      from = lo;
      const f = h - lo;
      if (f > 0 && lo < n - 1) {
        // The next order statistic is the smallest of those after lo.
        // scratch[lo..n-1] still holds the order statistics lo..n-1 after this.
        const next = dselect(scratch, lo + 1, lo + 1, n - 1);
        v += f * (next - v);
      }
    }
    out[outOffset + j * outStride] = v;
  }
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
