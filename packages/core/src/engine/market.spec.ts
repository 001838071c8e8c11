import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Model, SEGMENTS, metricSeries, metricValue, type RunResult } from "@evplan/core";
import { memoryScenarios, tinyRegistry } from "../../../../test/fixtures/tiny-pack.js";

// The tiny pack with a market that has something to choose: different base shares per segment.
const registry = tinyRegistry({
  "adoption.target_ev_share": { 2025: { two_wheeler: 0.02, three_wheeler: 0.05, car: 0.01, lcv: 0, bus: 0.1, truck: 0 } },
  "adoption.bev_fraction_of_ev": { 2025: { two_wheeler: 1, three_wheeler: 1, car: 0.6, lcv: 1, bus: 1, truck: 1 } },
  "adoption.hev_share": { 2025: { two_wheeler: 0, three_wheeler: 0, car: 0.05, lcv: 0, bus: 0, truck: 0 } },
  // Consistent with the base shares: the EVs in use are this year's sales (a pack with more would see the EV
  // share of the stock fall at first, and familiarity with it).
  "fleet.base_bev_stock": 0,
  "policy.subsidy_budget": 1e15,
});
const scenarios = memoryScenarios({ reference: { name: "reference", counterfactual: null, mode: "market", end_year: 2045 } });
const model = new Model(registry, scenarios);

function run(overrides: Record<string, unknown> = {}): RunResult {
  return model.evaluate(model.compile("t", { file: "t.yaml", data: { name: "t", extends: "reference", overrides } }));
}

describe("market mode calibration", () => {
  it("reproduces base-year observed shares to 1e-6 (floors where a share is zero)", () => {
    const r = run();
    const floor = 0.001;
    const base: Record<string, number[]> = {
      two_wheeler: [0.98, 0, 0, 0.02],
      three_wheeler: [0.95, 0, 0, 0.05],
      car: [0.94, 0.05, 0.004, 0.006],
      lcv: [1, 0, 0, 0],
      bus: [0.9, 0, 0, 0.1],
      truck: [1, 0, 0, 0],
    };
    for (const s of SEGMENTS) {
      const floored = base[s].map((x) => Math.max(floor, x));
      const sum = floored.reduce((a, b) => a + b, 0);
      ["ice", "hev", "phev", "bev"].forEach((pt, i) => {
        const share = metricValue(r, "sales", s, 2025, pt) / metricValue(r, "sales", s, 2025);
        expect(Math.abs(share - floored[i] / sum)).toBeLessThan(1e-6);
      });
    }
  });

  it("adopts along an S-curve driven by falling battery costs and familiarity", () => {
    const share = metricSeries(run(), "ev_sales_share", "car");
    for (let t = 1; t < share.length; t++) expect(share[t]).toBeGreaterThanOrEqual(share[t - 1] - 1e-12);
    expect(share[share.length - 1]).toBeGreaterThan(share[0]);
  });
});

const LATER = (v: number) => ({ 2026: v });
const evShares = (r: RunResult) => [...SEGMENTS, "total"].flatMap((s) => metricSeries(r, "ev_sales_share", s).slice(1));
function noLower(a: number[], b: number[]) {
  a.forEach((x, i) => expect(b[i]).toBeGreaterThanOrEqual(x - 1e-9));
}

describe("levers move EV sales the right way (property tests)", () => {
  const opts = { numRuns: 25 };
  it("raising a purchase subsidy never lowers the EV share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 1, max: 300_000 }),
        fc.double({ min: 1e6, max: 1e12, noNaN: true }),
        (s0, ds, budget) => {
          const base = { "policy.subsidy_budget": LATER(budget) };
          const a = run({ ...base, "policy.subsidy_per_vehicle": LATER(s0) });
          const b = run({ ...base, "policy.subsidy_per_vehicle": LATER(s0 + ds) });
          noLower(evShares(a), evShares(b));
        },
      ),
      opts,
    );
  });
  it("raising the petrol price (levy) never lowers the EV share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 }), (l0, dl) => {
        noLower(evShares(run({ "taxes.petroleum_levy_petrol": LATER(l0) })), evShares(run({ "taxes.petroleum_levy_petrol": LATER(l0 + dl) })));
      }),
      opts,
    );
  });
  it("raising charger availability never lowers the EV share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 50000 }), (p0, dp) => {
        noLower(evShares(run({ "charging.planned_points": LATER(p0) })), evShares(run({ "charging.planned_points": LATER(p0 + dp) })));
      }),
      opts,
    );
  });
  it("raising an EV's price never raises the EV share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 2_000_000 }), fc.integer({ min: 1, max: 2_000_000 }), (p0, dp) => {
        noLower(evShares(run({ "vehicles.price_bev_ex_battery": LATER(p0 + dp) })), evShares(run({ "vehicles.price_bev_ex_battery": LATER(p0) })));
      }),
      opts,
    );
  });
  it("a mandate floors the EV share", () => {
    const r = run({ "policy.min_ev_share": LATER(0.4) });
    for (const s of SEGMENTS) expect(metricValue(r, "ev_sales_share", s, 2030)).toBeGreaterThanOrEqual(0.4 - 1e-12);
  });
});

describe("subsidy budget", () => {
  it("binds when claims exceed it: outlay equals the budget and not every BEV is subsidised", () => {
    const budget = 5e6;
    const r = run({ "policy.subsidy_per_vehicle": LATER(100_000), "policy.subsidy_budget": LATER(budget) });
    expect(metricValue(r, "subsidy_outlay", "total", 2030)).toBeCloseTo(budget, 0);
    expect(metricValue(r, "subsidised_vehicles", "total", 2030)).toBeLessThan(metricValue(r, "sales", "total", 2030, "bev"));
  });
  it("does not bind when claims are below it: every BEV is subsidised", () => {
    const r = run({ "policy.subsidy_per_vehicle": LATER(100_000), "policy.subsidy_budget": LATER(1e15) });
    expect(metricValue(r, "subsidised_vehicles", "total", 2030)).toBeCloseTo(metricValue(r, "sales", "total", 2030, "bev"), 6);
    expect(metricValue(r, "subsidy_outlay", "total", 2030)).toBeCloseTo(100_000 * metricValue(r, "sales", "total", 2030, "bev"), 0);
  });
  it("a larger budget never lowers the EV share", () => {
    const a = run({ "policy.subsidy_per_vehicle": LATER(100_000), "policy.subsidy_budget": LATER(5e6) });
    const b = run({ "policy.subsidy_per_vehicle": LATER(100_000), "policy.subsidy_budget": LATER(5e7) });
    noLower(evShares(a), evShares(b));
    expect(metricValue(b, "ev_sales_share", "total", 2030)).toBeGreaterThan(metricValue(a, "ev_sales_share", "total", 2030));
  });
});

describe("fiscal ledger", () => {
  it("components sum to the net fiscal cost, segment by segment and in total", () => {
    const r = run({
      "policy.subsidy_per_vehicle": LATER(50_000),
      "policy.subsidy_budget": LATER(1e8),
      "policy.nev_levy_rate": LATER(0.02),
      "policy.markup_support": LATER(0.1),
      "finance.loan_cap": LATER(200_000),
      "finance.ev_loan_uptake": LATER(0.3),
    });
    for (const seg of [...SEGMENTS, "total"]) {
      for (let y = 2025; y <= 2045; y += 5) {
        const v = (m: string) => metricValue(r, m, seg, y);
        const revenue = v("vehicle_tax_change") + v("nev_levy_revenue") + v("electricity_tax_gained") - v("fuel_levy_lost") - v("fuel_duty_lost");
        expect(v("revenue_change")).toBeCloseTo(revenue, 3);
        const parts = v("subsidy_outlay") + v("financing_support") - revenue + (seg === "total" ? v("charger_support") : 0);
        expect(v("net_fiscal")).toBeCloseTo(parts, 3);
        // The tax expenditure answers another question and stays out of the net.
        expect(v("tax_expenditure")).toBe(v("tax_forgone"));
      }
    }
    expect(metricValue(r, "financing_support", "total", 2030)).toBeGreaterThan(0);
    expect(metricValue(r, "nev_levy_revenue", "total", 2030)).toBeGreaterThan(0);
  });
});
