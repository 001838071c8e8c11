import { describe, expect, it } from "vitest";
import { BEV, HEV, ICE, METRIC_INDEX, N_PT, PHEV, cell } from "@evplan/core";
import { energyYear } from "./energy.js";
import { emissionsYear } from "./emissions.js";
import { stageInput } from "../../../../test/fixtures/stage-input.js";

// Car (segment 2): 5 L/100 km petrol, HEV saves 30%, PHEV utility factor 0.5, BEV 0.1 kWh/km at 80% charging.
function carYear(solar = 0) {
  const input = stageInput();
  input.set("energy.solar_charging_share.car", solar);
  const o = 2 * N_PT;
  for (const q of [ICE, HEV, PHEV, BEV]) {
    input.st.fuelWeightedKm[o + q] = 1e6;
    input.st.evWeightedKm[o + q] = 1e6;
  }
  energyYear(input.p, input.L, 2, 1, new Float64Array(3), input.st, input.out);
  return input;
}

describe("energy stage", () => {
  it("burns fuel by powertrain: ICE in full, HEV less its saving, PHEV on its fuel km, BEV none", () => {
    const { st } = carYear();
    const o = 2 * N_PT;
    expect(st.petrolL[o + ICE]).toBeCloseTo(50_000, 6);
    expect(st.petrolL[o + HEV]).toBeCloseTo(35_000, 6);
    expect(st.petrolL[o + PHEV]).toBeCloseTo(25_000, 6);
    expect(st.petrolL[o + BEV]).toBe(0);
    expect(st.dieselL[o + ICE]).toBe(0);
  });

  it("draws charging energy on electric km, the grid share net of on-site solar, and counts fuel displaced", () => {
    const { st } = carYear(0.25);
    const o = 2 * N_PT;
    expect(st.chargingKwh[o + BEV]).toBeCloseTo((1e6 * 0.1) / 0.8, 6);
    expect(st.chargingKwh[o + PHEV]).toBeCloseTo((0.5e6 * 0.1) / 0.8, 6);
    expect(st.gridKwh[2]).toBeCloseTo(((1.5e6 * 0.1) / 0.8) * 0.75, 6);
    // Fuel an ICE car would have burned on the BEV's and the PHEV's electric km.
    expect(st.displacedPetrolL[2]).toBeCloseTo(1.5e6 * 0.05, 6);
  });
});

describe("emissions stage", () => {
  it("tank-to-wheel from fuel; well-to-wheel adds upstream fuel and grid electricity, not on-site solar", () => {
    const input = carYear(0.25);
    input.st.evGridIntensity = 0.4;
    emissionsYear(input.p, input.L, 2, 1, input.st, input.out);
    const o = 2 * N_PT;
    const T = input.T;
    const at = (m: number, q: number) => input.out[cell(m, 2, q, T, 1)];
    const ttw = METRIC_INDEX.co2_ttw;
    const wtw = METRIC_INDEX.co2_wtw;
    expect(at(ttw, ICE)).toBeCloseTo((50_000 * 2.3) / 1000, 9);
    expect(at(wtw, ICE)).toBeCloseTo((50_000 * (2.3 + 0.5)) / 1000, 9);
    expect(at(ttw, BEV)).toBe(0);
    expect(at(wtw, BEV)).toBeCloseTo((input.st.chargingKwh[o + BEV] * 0.75 * 0.4) / 1000, 9);
  });
});
