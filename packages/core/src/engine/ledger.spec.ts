import { describe, expect, it } from "vitest";
import { BEV, BRK_ALL, HEV, ICE, METRIC_INDEX as MI, N_PT, SEG_TOTAL, cell } from "@evplan/core";
import { chargerSupportYear, ledgerYear } from "./ledger.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

describe("ledger stage", () => {
  it("books each line against its base and nets them: outlays minus the revenue change", () => {
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
    expect(at(MI.tax_expenditure)).toBe(50 * 30_000);
    expect(at(MI.nev_levy_revenue)).toBe(900 * 5_000 + 50 * 6_000);
    expect(at(MI.fuel_levy_lost)).toBeCloseTo(1000 * (70 + 5), 9);
    expect(at(MI.electricity_tax_gained)).toBeCloseTo((10_000 * 59 * 0.18) / 1.18, 9);
    expect(at(MI.revenue_change)).toBeCloseTo(
      at(MI.vehicle_tax_change) + at(MI.nev_levy_revenue) + at(MI.electricity_tax_gained) - at(MI.fuel_levy_lost) - at(MI.fuel_duty_lost),
      6,
    );
    expect(at(MI.net_fiscal)).toBeCloseTo(at(MI.subsidy_outlay) + at(MI.financing_support) - at(MI.revenue_change), 6);
  });

  it("charger support is the government's share of the year's charger capital, a national line", () => {
    const { p, L, st, out, T } = stageInput();
    st.chargerCapex.set([1e6, 3e6, 0]);
    chargerSupportYear(p, L, 1, st, out);
    expect(out[cell(MI.charger_support, SEG_TOTAL, BRK_ALL, T, 1)]).toBeCloseTo(2e6, 6);
    expect(st.national.chargerSupportPkr).toBeCloseTo(2e6, 6);
  });
});

describe("ledger definitions against the vehicle and fuel displaced", () => {
  it("with EV taxes equal to ICE taxes, the tax expenditure is zero and the vehicle revenue change is the rate times the price difference", async () => {
    const { computeCosts } = await import("./costs.js");
    const { p, L, st, out, T, set } = stageInput();
    set("taxes.sales_tax_ev.car", 0.18); // = ICE
    const o = 2 * N_PT; // cars
    computeCosts(p, L, 1, new Float64Array(6).fill(100), new Float64Array(6).fill(1), new Float64Array(6).fill(1), Float64Array.of(250, 260, 200), st.costs);
    st.salesPt[o + BEV] = 10;
    ledgerYear(p, L, 2, 1, st, out);
    const at = (m: number) => out[cell(m, 2, BRK_ALL, T, 1)];
    expect(at(MI.tax_expenditure)).toBeCloseTo(0, 6);
    // Tiny pack: no duties, registration or levy; BEV price 800,000 + 10 kWh x 100 USD x 280 PKR; ICE 1,000,000.
    const diff = 800_000 + 10 * 100 * 280 - 1_000_000;
    expect(at(MI.vehicle_tax_change)).toBeCloseTo(10 * 0.18 * diff, 3);
    // A dearer EV taxed at the same rate as the ICE it displaces raises revenue; no line but vehicles here.
    expect(at(MI.vehicle_tax_change)).toBeGreaterThan(0);
    expect(at(MI.revenue_change)).toBeCloseTo(at(MI.vehicle_tax_change), 6);
    expect(at(MI.net_fiscal)).toBeCloseTo(-at(MI.revenue_change), 6);
  });

  it("books customs duty on the imported share of displaced fuel at its landed value", async () => {
    const { fuelPricesYear } = await import("./fuel-prices.js");
    const { p, L, st, out, T } = stageInput();
    fuelPricesYear(p, L, 1, st, out);
    st.displacedDieselL[5] = 1e6;
    ledgerYear(p, L, 5, 1, st, out);
    expect(out[cell(MI.fuel_duty_lost, 5, BRK_ALL, T, 1)]).toBeCloseTo(1e6 * 0.85 * st.importParityPkr * 0.1, 3);
  });
});
