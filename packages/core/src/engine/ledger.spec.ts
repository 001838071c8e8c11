import { describe, expect, it } from "vitest";
import { BEV, BRK_ALL, HEV, ICE, METRIC_INDEX as MI, N_PT, SEG_TOTAL, cell } from "@evplan/core";
import { chargerSupportYear, ledgerYear } from "./ledger.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

describe("ledger stage", () => {
  it("books each line against its base and nets them: outlays, forgone tax, levies lost, minus revenue gained", () => {
    const { p, L, st, out, T, set } = stageInput();
    set("taxes.carbon_levy", 5);
    const o = N_PT; // three-wheelers
    st.subsidised[1] = 40;
    st.costs.purchaseSubsidy[1] = 200_000;
    st.costs.loanSupport[1] = 10_000;
    st.salesPt[o + BEV] = 50;
    st.costs.taxForgone[o + BEV] = 30_000;
    st.salesPt[o + ICE] = 900;
    st.salesPt[o + HEV] = 50;
    st.costs.levy[o + ICE] = 5_000;
    st.costs.levy[o + HEV] = 6_000;
    st.displacedPetrolL[1] = 1000;
    st.gridKwh[1] = 10_000;
    st.costs.tariff[1] = 59;
    ledgerYear(p, L, 1, 1, st, out);
    const at = (m: number) => out[cell(m, 1, BRK_ALL, T, 1)];
    expect(at(MI.subsidy_outlay)).toBe(40 * 200_000);
    expect(at(MI.financing_support)).toBe(40 * 10_000);
    expect(at(MI.tax_forgone)).toBe(50 * 30_000);
    expect(at(MI.nev_levy_revenue)).toBe(900 * 5_000 + 50 * 6_000);
    expect(at(MI.fuel_levy_lost)).toBeCloseTo(1000 * (70 + 5), 9);
    expect(at(MI.electricity_tax_gained)).toBeCloseTo((10_000 * 59 * 0.18) / 1.18, 9);
    expect(at(MI.net_fiscal)).toBeCloseTo(
      at(MI.subsidy_outlay) + at(MI.financing_support) + at(MI.tax_forgone) + at(MI.fuel_levy_lost) - at(MI.nev_levy_revenue) - at(MI.electricity_tax_gained),
      6,
    );
  });

  it("charger support is the government's share of the year's charger capital, a national line", () => {
    const { p, L, st, out, T } = stageInput();
    st.chargerCapex.set([1e6, 3e6, 0]);
    chargerSupportYear(p, L, 1, st, out);
    expect(out[cell(MI.charger_support, SEG_TOTAL, BRK_ALL, T, 1)]).toBeCloseTo(2e6, 6);
    expect(st.national.chargerSupportPkr).toBeCloseTo(2e6, 6);
  });
});
