import { describe, expect, it } from "vitest";
import { BEV, ICE, MAX_AGE, N_PT, metricValue } from "@evplan/core";
import { Fleet } from "./fleet.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

describe("fleet stage", () => {
  // Survival S(a) = exp(-a/10) (shape 1); no sales growth before the base year: 1000 per vintage.
  const r = Math.exp(-0.1);
  const baseStock = (1000 * (1 - Math.pow(r, MAX_AGE + 1))) / (1 - r);

  it("back-casts the base-year stock and spreads existing EVs over earlier vintages", () => {
    const { p, L, st, out, set } = stageInput();
    set("fleet.base_bev_stock.bus", 500);
    const fleet = new Fleet(6);
    fleet.prepare(p, L);
    st.sales[4] = 1000;
    st.salesPt[4 * N_PT + ICE] = 900;
    st.salesPt[4 * N_PT + BEV] = 100;
    fleet.baseStock(p, L, 4, st);
    fleet.year(p, L, 4, 0, Uint8Array.of(0, 0, 1, 1), st, out);
    let stock = 0;
    for (let q = 0; q < N_PT; q++) stock += st.stock[4 * N_PT + q];
    expect(stock).toBeCloseTo(baseStock, 6);
    expect(st.stock[4 * N_PT + BEV]).toBeCloseTo(500, 9);
    // Every vehicle drives the new-vehicle km (no decline in the tiny pack), weighted by factors of 1.
    expect(st.vkt[4 * N_PT + ICE]).toBeCloseTo(st.stock[4 * N_PT + ICE] * 10000, 3);
    expect(st.fuelWeightedKm[4 * N_PT + ICE]).toBeCloseTo(st.vkt[4 * N_PT + ICE], 3);
  });

  it("turns the stock over: survivors plus this year's sales; retirements close the identity", () => {
    const { p, L, st, out } = stageInput();
    const fleet = new Fleet(6);
    fleet.prepare(p, L);
    st.sales[3] = 1000;
    st.salesPt[3 * N_PT + ICE] = 1000;
    fleet.baseStock(p, L, 3, st);
    fleet.year(p, L, 3, 0, Uint8Array.of(0, 0, 1, 1), st, out);
    const before = st.stock[3 * N_PT + ICE];
    st.salesPt[3 * N_PT + ICE] = 700;
    st.salesPt[3 * N_PT + BEV] = 300;
    fleet.year(p, L, 3, 1, Uint8Array.of(0, 0, 1, 1), st, out);
    const oldest = 1000 * Math.pow(r, MAX_AGE);
    expect(st.stock[3 * N_PT + ICE]).toBeCloseTo((baseStock - oldest) * r + 700, 6);
    expect(st.stock[3 * N_PT + ICE]).toBeCloseTo(before + 700 - st.retired[3 * N_PT + ICE], 6);
    expect(st.stock[3 * N_PT + BEV]).toBeCloseTo(300, 9);
    // Retiring BEVs release their packs (none yet); the stock row is written for reporting.
    expect(st.retiredKwh[3]).toBe(0);
    expect(metricValue({ scenario: { nYears: 6, baseYear: 2025, endYear: 2030 } as never, out }, "stock", "lcv", 2026, "ice")).toBeCloseTo(
      st.stock[3 * N_PT + ICE],
      9,
    );
  });
});
