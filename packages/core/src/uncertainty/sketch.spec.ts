import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ColumnSketch, SKETCH_MAX_BUCKETS, SKETCH_RELATIVE_ERROR, sketchFromData, sketchPercentile, sketchToData } from "./sketch.js";
import { dpercentiles } from "./percentile.js";
import { uniformAt } from "./random.js";

const PROBS = [0.05, 0.25, 0.5, 0.75, 0.95];

function exact(xs: Float64Array): number[] {
  const out = new Float64Array(PROBS.length);
  dpercentiles(xs.length, xs, 1, 0, PROBS, out, 1, 0, new Float64Array(xs.length));
  return Array.from(out);
}

function sketchOf(xs: ArrayLike<number>): ColumnSketch {
  const s = new ColumnSketch();
  for (let i = 0; i < xs.length; i++) s.add(xs[i]);
  return s;
}

/** The stated bound: within the relative error of the exact percentile, or of the larger neighbour's magnitude. */
function withinBound(got: number, want: number, xs: Float64Array, p: number): boolean {
  const sorted = Float64Array.from(xs.filter((x) => x === x)).sort();
  const h = (sorted.length - 1) * p;
  const a = sorted[Math.floor(h)];
  const b = sorted[Math.min(sorted.length - 1, Math.floor(h) + 1)];
  // Signs compared, not a * b: the product of two tiny values underflows to -0, which reads as the same sign.
  const sameSign = (a >= 0 && b >= 0) || (a <= 0 && b <= 0);
  const scale = sameSign ? Math.abs(want) : Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(got - want) <= SKETCH_RELATIVE_ERROR * scale * (1 + 1e-9) + 1e-300;
}

describe("streaming percentile sketch", () => {
  it("every percentile is within the stated relative error of the exact one (lognormal, normal, mixed signs)", () => {
    const n = 50_000;
    const shapes: ((u: number, v: number) => number)[] = [
      (u) => Math.exp(2 * (u - 0.5)) * 1e6,
      (u, v) => Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * 3 + 1,
      (u, v) => (v < 0.1 ? 0 : (u - 0.3) * 1e-3),
    ];
    for (const f of shapes) {
      const xs = new Float64Array(n);
      for (let i = 0; i < n; i++) xs[i] = f(uniformAt(3, i, 11), uniformAt(3, i, 12));
      const s = sketchOf(xs);
      const want = exact(xs);
      PROBS.forEach((p, j) => {
        const got = sketchPercentile(s, p);
        expect(withinBound(got, want[j], xs, p), `p${p * 100}: ${got} vs ${want[j]}`).toBe(true);
      });
    }
  });

  it("holds the bound for two tiny values of opposite signs (a counterexample fast-check once found)", () => {
    // Their product underflows to -0: the check must still see opposite signs and use the larger magnitude.
    const xs = Float64Array.from([8.20046771270816e-192, -1.1469763326404222e-191]);
    const want = exact(xs)[PROBS.indexOf(0.25)];
    expect(withinBound(sketchPercentile(sketchOf(xs), 0.25), want, xs, 0.25)).toBe(true);
  });

  it("holds the bound for arbitrary values (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.constantFrom(...PROBS), (arr, p) => {
        const xs = Float64Array.from(arr);
        const want = exact(xs)[PROBS.indexOf(p)];
        const magnitudes = arr.filter((x) => x !== 0).map(Math.abs);
        // The bound holds where no value was folded into the lowest bucket (about 1e-7 of the largest magnitude).
        fc.pre(magnitudes.length === 0 || Math.min(...magnitudes) > Math.max(...magnitudes) * 1e-6);
        return withinBound(sketchPercentile(sketchOf(xs), p), want, xs, p);
      }),
      { numRuns: 300 },
    );
  });

  it("merging gives the same sketch whatever the split and order, and survives the trip through plain data", () => {
    const xs = Array.from({ length: 5000 }, (_, i) => (uniformAt(9, i, 1) - 0.4) * 10 ** (6 * uniformAt(9, i, 2)));
    const whole = sketchOf(xs);
    const parts = [xs.slice(3000), xs.slice(0, 1000), xs.slice(1000, 3000).reverse()].map(sketchOf);
    const merged = new ColumnSketch();
    for (const p of parts) merged.merge(sketchFromData(structuredClone(sketchToData(p))));
    for (const p of [0, 0.01, ...PROBS, 0.999, 1]) expect(sketchPercentile(merged, p)).toBe(sketchPercentile(whole, p));
    expect(merged.count).toBe(whole.count);
  });

  it("counts zeros, infinities and NaNs exactly; a value far below the largest is kept in the lowest bucket", () => {
    const s = sketchOf([0, 0, -Infinity, Infinity, NaN, 5]);
    expect(s.count).toBe(5);
    expect(sketchPercentile(s, 0)).toBe(-Infinity);
    expect(sketchPercentile(s, 1)).toBe(Infinity);
    expect(sketchPercentile(s, 0.5)).toBe(0);
    // 1e-30 against 1: folded into the lowest bucket kept, about 7.6e-8, in either order of arrival.
    const a = sketchOf([1e-30, 1]);
    const b = sketchOf([1, 1e-30]);
    const low = sketchPercentile(a, 0);
    expect(low).toBe(sketchPercentile(b, 0));
    expect(low).toBeGreaterThan(1e-8);
    expect(low).toBeLessThan(1e-7);
    expect(Math.abs(sketchPercentile(a, 1) - 1)).toBeLessThanOrEqual(SKETCH_RELATIVE_ERROR * (1 + 1e-9));
    // Memory is bounded whatever the spread: one histogram never holds more than twice the buckets kept.
    const wide = sketchOf(Array.from({ length: 2000 }, (_, i) => 10 ** (i / 20 - 50)));
    expect(wide.pos.counts.length).toBeLessThanOrEqual(2 * SKETCH_MAX_BUCKETS);
    expect(wide.count).toBe(2000);
  });
});
