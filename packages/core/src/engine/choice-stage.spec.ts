import { describe, expect, it } from "vitest";
import { BEV, HEV, ICE, N_PT, PHEV } from "@evplan/core";
import { ChoiceStage, targetShares } from "./choice.js";
import { computeCosts } from "./costs.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

const ALL_TARGETS = { modes: new Uint8Array(6), evMask: Uint8Array.of(0, 0, 1, 1) };

describe("choice stage", () => {
  it("targets mode: the dated EV share split BEV/PHEV, HEV on its path, ICE the rest, a mandate floor", () => {
    const { p, L, set } = stageInput();
    set("adoption.bev_fraction_of_ev.car", 0.75);
    set("adoption.hev_share.car", 0.1);
    const shares = new Float64Array(6 * N_PT);
    targetShares(p, L, 2, 1, ALL_TARGETS.evMask, shares);
    expect([...shares.subarray(2 * N_PT, 3 * N_PT)].map((x) => +x.toFixed(12))).toEqual([0.7, 0.1, 0.05, 0.15]);
    set("policy.min_ev_share.car", 0.4);
    targetShares(p, L, 2, 1, ALL_TARGETS.evMask, shares);
    expect(shares[2 * N_PT + BEV] + shares[2 * N_PT + PHEV]).toBeCloseTo(0.4, 12);
    expect(shares[2 * N_PT + ICE] + shares[2 * N_PT + HEV] + 0.4).toBeCloseTo(1, 12);
  });

  it("a binding budget subsidises only the BEVs it can pay for; a loose one every BEV", () => {
    for (const budget of [1e6, 1e12]) {
      const { p, L, st, out, set } = stageInput();
      set("policy.subsidy_per_vehicle.two_wheeler", 50_000);
      set("policy.subsidy_budget", budget);
      for (let s = 0; s < 6; s++) st.sales[s] = 1000;
      computeCosts(p, L, 1, new Float64Array(6).fill(100), new Float64Array(6).fill(1), new Float64Array(6).fill(1), Float64Array.of(250, 260, 200), st.costs);
      const stage = new ChoiceStage();
      stage.reset();
      stage.calibrateOn(p, L, st.costs);
      stage.year(p, L, 0, ALL_TARGETS, st, out);
      stage.year(p, L, 1, ALL_TARGETS, st, out);
      const bev = st.salesPt[BEV];
      expect(bev).toBeCloseTo(200, 9); // targets mode: 20% of 1000
      const outlay = st.subsidised[0] * st.costs.subsidy[0];
      if (budget < 200 * 50_000) {
        expect(outlay).toBeCloseTo(budget, 0);
        expect(st.subsidised[0]).toBeLessThan(bev);
      } else expect(st.subsidised[0]).toBeCloseTo(bev, 9);
    }
  });
});
