// Emissions (docs/model.md section 6): tank-to-wheel CO2 from fuel by emission factors; well-to-wheel adds the
// fuels' upstream factors and the grid electricity's intensity (on-site solar charging emits nothing).
import { N_PT } from "../domain.js";
import { cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";

/** One segment's CO2 by powertrain in year t (t CO2), from the energy stage's fuel and charging energy. */
export function emissionsYear(p: Float64Array, L: ParamLayout, s: number, t: number, st: YearState, out: Float64Array): void {
  const T = L.nYears;
  const efP = p[L.one["emissions.ttw_petrol"] + t];
  const efD = p[L.one["emissions.ttw_diesel"] + t];
  const efC = p[L.one["emissions.ttw_cng"] + t];
  const upP = p[L.one["emissions.wtt_petrol"] + t];
  const upD = p[L.one["emissions.wtt_diesel"] + t];
  const upC = p[L.one["emissions.wtt_cng"] + t];
  const grid = p[L.one["emissions.grid_intensity"] + t];
  const fromGrid = 1 - p[L.ix["energy.solar_charging_share"][s] + t];
  for (let q = 0; q < N_PT; q++) {
    const i = s * N_PT + q;
    const lp = st.petrolL[i];
    const ld = st.dieselL[i];
    const kc = st.cngKg[i];
    const ttw = (lp * efP + ld * efD + kc * efC) * 0.001; // kg -> t
    const wtw = ttw + (lp * upP + ld * upD + kc * upC + st.chargingKwh[i] * grid * fromGrid) * 0.001;
    out[cell(MI.co2_ttw, s, q, T, t)] = ttw;
    out[cell(MI.co2_wtw, s, q, T, t)] = wtw;
  }
}
