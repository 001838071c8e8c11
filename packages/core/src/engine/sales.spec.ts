import { describe, expect, it } from "vitest";
import { salesYear } from "./sales.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

describe("sales stage", () => {
  it("starts from the base-year figure times market coverage and grows at the dated rate", () => {
    const { p, L, st, set } = stageInput();
    set("sales.market_coverage.car", 1.25);
    set("sales.growth_rate.car", 0.04);
    salesYear(p, L, 0, st);
    expect(st.sales[2]).toBeCloseTo(1250, 9);
    salesYear(p, L, 1, st);
    salesYear(p, L, 2, st);
    expect(st.sales[2]).toBeCloseTo(1250 * 1.04 * 1.04, 9);
    expect(st.sales[0]).toBeCloseTo(1000 * 1.1 * 1.1, 9);
  });
});
