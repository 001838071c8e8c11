// A Monte Carlo's streaming summary as bytes, for shard files: what a shard with streaming percentiles keeps instead
// of its records. Only occupied buckets are written, each as two variable-length integers (the gap from the last
// occupied bucket, the count), so a summary takes 2-4 bytes per occupied bucket where records take 8 per value: a
// small shard's summary is a fraction of its records, and a large one's stops growing once its buckets are occupied
// (at most SKETCH_MAX_BUCKETS per sign and column). Decoding checks every count, so a damaged body names what is
// wrong rather than merging nonsense; the shard file's checksum covers these bytes as it covers records.
import type { ColumnSketchData, HistogramData, UncertaintySummaryData } from "@evplan/core/runtime";

/** Numbers kept per column: zeros, infinities, NaNs, then base, minK, maxK, n and occupied buckets per sign. */
const PER_COLUMN = 4 + 2 * 5;

export interface SummaryBytes {
  /** samples, then the targets' counts, then PER_COLUMN numbers per column. */
  readonly numbers: Float64Array;
  /** Every histogram's occupied buckets, column by column, positives then negatives: (gap, count) as LEB128. */
  readonly counts: Uint8Array;
}

/** LEB128 of whole numbers below 2^53, appended to a growing byte array. */
class Varints {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  push(x: number): void {
    if (this.length + 8 > this.bytes.length) {
      const next = new Uint8Array(this.bytes.length * 2);
      next.set(this.bytes);
      this.bytes = next;
    }
    while (x >= 0x80) {
      this.bytes[this.length++] = (x % 0x80) | 0x80;
      x = Math.floor(x / 0x80);
    }
    this.bytes[this.length++] = x;
  }
}

export function encodeSummary(d: UncertaintySummaryData): SummaryBytes {
  const numbers = new Float64Array(1 + d.met.length + d.columns.length * PER_COLUMN);
  const out = new Varints();
  numbers[0] = d.samples;
  numbers.set(d.met, 1);
  let o = 1 + d.met.length;
  const histogram = (h: HistogramData) => {
    let occupied = 0;
    let last = -1;
    for (let i = 0; i < h.counts.length; i++) {
      if (h.counts[i] === 0) continue;
      out.push(i - last - 1);
      out.push(h.counts[i]);
      last = i;
      occupied++;
    }
    numbers.set([h.base, h.minK, h.maxK, h.n, occupied], o);
    o += 5;
  };
  for (const c of d.columns) {
    numbers.set([c.zeros, c.posInf, c.negInf, c.nans], o);
    o += 4;
    histogram(c.pos);
    histogram(c.neg);
  }
  return { numbers, counts: out.bytes.slice(0, out.length) };
}

/** The number of float64 values a summary of `width` columns and `targets` targets starts with. */
export function summaryNumbers(width: number, targets: number): number {
  return 1 + targets + width * PER_COLUMN;
}

const whole = (x: number) => Number.isInteger(x) && x >= 0;

/** The summary back, checked: throws an Error saying what does not add up. */
export function decodeSummary(b: SummaryBytes, width: number, targets: number): UncertaintySummaryData {
  const { numbers, counts } = b;
  if (numbers.length !== summaryNumbers(width, targets)) throw new Error(`expected ${summaryNumbers(width, targets)} summary numbers, found ${numbers.length}`);
  const samples = numbers[0];
  if (!whole(samples)) throw new Error(`the sample count ${samples} is not a whole number`);
  const met = numbers.slice(1, 1 + targets);
  for (const m of met) if (!whole(m) || m > samples) throw new Error(`a target count ${m} is not a whole number of at most ${samples}`);
  let o = 1 + targets;
  let k = 0;
  const varint = (c: number, sign: string): number => {
    let x = 0;
    for (let scale = 1; ; scale *= 0x80) {
      if (k >= counts.length || scale > 2 ** 49) throw new Error(`column ${c}: the ${sign} histogram's counts are cut short`);
      const b = counts[k++];
      x += (b & 0x7f) * scale;
      if (b < 0x80) return x;
    }
  };
  const histogram = (c: number, sign: string): HistogramData => {
    const [base, minK, maxK, n, occupied] = numbers.subarray(o, o + 5);
    o += 5;
    const len = n > 0 ? maxK - minK + 1 : 0;
    if (!Number.isInteger(base) || !Number.isInteger(minK) || !Number.isInteger(maxK) || !whole(n) || !whole(occupied) || len < 0 || len > 1 << 20)
      throw new Error(`column ${c}: the ${sign} histogram's bounds are damaged`);
    if (n > 0 && base !== minK) throw new Error(`column ${c}: the ${sign} histogram's bounds are damaged`);
    const own = new Uint32Array(len);
    let at = -1;
    let sum = 0;
    for (let j = 0; j < occupied; j++) {
      at += varint(c, sign) + 1;
      const x = varint(c, sign);
      if (at >= len || x === 0 || x > 0xffffffff) throw new Error(`column ${c}: the ${sign} histogram's counts do not add up`);
      own[at] = x;
      sum += x;
    }
    if (sum !== n) throw new Error(`column ${c}: the ${sign} histogram's counts do not add up`);
    return { counts: own, base, minK, maxK, n };
  };
  const columns: ColumnSketchData[] = [];
  for (let c = 0; c < width; c++) {
    const [zeros, posInf, negInf, nans] = numbers.subarray(o, o + 4);
    o += 4;
    if (![zeros, posInf, negInf, nans].every(whole)) throw new Error(`column ${c}: a count is not a whole number`);
    const pos = histogram(c, "positive");
    const neg = histogram(c, "negative");
    if (zeros + posInf + negInf + nans + pos.n + neg.n !== samples) throw new Error(`column ${c} holds other than ${samples} samples`);
    columns.push({ pos, neg, zeros, posInf, negInf, nans });
  }
  if (k !== counts.length) throw new Error(`${counts.length - k} bytes of counts are left over`);
  return { columns, met, samples };
}
