import { describe, expect, it } from "vitest";
import { fitLogistic, levenbergMarquardt, logisticShare, solveLinear } from "@evplan/core";

describe("fitLogistic", () => {
  it("recovers the parameters of an exact logistic", () => {
    const truth = { K: 0.6, r: 0.5, tm: 2020 };
    const points = [];
    for (let year = 2010; year <= 2024; year++) points.push({ year, share: logisticShare(truth, year) });
    const fit = fitLogistic(points);
    expect(fit.K).toBeCloseTo(truth.K, 4);
    expect(fit.r).toBeCloseTo(truth.r, 4);
    expect(fit.tm).toBeCloseTo(truth.tm, 3);
  });

  it("keeps K within (0, 1] even when the data only ever grows", () => {
    const points = [2015, 2016, 2017, 2018].map((year, i) => ({ year, share: 0.1 * 2 ** i }));
    const fit = fitLogistic(points);
    expect(fit.K).toBeLessThanOrEqual(1);
    expect(fit.K).toBeGreaterThan(0.5);
  });

  it("fits a flat zero series without failing", () => {
    const fit = fitLogistic([2015, 2016, 2017, 2018].map((year) => ({ year, share: 0 })));
    expect(Number.isFinite(logisticShare(fit, 2024))).toBe(true);
    expect(logisticShare(fit, 2024)).toBeLessThan(1e-3);
  });
});

describe("levenbergMarquardt", () => {
  it("finds the Rosenbrock minimum, and respects bounds", () => {
    const res = (p: readonly number[]) => [10 * (p[1] - p[0] * p[0]), 1 - p[0]];
    const free = levenbergMarquardt(res, [-1.2, 1], { lower: [-5, -5], upper: [5, 5] });
    expect(free.params[0]).toBeCloseTo(1, 5);
    expect(free.params[1]).toBeCloseTo(1, 5);
    const bounded = levenbergMarquardt(res, [-1.2, 1], { lower: [-5, -5], upper: [0.5, 5] });
    expect(bounded.params[0]).toBeLessThanOrEqual(0.5);
  });

  it("survives residuals that overflow", () => {
    const r = levenbergMarquardt((p) => [Math.exp(p[0] * 1000) - 1], [1], { lower: [-1], upper: [1] });
    expect(Number.isFinite(r.params[0])).toBe(true);
  });

  it("solveLinear reports a singular system", () => {
    expect(solveLinear([1, 2, 2, 4], [1, 2])).toBeNull();
    expect(solveLinear([2, 0, 0, 4], [2, 8])).toEqual([1, 2]);
  });
});
