import { describe, expect, it } from "vitest";
import { saltelliPoint, sobolWithBootstrap } from "./sobol.js";
import { streamKey } from "./random.js";

// Ishigami: f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi). Known indices for a = 7, b = 0.1.
const A = 7;
const B = 0.1;
const V = (A * A) / 8 + (B * Math.PI ** 4) / 5 + (B * B * Math.PI ** 8) / 18 + 0.5;
const V1 = 0.5 * (1 + (B * Math.PI ** 4) / 5) ** 2;
const V2 = (A * A) / 8;
const V13 = B * B * Math.PI ** 8 * (1 / 18 - 1 / 50);
const S = [V1 / V, V2 / V, 0];
const ST = [(V1 + V13) / V, V2 / V, V13 / V];

function ishigamiRecords(N: number, seed: number): Float64Array {
  const k = 3;
  const keys = Uint32Array.from(["x1", "x2", "x3"], streamKey);
  const u = new Float64Array(k);
  const y = new Float64Array(N * (k + 2));
  for (let e = 0; e < y.length; e++) {
    saltelliPoint(e, k, seed, keys, u);
    const [x1, x2, x3] = Array.from(u, (v) => -Math.PI + 2 * Math.PI * v);
    y[e] = Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
  }
  return y;
}

describe("Sobol indices (Saltelli design, Jansen estimators)", () => {
  it("match the Ishigami function's known first and total indices", () => {
    expect(S[0]).toBeCloseTo(0.3139, 4);
    expect(ST[2]).toBeCloseTo(0.2437, 4);
    const N = 20_000;
    const r = sobolWithBootstrap(ishigamiRecords(N, 1), N, 3, { resamples: 50, seed: 1 });
    expect(r.variance).toBeCloseTo(V, 0);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(r.first[i] - S[i])).toBeLessThan(0.03);
      expect(Math.abs(r.total[i] - ST[i])).toBeLessThan(0.03);
      // The intervals bracket the estimate and are narrow at this N.
      expect(r.firstLow[i]).toBeLessThanOrEqual(r.first[i]);
      expect(r.firstHigh[i]).toBeGreaterThanOrEqual(r.first[i]);
      expect(r.totalHigh[i] - r.totalLow[i]).toBeLessThan(0.1);
    }
  });

  it("give the same result for the same seed, and bootstrap intervals depend only on the seed", () => {
    const y = ishigamiRecords(500, 9);
    const a = sobolWithBootstrap(y, 500, 3, { resamples: 30, seed: 4 });
    const b = sobolWithBootstrap(ishigamiRecords(500, 9), 500, 3, { resamples: 30, seed: 4 });
    expect(Array.from(b.firstLow)).toEqual(Array.from(a.firstLow));
    expect(Array.from(b.total)).toEqual(Array.from(a.total));
  });
});
