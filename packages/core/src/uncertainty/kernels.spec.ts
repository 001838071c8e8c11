import { describe, expect, it } from "vitest";
import { streamKey, uniformAt } from "./random.js";
import { normalCdf, normalQuantile, quantileOf } from "./distributions.js";
import { dmean, dpercentiles, dpercentileSorted, dvariance } from "./percentile.js";

describe("index-addressed uniforms", () => {
  it("are a pure function of (seed, index, key), inside (0, 1)", () => {
    expect(uniformAt(7, 123, 9)).toBe(uniformAt(7, 123, 9));
    expect(uniformAt(7, 123, 9)).not.toBe(uniformAt(8, 123, 9));
    expect(uniformAt(7, 123, 9)).not.toBe(uniformAt(7, 124, 9));
    expect(uniformAt(7, 2 ** 40, 9)).not.toBe(uniformAt(7, 2 ** 40 + 2 ** 32, 9));
    for (let i = 0; i < 1000; i++) {
      const u = uniformAt(1, i, 0);
      expect(u > 0 && u < 1).toBe(true);
    }
  });

  it("are uniform and uncorrelated across indices and streams", () => {
    const N = 50_000;
    const bins = new Float64Array(20);
    const a = new Float64Array(N);
    const b = new Float64Array(N);
    const ka = streamKey("economy.oil_price");
    const kb = streamKey("economy.exchange_rate");
    for (let i = 0; i < N; i++) {
      a[i] = uniformAt(1, i, ka);
      b[i] = uniformAt(1, i, kb);
      bins[Math.floor(a[i] * 20)]++;
    }
    expect(dmean(N, a, 1, 0)).toBeCloseTo(0.5, 2);
    expect(dvariance(N, a, 1, 0)).toBeCloseTo(1 / 12, 3);
    // Chi-square with 19 degrees of freedom: the 99.9% point is 43.8.
    const e = N / 20;
    const chi2 = bins.reduce((s, n) => s + ((n - e) * (n - e)) / e, 0);
    expect(chi2).toBeLessThan(43.8);
    let cab = 0;
    let clag = 0;
    for (let i = 0; i < N; i++) {
      cab += (a[i] - 0.5) * (b[i] - 0.5);
      if (i > 0) clag += (a[i] - 0.5) * (a[i - 1] - 0.5);
    }
    // Correlations near 0: 4 standard errors of 1/sqrt(N).
    expect(Math.abs((cab / N) * 12)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs((clag / N) * 12)).toBeLessThan(4 / Math.sqrt(N));
  });
});

describe("distributions", () => {
  it("normal CDF and quantile match reference values and invert each other", () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-2)).toBeCloseTo(0.022750131948179195, 14);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514722, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    for (const p of [1e-12, 1e-6, 0.01, 0.2, 0.5, 0.7, 0.99, 1 - 1e-9]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
  });

  it("each distribution's quantiles honour its shape and bounds", () => {
    expect(quantileOf({ distribution: "uniform", scale: "factor", min: 0.8, max: 1.2 }, 0.25)).toBeCloseTo(0.9, 12);
    const tri = { distribution: "triangular", scale: "factor", min: 0, mode: 1, max: 4 } as const;
    expect(quantileOf(tri, 0.25)).toBeCloseTo(1, 12); // F(mode) = (mode - min)/(max - min)
    expect(quantileOf(tri, 1 - 1e-12)).toBeLessThanOrEqual(4);
    const norm = { distribution: "normal", scale: "factor", mean: 1, sd: 0.1 } as const;
    expect(quantileOf(norm, 0.5)).toBeCloseTo(1, 12);
    expect(quantileOf(norm, 0.95)).toBeCloseTo(1 + 0.1 * 1.6448536269514722, 10);
    const trunc = { ...norm, min: 0.95, max: 1.3 };
    for (const p of [1e-9, 0.3, 1 - 1e-9]) {
      const x = quantileOf(trunc, p);
      expect(x).toBeGreaterThanOrEqual(0.95 - 1e-12);
      expect(x).toBeLessThanOrEqual(1.3 + 1e-12);
    }
    // Lognormal: `mean` and `sd` are those of the quantity; the median is mean / sqrt(1 + cv^2).
    const ln = { distribution: "lognormal", scale: "factor", mean: 1, sd: 0.3 } as const;
    expect(quantileOf(ln, 0.5)).toBeCloseTo(1 / Math.sqrt(1 + 0.09), 12);
  });
});

describe("percentile kernels", () => {
  it("interpolate between closest ranks (type 7) over strided slices", () => {
    // 0..100 interleaved with junk: stride 2, offset 1.
    const x = new Float64Array(202);
    for (let i = 0; i <= 100; i++) {
      x[2 * i + 1] = 100 - i;
      x[2 * i] = -1e9;
    }
    const out = new Float64Array(5);
    const n = dpercentiles(101, x, 2, 1, [0.05, 0.25, 0.5, 0.75, 0.95], out, 1, 0, new Float64Array(101));
    expect(n).toBe(101);
    expect(Array.from(out)).toEqual([5, 25, 50, 75, 95]);
    expect(dpercentileSorted(4, 0.5, Float64Array.of(1, 2, 3, 10), 1, 0)).toBe(2.5);
    expect(dpercentileSorted(1, 0.95, Float64Array.of(3), 1, 0)).toBe(3);
  });

  it("ignore NaN", () => {
    const out = new Float64Array(1);
    expect(dpercentiles(4, Float64Array.of(NaN, 1, 3, NaN), 1, 0, [0.5], out, 1, 0, new Float64Array(4))).toBe(2);
    expect(out[0]).toBe(2);
  });

  it("recover the percentiles of a known distribution from index-addressed draws", () => {
    const N = 20_000;
    const x = new Float64Array(N);
    const u = { distribution: "normal", scale: "absolute", mean: 10, sd: 2 } as const;
    for (let i = 0; i < N; i++) x[i] = quantileOf(u, uniformAt(3, i, 11));
    const out = new Float64Array(5);
    dpercentiles(N, x, 1, 0, [0.05, 0.25, 0.5, 0.75, 0.95], out, 1, 0, new Float64Array(N));
    const z = [-1.6448536, -0.6744898, 0, 0.6744898, 1.6448536];
    z.forEach((zz, j) => expect(Math.abs(out[j] - (10 + 2 * zz))).toBeLessThan(0.06));
  });
});

describe("selection-based percentiles", () => {
  it("equal the sorted type-7 percentiles, with ties and in any order", () => {
    const probs = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1, 0.333];
    for (const [N, levels] of [
      [1, 5],
      [2, 3],
      [7, 2],
      [1000, 1],
      [1000, 4],
      [1001, 1e9],
    ] as const) {
      const x = Float64Array.from({ length: N }, (_, i) => Math.floor(uniformAt(2, i, N) * levels));
      const sorted = Float64Array.from(x).sort();
      const out = new Float64Array(probs.length);
      dpercentiles(N, x, 1, 0, probs, out, 1, 0, new Float64Array(N));
      probs.forEach((p, j) => expect(out[j]).toBe(dpercentileSorted(N, p, sorted, 1, 0)));
    }
  });
});
