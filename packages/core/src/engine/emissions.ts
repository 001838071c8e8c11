// Emissions (docs/model.md section 6): tank-to-wheel CO2 from fuel by emission factors; the grid electricity EVs
// charge at the grid's intensity with their demand added (on-site solar charging emits nothing); well-to-wheel adds
// the fuels' upstream factors to both.
import { N_PT, N_SEG } from "../domain.js";
import { cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";

/**
 * The intensity EV charging is charged at (kg CO2/kWh): the grid's generation G at its average intensity plus the
 * EVs' grid demand D at the marginal intensity, over G + D. National: call once all segments' energy is known.
 */
export function evGridIntensityYear(p: Float64Array, L: ParamLayout, t: number, st: YearState): void {
  let d = 0;
  for (let s = 0; s < N_SEG; s++) d += st.gridKwh[s] * 1e-6; // kWh -> GWh
  const g = p[L.one["grid.baseline_generation"] + t];
  const avg = p[L.one["emissions.grid_intensity"] + t];
  const marginal = p[L.one["emissions.grid_marginal_intensity"] + t];
  st.evGridIntensity = g + d > 0 ? (g * avg + d * marginal) / (g + d) : avg;
}

/** One segment's CO2 by powertrain in year t (t CO2), from the energy stage's fuel and charging energy. */
export function emissionsYear(p: Float64Array, L: ParamLayout, s: number, t: number, st: YearState, out: Float64Array): void {
  const T = L.nYears;
  const efP = p[L.one["emissions.ttw_petrol"] + t];
  const efD = p[L.one["emissions.ttw_diesel"] + t];
  const efC = p[L.one["emissions.ttw_cng"] + t];
  const upP = p[L.one["emissions.wtt_petrol"] + t];
  const upD = p[L.one["emissions.wtt_diesel"] + t];
  const upC = p[L.one["emissions.wtt_cng"] + t];
  const grid = st.evGridIntensity;
  const fromGrid = 1 - p[L.ix["energy.solar_charging_share"][s] + t];
  for (let q = 0; q < N_PT; q++) {
    const i = s * N_PT + q;
    const lp = st.petrolL[i];
    const ld = st.dieselL[i];
    const kc = st.cngKg[i];
    const ttw = (lp * efP + ld * efD + kc * efC) * 0.001; // kg -> t
    const electricity = st.chargingKwh[i] * fromGrid * grid * 0.001;
    const wtw = ttw + (lp * upP + ld * upD + kc * upC) * 0.001 + electricity;
    out[cell(MI.co2_ttw, s, q, T, t)] = ttw;
    out[cell(MI.co2_electricity, s, q, T, t)] = electricity;
    out[cell(MI.co2_with_electricity, s, q, T, t)] = ttw + electricity;
    out[cell(MI.co2_wtw, s, q, T, t)] = wtw;
  }
}
