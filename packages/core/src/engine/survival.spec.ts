import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fillSurvival, weibullSurvival, MAX_AGE } from "@evplan/core";

describe("Weibull survival", () => {
  it("starts at 1, never rises, stays in [0, 1], and is 0 after the maximum age", () => {
    fc.assert(
      fc.property(fc.double({ min: 2, max: 60, noNaN: true }), fc.double({ min: 0.5, max: 8, noNaN: true }), (lambda, k) => {
        const s = new Float64Array(MAX_AGE + 2);
        fillSurvival(s, 0, MAX_AGE, lambda, k);
        expect(s[0]).toBe(1);
        for (let a = 1; a < s.length; a++) {
          expect(s[a]).toBeLessThanOrEqual(s[a - 1]);
          expect(s[a]).toBeGreaterThanOrEqual(0);
        }
        expect(s[MAX_AGE + 1]).toBe(0);
      }),
    );
  });

  it("half a vintage survives to the Weibull median lambda (ln 2)^(1/k)", () => {
    for (const [lambda, k] of [
      [14.46, 4.79],
      [11.53, 5.08],
      [20, 2.5],
    ]) {
      const median = lambda * Math.pow(Math.LN2, 1 / k);
      expect(weibullSurvival(median, lambda, k)).toBeCloseTo(0.5, 12);
    }
  });

  it("at age lambda, a share exp(-1) survives whatever the shape", () => {
    expect(weibullSurvival(15, 15, 3)).toBeCloseTo(Math.exp(-1), 12);
    expect(weibullSurvival(15, 15, 7)).toBeCloseTo(Math.exp(-1), 12);
  });
});
