import { describe, expect, it } from "vitest";
import { Model, SEGMENTS, metricValue, metricSeries, LITRES_PER_BARREL, MAX_AGE } from "@evplan/core";
import { memoryScenarios, tinyRegistry } from "../../../../test/fixtures/tiny-pack.js";

const scenarios = memoryScenarios({
  reference: { name: "reference", counterfactual: null, end_year: 2030 },
});

function tinyRun(changes = {}) {
  const model = new Model(tinyRegistry(changes), scenarios);
  return model.evaluate(model.compile("reference"));
}

describe("engine on the tiny pack, checked by hand", () => {
  // Survival S(a) = exp(-a/10); no growth before 2025, so each vintage sold 1000 vehicles.
  const r = Math.exp(-0.1);
  const baseStock = (1000 * (1 - Math.pow(r, MAX_AGE + 1))) / (1 - r);
  const run = tinyRun();

  it("sales grow at the dated rate", () => {
    expect(metricValue(run, "sales", "car", 2025)).toBeCloseTo(1000, 9);
    expect(metricValue(run, "sales", "car", 2026)).toBeCloseTo(1100, 9);
    expect(metricValue(run, "sales", "car", 2027)).toBeCloseTo(1210, 9);
    expect(metricValue(run, "sales", "total", 2026)).toBeCloseTo(6 * 1100, 9);
  });

  it("the powertrain split follows the target share", () => {
    expect(metricValue(run, "sales", "bus", 2026, "bev")).toBeCloseTo(220, 9);
    expect(metricValue(run, "sales", "bus", 2026, "ice")).toBeCloseTo(880, 9);
    expect(metricValue(run, "ev_sales_share", "total", 2026)).toBeCloseTo(0.2, 12);
  });

  it("base-year stock is back-cast sales times survival", () => {
    expect(metricValue(run, "stock", "truck", 2025)).toBeCloseTo(baseStock, 6);
    expect(metricValue(run, "ev_stock", "truck", 2025)).toBeCloseTo(200, 9);
  });

  it("next year's stock is survivors plus sales", () => {
    // Every vintage alive in 2025 survives by r, except the oldest (age 40 -> 41) which retires entirely.
    const oldest = 1000 * Math.pow(r, MAX_AGE);
    const expected = (baseStock - oldest) * r + 1100;
    expect(metricValue(run, "stock", "lcv", 2026)).toBeCloseTo(expected, 6);
    expect(metricValue(run, "ev_stock", "lcv", 2026)).toBeCloseTo(200 * r + 220, 9);
  });

  it("activity, fuel, electricity, CO2 and oil follow from the stock", () => {
    const stock = metricValue(run, "stock", "car", 2026);
    const ev = metricValue(run, "ev_stock", "car", 2026);
    const ice = stock - ev;
    expect(metricValue(run, "vkt", "car", 2026)).toBeCloseTo(stock * 10000, 3);
    const litres = ice * 10000 * 0.05;
    expect(metricValue(run, "fuel_use", "car", 2026)).toBeCloseTo(litres, 3);
    expect(metricValue(run, "electricity_demand", "car", 2026)).toBeCloseTo((ev * 10000 * 0.1) / 0.8 / 1e6, 9);
    expect(metricValue(run, "co2_ttw", "car", 2026)).toBeCloseTo((litres * 2.3) / 1000, 6);
    const wtw = (litres * (2.3 + 0.5) + ((ev * 10000 * 0.1) / 0.8) * 0.4) / 1000;
    expect(metricValue(run, "co2_wtw", "car", 2026)).toBeCloseTo(wtw, 6);
    expect(metricValue(run, "oil_import_cost", "car", 2026)).toBeCloseTo((litres / LITRES_PER_BARREL) * 80 * 1.1 * 0.85, 3);
  });
});

describe("stock accounting", () => {
  const run = tinyRun({ "sales.growth_rate": { 2025: 0.05, 2028: -0.02 }, "activity.vkt_decline": 0.03, "fleet.base_bev_stock": 500 });
  it("stock(t) = stock(t-1) + sales(t) - retirements(t), per segment and powertrain, to 1e-9", () => {
    for (const seg of [...SEGMENTS, "total"]) {
      for (const pt of ["ice", "hev", "phev", "bev", undefined]) {
        const stock = metricSeries(run, "stock", seg, pt);
        const sales = metricSeries(run, "sales", seg, pt);
        const ret = metricSeries(run, "retirements", seg, pt);
        for (let t = 1; t < stock.length; t++) {
          const lhs = stock[t];
          const rhs = stock[t - 1] + sales[t] - ret[t];
          expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(lhs)));
        }
      }
    }
  });
});
