import { describe, expect, it } from "vitest";
import { BRK_ALL, METRIC_INDEX as MI, SEG_TOTAL, cell } from "@evplan/core";
import { AC, DC_FAST, SWAP, infrastructureYear } from "./infrastructure.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

describe("infrastructure stage", () => {
  it("sizes public points by public energy and utilisation, never below the plan, never removing any", () => {
    const { p, L, st, out, set, T } = stageInput();
    set("charging.planned_points.ac", 10);
    set("charging.planned_points.dc_fast", 10);
    set("charging.planned_points.swap_station", 0);
    // Cars only: 70% home, the rest public, split AC/DC by access weights (0.5 / 0.5).
    st.gridKwh[2] = (365 * 100 * 40) / 0.3; // enough for 20 AC and 20 DC points at 100 kWh/point/day
    st.points.set([10, 10, 0]); // installed at the end of last year
    infrastructureYear(p, L, 1, st, out);
    expect(st.points[AC]).toBeCloseTo(20, 9);
    expect(st.points[DC_FAST]).toBeCloseTo(20, 9);
    expect(st.points[SWAP]).toBe(0);
    expect(st.pointsAdded[AC]).toBeCloseTo(10, 9); // on top of last year's 10
    expect(st.chargerCapex[AC]).toBeCloseTo(10 * 1_000_000, 3);
    expect(out[cell(MI.public_chargers, SEG_TOTAL, BRK_ALL, T, 1)]).toBeCloseTo(40, 9);
    // Demand falls: points stay.
    st.gridKwh[2] = 0;
    infrastructureYear(p, L, 2, st, out);
    expect(st.points[AC]).toBeCloseTo(20, 9);
    expect(st.pointsAdded[AC]).toBe(0);
  });

  it("peak load is the grid energy's daily mean times the peak-hour share", () => {
    const { p, L, st, out, T } = stageInput();
    st.gridKwh[0] = 365e6; // 1 GWh a day
    infrastructureYear(p, L, 1, st, out);
    expect(out[cell(MI.peak_charging_load, 0, BRK_ALL, T, 1)]).toBeCloseTo(1000 * 0.12, 9);
  });
});
