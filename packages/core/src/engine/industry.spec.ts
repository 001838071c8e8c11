import { describe, expect, it } from "vitest";
import { BEV, BRK_ALL, ICE, LITRES_PER_BARREL, METRIC_INDEX as MI, N_PT, cell } from "@evplan/core";
import { chargerIndustryYear, industryYear, oilImportUsd } from "./industry.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

describe("industry and trade stage", () => {
  it("prices oil imports by barrels, crude price, refined-product premium and import share", () => {
    const { p, L } = stageInput();
    expect(oilImportUsd(p, L, 1, LITRES_PER_BARREL * 1000)).toBeCloseTo(1000 * 80 * 1.1 * 0.85, 6);
  });

  it("counts jobs and value added of EVs assembled here, and nets oil avoided against added imports", () => {
    const { p, L, st, out, T } = stageInput();
    const o = 2 * N_PT;
    st.salesPt[o + BEV] = 100;
    st.costs.priceEx[o + BEV] = 2_000_000;
    st.costs.priceEx[o + ICE] = 1_500_000;
    st.displacedPetrolL[2] = LITRES_PER_BARREL * 10;
    industryYear(p, L, 2, 1, st, out);
    // All CKD, 50% local content, 30% of it value added; 0.01 jobs per vehicle.
    expect(out[cell(MI.local_value_added, 2, BRK_ALL, T, 1)]).toBeCloseTo(100 * 2_000_000 * 0.5 * 0.3, 3);
    expect(out[cell(MI.jobs, 2, BRK_ALL, T, 1)]).toBeCloseTo(1, 12);
    const imports = (100 * 2_000_000 * 0.5 - 100 * 1_500_000 * 0.5) / 280;
    expect(out[cell(MI.ev_imports, 2, BRK_ALL, T, 1)]).toBeCloseTo(imports, 6);
    expect(out[cell(MI.fx_net, 2, BRK_ALL, T, 1)]).toBeCloseTo(10 * 80 * 1.1 * 0.85 - imports, 6);
  });

  it("books chargers' jobs and value added nationally, not in any segment", () => {
    const { p, L, st } = stageInput();
    st.points.set([10, 20, 0]);
    st.chargerCapex.set([1e6, 2e6, 0]);
    chargerIndustryYear(p, L, 1, st);
    expect(st.national.chargerJobs).toBeCloseTo(30 * 0.1, 12);
    expect(st.national.chargerValueAddedPkr).toBeCloseTo(3e6 * 0.3, 6);
  });
});
