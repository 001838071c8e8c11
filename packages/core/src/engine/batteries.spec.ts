import { describe, expect, it } from "vitest";
import { BEV, METRIC_INDEX as MI, N_PT, PHEV, cell } from "@evplan/core";
import { batteryYear, packCosts } from "./batteries.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

describe("batteries stage", () => {
  it("pack cost follows the learning curve on cumulative production, down to its floor", () => {
    const { p, L, set } = stageInput({}, 2060);
    const cost = new Float64Array(3);
    packCosts(p, L, 0, cost);
    expect(cost[0]).toBeCloseTo(100, 9);
    // 2060: production 16x the base year's = 4 doublings at an 18% learning rate, above the 40 floor.
    packCosts(p, L, 35, cost);
    expect(cost[0]).toBeCloseTo(100 * Math.pow(0.82, 4), 9);
    set("batteries.pack_cost_floor.lfp", 60);
    packCosts(p, L, 35, cost);
    expect(cost[0]).toBe(60);
  });

  it("new GWh by chemistry from EVs sold and exports, cumulative across years, lithium by intensity", () => {
    const { p, L, st, out, T, set } = stageInput();
    set("industry.exports.bus", 50);
    st.chemMix.set([0.75, 0.25, 0], 4 * 3);
    st.salesPt[4 * N_PT + BEV] = 100;
    st.salesPt[4 * N_PT + PHEV] = 20;
    batteryYear(p, L, 4, 1, st, out);
    const kwh = 100 * 10 + 20 * 5 + 50 * 10;
    expect(out[cell(MI.battery_demand, 4, 0, T, 1)]).toBeCloseTo(kwh * 0.75 * 1e-6, 15);
    expect(out[cell(MI.lithium_demand, 4, 0, T, 1)]).toBeCloseTo(kwh * 0.75 * 0.6 * 1e-3, 12);
    batteryYear(p, L, 4, 2, st, out);
    expect(out[cell(MI.battery_demand_cumulative, 4, 1, T, 2)]).toBeCloseTo(2 * kwh * 0.25 * 1e-6, 15);
  });
});
