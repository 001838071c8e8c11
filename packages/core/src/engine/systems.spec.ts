import { describe, expect, it } from "vitest";
import { Model, SEGMENTS, metricSeries, metricValue, LITRES_PER_BARREL, type RunResult } from "@evplan/core";
import { memoryScenarios, tinyRegistry } from "../../../../test/fixtures/tiny-pack.js";

const registry = tinyRegistry({
  "charging.motorway_network_km": 4200,
  "charging.motorway_spacing_km": 105,
  "charging.urban_minimum_points": { 2025: { ac: 50, dc_fast: 10, swap_station: 5 }, 2030: { ac: 500, dc_fast: 100, swap_station: 50 } },
  "batteries.chemistry_share_lfp": 0.6,
  "batteries.chemistry_share_nmc": 0.3,
  "batteries.chemistry_share_sodium_ion": 0.1,
  "industry.exports": 0,
  "batteries.lithium_intensity": { 2025: { lfp: 0.6, nmc: 0.7, sodium_ion: 0 } },
});
const model = new Model(registry, memoryScenarios({ reference: { name: "reference", counterfactual: null, end_year: 2050 } }));
const run = (overrides: Record<string, unknown> = {}): RunResult =>
  model.evaluate(model.compile("t", { file: "t.yaml", data: { name: "t", extends: "reference", overrides } }));

describe("public charging", () => {
  it("never falls below the planned deployment and the coverage minimums (motorway corridor + urban)", () => {
    const r = run({ "adoption.target_ev_share": { 2026: 0.001 } });
    const motorway = (4200 / 105) * 4;
    for (let y = 2025; y <= 2050; y++) {
      expect(metricValue(r, "public_chargers", "total", y, "ac")).toBeGreaterThanOrEqual(Math.max(100, y >= 2030 ? 500 : 50) - 1e-9);
      expect(metricValue(r, "public_chargers", "total", y, "dc_fast")).toBeGreaterThanOrEqual(motorway + (y >= 2030 ? 100 : 10) - 1e-9);
    }
  });
  it("rise with the EV stock and are never removed", () => {
    const low = run({ "adoption.target_ev_share": { 2026: 0.1 } });
    const high = run({ "adoption.target_ev_share": { 2026: 0.6 } });
    const a = metricSeries(low, "public_chargers");
    const b = metricSeries(high, "public_chargers");
    b.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(a[i] - 1e-9));
    expect(b[b.length - 1]).toBeGreaterThan(a[a.length - 1]);
    for (let t = 1; t < b.length; t++) expect(b[t]).toBeGreaterThanOrEqual(b[t - 1]);
    const added = metricSeries(high, "new_public_chargers");
    for (let t = 1; t < b.length; t++) expect(added[t]).toBeCloseTo(b[t] - b[t - 1], 6);
    expect(metricValue(high, "charger_capex", "total", 2040)).toBeCloseTo(metricValue(high, "new_public_chargers", "total", 2040) * 1_000_000, 0);
    expect(metricValue(high, "charger_support", "total", 2040)).toBeCloseTo(0.5 * metricValue(high, "charger_capex", "total", 2040), 0);
  });
});

describe("grid", () => {
  it("peak charging load falls as the managed share rises", () => {
    const shares = [0, 0.25, 0.5, 0.75, 1];
    const peaks = shares.map((m) =>
      metricValue(run({ "adoption.target_ev_share": { 2026: 0.5 }, "grid.managed_share": m }), "peak_charging_load", "total", 2040),
    );
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeLessThan(peaks[i - 1]);
  });
  it("peak load is daily energy times the peak-hour share", () => {
    const r = run({ "adoption.target_ev_share": { 2026: 0.5 } });
    const gwh = metricValue(r, "electricity_demand", "car", 2040);
    expect(metricValue(r, "peak_charging_load", "car", 2040)).toBeCloseTo(((gwh * 1000) / 365) * 0.12, 6);
  });
});

describe("batteries", () => {
  const r = run({ "adoption.target_ev_share": { 2026: 0.4 } });
  it("GWh by chemistry sums to the total, in every segment and year", () => {
    for (const s of [...SEGMENTS, "total"]) {
      for (let y = 2025; y <= 2050; y++) {
        const parts = ["lfp", "nmc", "sodium_ion"].reduce((a, c) => a + metricValue(r, "battery_demand", s, y, c), 0);
        expect(metricValue(r, "battery_demand", s, y)).toBeCloseTo(parts, 9);
      }
    }
  });
  it("equals BEV sales times pack size, and cumulates", () => {
    expect(metricValue(r, "battery_demand", "car", 2030)).toBeCloseTo((metricValue(r, "sales", "car", 2030, "bev") * 10) / 1e6, 9);
    const yearly = metricSeries(r, "battery_demand");
    const cum = metricSeries(r, "battery_demand_cumulative");
    let acc = 0;
    yearly.forEach((x, i) => {
      acc += x;
      expect(cum[i]).toBeCloseTo(acc, 9);
    });
  });
  it("lithium follows each chemistry's intensity (sodium-ion: none)", () => {
    expect(metricValue(r, "lithium_demand", "total", 2040, "sodium_ion")).toBe(0);
    expect(metricValue(r, "lithium_demand", "total", 2040, "lfp")).toBeCloseTo(metricValue(r, "battery_demand", "total", 2040, "lfp") * 1e6 * 0.6 * 1e-3, 6);
    expect(metricValue(r, "lithium_demand", "total", 2040, "nmc")).toBeCloseTo(metricValue(r, "battery_demand", "total", 2040, "nmc") * 1e6 * 0.7 * 1e-3, 6);
  });
  it("retiring EVs release battery capacity", () => {
    expect(metricValue(r, "battery_retirements", "total", 2045)).toBeGreaterThan(0);
  });
});

describe("industry and trade", () => {
  it("jobs and value added are zero when no EVs are sold and no chargers exist", () => {
    const r = run({
      "adoption.target_ev_share": 0,
      "fleet.base_bev_stock": 0,
      "charging.planned_points": 0,
      "charging.motorway_network_km": 0,
      "charging.urban_minimum_points": 0,
    });
    for (let y = 2025; y <= 2050; y++) {
      expect(metricValue(r, "jobs", "total", y)).toBe(0);
      expect(metricValue(r, "local_value_added", "total", y)).toBe(0);
    }
  });
  it("fx_net equals oil imports avoided minus added EV imports plus exports", () => {
    const r = run({ "adoption.target_ev_share": { 2026: 0.3 }, "industry.exports": { 2030: 1000 } });
    for (const s of SEGMENTS) {
      const y = 2035;
      const evKm = metricValue(r, "vkt", s, y, "bev") + 0.5 * metricValue(r, "vkt", s, y, "phev");
      // Tiny pack: petrol only, 5 L/100 km, no efficiency change, so displaced litres are EV km x 0.05.
      const oilAvoided = ((evKm * 0.05) / LITRES_PER_BARREL) * 80 * 1.1 * 0.85;
      const parts = oilAvoided - metricValue(r, "ev_imports", s, y) + metricValue(r, "ev_exports", s, y);
      expect(metricValue(r, "fx_net", s, y)).toBeCloseTo(parts, 3);
    }
    expect(metricValue(r, "ev_exports", "total", 2035)).toBeCloseTo(6 * 1000 * 5000, 3);
  });
});
