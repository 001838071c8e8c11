// Streaming percentiles for Monte Carlo runs too large to keep every record (issue 18: a million samples in under
// 2 GB). Each record column gets a log-bucketed histogram of relative accuracy ALPHA (the DDSketch construction of
// Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile sketch with relative-error guarantees",
// VLDB 2019): a value x > 0 falls in bucket k = ceil(ln x / ln g), g = (1 + ALPHA) / (1 - ALPHA), and bucket k
// stands for 2 g^k / (g + 1), within ALPHA of every value in (g^(k-1), g^k]. Negative values go to a second
// histogram by magnitude, zeros and infinities are counted exactly, NaNs are left out (as the exact percentiles do).
//
// Counts are integers, so merging sketches is addition: the summary is a function of the multiset of values
// alone, the same for any split of the samples into chunks, threads or shards, in any order. Each histogram holds
// at most MAX_BUCKETS buckets below its largest; a value smaller in magnitude than that (about 1e-7 of the largest
// magnitude of its sign in the column) is counted in the lowest bucket kept. Where that happens is also a function
// of the values alone (the lowest bucket kept is MAX_BUCKETS - 1 below the largest bucket), so order still does
// not matter.

/** Relative accuracy of every percentile read from a sketch (see `sketchPercentile`). */
export const SKETCH_RELATIVE_ERROR = 0.001;
const GAMMA = (1 + SKETCH_RELATIVE_ERROR) / (1 - SKETCH_RELATIVE_ERROR);
const LN_GAMMA = Math.log(GAMMA);
/** Buckets kept per histogram: magnitudes down to GAMMA^-(MAX_BUCKETS-1), about 7.6e-8, of the largest. */
export const SKETCH_MAX_BUCKETS = 8192;
const EMPTY = new Uint32Array(0);

/** Bucket of a finite x > 0. */
export function sketchBucket(x: number): number {
  return Math.ceil(Math.log(x) / LN_GAMMA);
}

/** The value bucket k stands for: within SKETCH_RELATIVE_ERROR of every value in it. */
export function sketchValue(k: number): number {
  return (2 * Math.exp(k * LN_GAMMA)) / (GAMMA + 1);
}

/** Counts by bucket index over a dense window [base, base + counts.length); occupied buckets minK..maxK. */
export class MagnitudeHistogram {
  counts: Uint32Array = EMPTY;
  base = 0;
  minK = 0;
  maxK = -1;
  n = 0;

  add(k: number, c: number): void {
    if (this.n === 0) {
      this.minK = k;
      this.maxK = k;
      this.window(k, k);
    } else if (k > this.maxK) {
      // The lowest bucket kept moves up with the largest: what falls below it is folded into it. minK bounds the
      // occupied buckets from below (it may name an empty one; readers skip empty buckets).
      const floor = k - SKETCH_MAX_BUCKETS + 1;
      let folded = 0;
      if (this.minK < floor) {
        const top = Math.min(this.maxK, floor - 1);
        for (let i = this.minK; i <= top; i++) {
          folded += this.counts[i - this.base];
          this.counts[i - this.base] = 0;
        }
        this.minK = floor;
      }
      this.maxK = k;
      this.window(this.minK, k);
      if (folded !== 0) this.counts[floor - this.base] += folded;
    } else {
      const floor = this.maxK - SKETCH_MAX_BUCKETS + 1;
      if (k < floor) k = floor;
      if (k < this.minK) {
        this.minK = k;
        this.window(k, this.maxK);
      }
    }
    this.counts[k - this.base] += c;
    this.n += c;
  }

  /** Make the window hold buckets lo..hi, keeping the counts (room doubles, so growth is amortised). */
  private window(lo: number, hi: number): void {
    const len = this.counts.length;
    if (lo >= this.base && hi < this.base + len) return;
    const need = hi - lo + 1;
    let size = Math.max(64, len);
    while (size < need * 2 && size < 2 * SKETCH_MAX_BUCKETS) size *= 2;
    if (size < need) size = need;
    const next = new Uint32Array(size);
    const base = lo - ((size - need) >> 1);
    for (let i = 0; i < len; i++) {
      const c = this.counts[i];
      if (c !== 0) next[this.base + i - base] = c;
    }
    this.counts = next;
    this.base = base;
  }

  merge(o: MagnitudeHistogram): void {
    if (o.n === 0) return;
    // Largest first, so the lowest bucket kept is settled before the small ones arrive (any order gives the same).
    for (let k = o.maxK; k >= o.minK; k--) {
      const c = o.counts[k - o.base];
      if (c !== 0) this.add(k, c);
    }
  }
}

/** A sketch of one column: negatives by magnitude, zeros, positives, infinities; NaNs counted apart. */
export class ColumnSketch {
  readonly pos = new MagnitudeHistogram();
  readonly neg = new MagnitudeHistogram();
  zeros = 0;
  posInf = 0;
  negInf = 0;
  nans = 0;

  add(x: number): void {
    if (x > 0) {
      if (x === Infinity) this.posInf++;
      else this.pos.add(sketchBucket(x), 1);
    } else if (x < 0) {
      if (x === -Infinity) this.negInf++;
      else this.neg.add(sketchBucket(-x), 1);
    } else if (x === 0) this.zeros++;
    else this.nans++;
  }

  /** Add n values x[offset + i*stride]: one column of a block of records, so its histograms stay in cache. */
  addStrided(x: Float64Array, offset: number, stride: number, n: number): void {
    for (let i = 0, ix = offset; i < n; i++, ix += stride) this.add(x[ix]);
  }

  merge(o: ColumnSketch): void {
    this.pos.merge(o.pos);
    this.neg.merge(o.neg);
    this.zeros += o.zeros;
    this.posInf += o.posInf;
    this.negInf += o.negInf;
    this.nans += o.nans;
  }

  /** Values counted (NaNs left out). */
  get count(): number {
    return this.negInf + this.neg.n + this.zeros + this.pos.n + this.posInf;
  }

  /** The r-th smallest value (0-based) as the sketch knows it. */
  valueAtRank(r: number): number {
    let left = r;
    if (left < this.negInf) return -Infinity;
    left -= this.negInf;
    const g = this.neg;
    if (left < g.n) {
      for (let k = g.maxK; k >= g.minK; k--) {
        left -= g.counts[k - g.base];
        if (left < 0) return -sketchValue(k);
      }
    }
    left -= g.n;
    if (left < this.zeros) return 0;
    left -= this.zeros;
    const h = this.pos;
    if (left < h.n) {
      for (let k = h.minK; k <= h.maxK; k++) {
        left -= h.counts[k - h.base];
        if (left < 0) return sketchValue(k);
      }
    }
    return Infinity;
  }
}

/**
 * Percentile p in [0, 1] of a sketched column by the exact percentiles' rule (Hyndman-Fan type 7: linear between
 * the order statistics floor(h) and floor(h) + 1, h = (n - 1) p), each order statistic read from its bucket. So
 * each order statistic is within SKETCH_RELATIVE_ERROR of the exact one (relative to itself), and the percentile
 * is too when the two have the same sign (within that fraction of the larger magnitude otherwise).
 */
export function sketchPercentile(s: ColumnSketch, p: number): number {
  const n = s.count;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const xl = s.valueAtRank(lo);
  if (lo >= n - 1) return xl;
  const f = h - lo;
  if (f === 0) return xl;
  return xl + f * (s.valueAtRank(lo + 1) - xl);
}

/** Plain data for crossing into and out of worker threads (structured clone). */
export interface HistogramData {
  readonly counts: Uint32Array;
  readonly base: number;
  readonly minK: number;
  readonly maxK: number;
  readonly n: number;
}
export interface ColumnSketchData {
  readonly pos: HistogramData;
  readonly neg: HistogramData;
  readonly zeros: number;
  readonly posInf: number;
  readonly negInf: number;
  readonly nans: number;
}

function histogramData(h: MagnitudeHistogram): HistogramData {
  // Only the occupied window travels.
  const counts = h.n === 0 ? EMPTY : h.counts.slice(h.minK - h.base, h.maxK - h.base + 1);
  return { counts, base: h.minK, minK: h.minK, maxK: h.maxK, n: h.n };
}

export function sketchToData(s: ColumnSketch): ColumnSketchData {
  return { pos: histogramData(s.pos), neg: histogramData(s.neg), zeros: s.zeros, posInf: s.posInf, negInf: s.negInf, nans: s.nans };
}

function histogramFrom(d: HistogramData, into: MagnitudeHistogram): void {
  into.counts = d.counts;
  into.base = d.base;
  into.minK = d.minK;
  into.maxK = d.maxK;
  into.n = d.n;
}

export function sketchFromData(d: ColumnSketchData): ColumnSketch {
  const s = new ColumnSketch();
  histogramFrom(d.pos, s.pos);
  histogramFrom(d.neg, s.neg);
  s.zeros = d.zeros;
  s.posInf = d.posInf;
  s.negInf = d.negInf;
  s.nans = d.nans;
  return s;
}
