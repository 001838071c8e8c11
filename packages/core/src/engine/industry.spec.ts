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
    const { p, L, st, out, T, set } = stageInput();
    set("industry.localisation_share_ice.car", 0.7);
    const o = 2 * N_PT;
    st.salesPt[o + BEV] = 100;
    st.costs.priceEx[o + BEV] = 2_000_000;
    st.costs.priceEx[o + ICE] = 1_500_000;
    st.displacedPetrolL[2] = LITRES_PER_BARREL * 10;
    industryYear(p, L, 2, 1, st, out);
    // All CKD, 50% local content, 30% of it value added; 0.01 jobs per vehicle. The combustion cars replaced
    // import their own CKD content (30%), not the EV's.
    expect(out[cell(MI.local_value_added, 2, BRK_ALL, T, 1)]).toBeCloseTo(100 * 2_000_000 * 0.5 * 0.3, 3);
    expect(out[cell(MI.jobs, 2, BRK_ALL, T, 1)]).toBeCloseTo(1, 12);
    const imports = (100 * 2_000_000 * 0.5 - 100 * 1_500_000 * 0.3) / 280;
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

describe("jobs net of losses and import content", () => {
  it("nets combustion assembly and fuel retail jobs lost against the EV jobs", () => {
    const { p, L, st, out, T, set } = stageInput();
    set("industry.jobs_per_ice_vehicle.car", 0.02);
    set("industry.jobs_per_ml_fuel", 6);
    const o = 2 * N_PT;
    st.salesPt[o + BEV] = 100;
    st.costs.priceEx[o + BEV] = 2_000_000;
    st.displacedPetrolL[2] = 2e6;
    industryYear(p, L, 2, 1, st, out);
    const lost = 100 * 0.02 + 2 * 6;
    expect(out[cell(MI.jobs_lost, 2, BRK_ALL, T, 1)]).toBeCloseTo(lost, 9);
    expect(out[cell(MI.jobs_net, 2, BRK_ALL, T, 1)]).toBeCloseTo(out[cell(MI.jobs, 2, BRK_ALL, T, 1)] - lost, 9);
  });

  it("a kit assembled here imports at least its battery cells, whatever its local share by value", () => {
    const { p, L, st, out, T, set } = stageInput();
    set("industry.localisation_share.two_wheeler", 0.95);
    set("industry.localisation_share_ice.two_wheeler", 0.95);
    set("industry.cell_share_of_pack", 0.7);
    st.salesPt[BEV] = 1000;
    st.costs.priceEx[BEV] = 200_000;
    st.costs.priceEx[ICE] = 150_000;
    st.packUsd[0] = 100; // 10 kWh x 100 USD x 280 = 280,000 PKR of pack; cells 196,000 > 5% of 200,000
    industryYear(p, L, 0, 1, st, out);
    const ckd = Math.min(1, (10 * 100 * 280 * 0.7) / 200_000);
    const expected = (1000 * 200_000 * ckd - 1000 * 150_000 * 0.05) / 280;
    expect(out[cell(MI.ev_imports, 0, BRK_ALL, T, 1)]).toBeCloseTo(expected, 3);
  });
});
