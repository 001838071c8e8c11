import { describe, expect, it } from "vitest";
import { Model, UnreachableTarget, cumulative, leverTarget, metricValue, minimiseCost, parseTarget, solveLever, InputError } from "@evplan/core";
import { memoryScenarios, tinyRegistry } from "../../../../test/fixtures/tiny-pack.js";

const registry = tinyRegistry({
  "adoption.target_ev_share": { 2025: { two_wheeler: 0.02, three_wheeler: 0.05, car: 0.01, lcv: 0.005, bus: 0.1, truck: 0.001 } },
  "policy.subsidy_per_vehicle": { 2025: 0, 2026: 50_000 },
  "policy.subsidy_budget": { 2025: 0, 2026: 1e9 },
});
const model = new Model(registry, memoryScenarios({ market: { name: "market", counterfactual: null, mode: "market", end_year: 2040 } }));
const c = model.compile("market");

describe("goal seek with one lever", () => {
  it("finds the subsidy scale that reaches a 2030 EV share, verified by a final run, within 0.1 pp", () => {
    const target = parseTarget("ev_sales_share:total:2030=0.20");
    const lever = leverTarget(registry, c, "policy.subsidy_scale");
    const r = solveLever(model, c, lever, target, 0, 50);
    expect(Math.abs(r.achieved - 0.2)).toBeLessThan(0.001);
    expect(r.value).toBeGreaterThan(1);
    expect(metricValue(r.verification, "ev_sales_share", "total", 2030)).toBe(r.achieved);
    expect(r.runs).toBeGreaterThan(2);
  });
  it("works on one series of an indexed lever", () => {
    const target = parseTarget("ev_sales_share:car:2035=0.3");
    const r = solveLever(model, c, leverTarget(registry, c, "policy.subsidy_per_vehicle.car"), target, 0, 5_000_000);
    expect(Math.abs(r.achieved - 0.3)).toBeLessThan(0.001);
  });
  it("says the best value reached when the target is out of reach", () => {
    const target = parseTarget("ev_sales_share:total:2030=0.99");
    const lever = leverTarget(registry, c, "policy.subsidy_scale");
    expect(() => solveLever(model, c, lever, target, 0, 2)).toThrow(UnreachableTarget);
    try {
      solveLever(model, c, lever, target, 0, 2);
    } catch (e) {
      expect((e as UnreachableTarget).message).toMatch(/closest value reached is 0\.\d+ at policy\.subsidy_scale = 2/);
    }
  });
  it("refuses malformed targets and unknown levers with a clear message", () => {
    expect(() => parseTarget("ev_sales_share:total:2030")).toThrow(InputError);
    expect(() => parseTarget("happiness:total:2030=1")).toThrow(/unknown metric/);
    expect(() => leverTarget(registry, c, "policy.nothing")).toThrow(/unknown parameter/);
  });
});

describe("least-cost mix", () => {
  it("meets the target, stays in bounds, and costs no more than either lever alone", () => {
    const target = parseTarget("ev_sales_share:total:2030=0.15");
    const levers = [leverTarget(registry, c, "policy.subsidy_scale"), leverTarget(registry, c, "taxes.petroleum_levy_petrol")];
    const bounds: [number, number][] = [
      [0, 20],
      [70, 400],
    ];
    const r = minimiseCost(model, c, levers, bounds, target);
    expect(r.achieved).toBeGreaterThanOrEqual(0.15 - 1e-9);
    r.values.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(bounds[i][0]);
      expect(v).toBeLessThanOrEqual(bounds[i][1]);
    });
    const onlySubsidy = solveLever(model, c, levers[0], target, 0, 20);
    const cost = (run: typeof onlySubsidy.verification) => cumulative(run, "net_fiscal", "total", 2025, 2030);
    expect(r.cost).toBeLessThanOrEqual(cost(onlySubsidy.verification) + 1e-6 * Math.abs(cost(onlySubsidy.verification)));
  });
});
