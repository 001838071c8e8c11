import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { illinois } from "./root.js";

describe("Illinois root finder", () => {
  it("finds the root of a monotone function inside its bracket, in few evaluations", () => {
    let calls = 0;
    const g = (x: number) => {
      calls++;
      return x * x * x - 2;
    };
    const x = illinois(g, 0, g(0), 2, g(2), { absTol: 1e-12, xTol: 1e-14, maxIterations: 100 });
    expect(x).toBeCloseTo(Math.cbrt(2), 10);
    expect(calls).toBeLessThan(30);
  });

  it("never leaves the bracket and hits any root of an increasing function", () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), (root, k) => {
        const g = (x: number) => Math.tanh(k * (x - root)) + 0.1 * (x - root);
        const x = illinois(g, -200, g(-200), 200, g(200), { absTol: 1e-12, xTol: 1e-12, maxIterations: 200 });
        expect(x).toBeGreaterThanOrEqual(-200);
        expect(x).toBeLessThanOrEqual(200);
        expect(Math.abs(x - root)).toBeLessThan(1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it("returns an end of the bracket that is already a root", () => {
    expect(illinois(() => 1, 3, 0, 5, 2, { absTol: 0, xTol: 0, maxIterations: 5 })).toBe(3);
    expect(illinois(() => 1, 3, -2, 5, 0, { absTol: 0, xTol: 0, maxIterations: 5 })).toBe(5);
  });
});
