import { describe, expect, it } from "vitest";
import { CNG, DIESEL, LITRES_PER_BARREL, PETROL } from "@evplan/core";
import { fuelPricesYear, importParityPkrPerLitre } from "./fuel-prices.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

describe("fuel prices stage: crude reaches the pump", () => {
  // Tiny pack: crude 80 $/bbl, premium 10%, PKR 280/$, petrol ex-levy 180, diesel 190, levies 70, carbon 0.
  const parity = (80 * 1.1 * 280) / LITRES_PER_BARREL;

  it("reproduces the base-year pump price and passes a crude change through at parity", () => {
    const { p, L, st, out, c } = stageInput();
    expect(importParityPkrPerLitre(p, L, 0)).toBeCloseTo(parity, 9);
    fuelPricesYear(p, L, 0, st, out);
    expect(st.pumpPrice[PETROL]).toBeCloseTo(180 + 70, 9);
    expect(st.pumpPrice[DIESEL]).toBeCloseTo(190 + 70, 9);
    expect(st.pumpPrice[CNG]).toBe(200);
    // Crude up 50% in year 1: the pump price rises by half the parity, litre for litre, for both fuels.
    p[c.slots.get("economy.oil_price")! * c.nYears + 1] = 120;
    fuelPricesYear(p, L, 1, st, out);
    expect(st.pumpPrice[PETROL]).toBeCloseTo(250 + parity / 2, 9);
    expect(st.pumpPrice[DIESEL]).toBeCloseTo(260 + parity / 2, 9);
  });

  it("moves with the exchange rate and adds the levies per litre", () => {
    const { p, L, st, out, c, set } = stageInput();
    fuelPricesYear(p, L, 0, st, out);
    p[c.slots.get("economy.exchange_rate")! * c.nYears + 1] = 308;
    set("taxes.carbon_levy", 5);
    fuelPricesYear(p, L, 1, st, out);
    expect(st.pumpPrice[PETROL]).toBeCloseTo(250 + parity * 0.1 + 5, 9);
  });

  it("holds the set price when pass-through is 0 (a price freeze), whatever crude does", () => {
    const { p, L, st, out, c, set } = stageInput();
    fuelPricesYear(p, L, 0, st, out);
    set("prices.fuel_pass_through", 0);
    p[c.slots.get("economy.oil_price")! * c.nYears + 1] = 150;
    p[c.slots.get("prices.petrol_ex_levy")! * c.nYears + 1] = 200;
    fuelPricesYear(p, L, 1, st, out);
    expect(st.pumpPrice[PETROL]).toBeCloseTo(200 + 70, 9);
  });
});
