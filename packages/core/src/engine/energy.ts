// Energy (docs/model.md section 6): fuel burned and electricity drawn by the fleet, from the fleet stage's
// km-weighted vintage sums. HEVs save a share of fuel; PHEVs split km by a utility factor; BEVs use kWh/km,
// divided by charging efficiency; on-site solar covers a share of charging, the grid the rest.
import { BEV, CNG, DIESEL, HEV, N_PT, PETROL, PHEV } from "../domain.js";
import { baseFuelPerKm } from "./fuel.js";
import { BRK_ALL, cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";

/** Share of a powertrain's km on fuel (ICE, HEV: all; PHEV: 1 - UF; BEV: none). */
function fuelKmShare(q: number, uf: number): number {
  return q === BEV ? 0 : q === PHEV ? 1 - uf : 1;
}
/** Share of a powertrain's km on electricity. */
function electricKmShare(q: number, uf: number): number {
  return q === BEV ? 1 : q === PHEV ? uf : 0;
}

/** One segment's fuel and electricity in year t, into the state; the fuel_use and electricity_demand rows. */
export function energyYear(p: Float64Array, L: ParamLayout, s: number, t: number, fuelPerKm: Float64Array, st: YearState, out: Float64Array): void {
  const ix = L.ix;
  const T = L.nYears;
  baseFuelPerKm(p, L, s, t, fuelPerKm);
  const fP = fuelPerKm[0];
  const fD = fuelPerKm[1];
  const fC = fuelPerKm[2];
  const hevKeep = 1 - p[ix["energy.hev_fuel_saving"][s] + t];
  const uf = p[ix["energy.phev_utility_factor"][s] + t];
  const kwhPerKm0 = p[ix["energy.ev_energy_use"][s]];
  const chargeEff = p[L.one["energy.charging_efficiency"] + t];
  const solar = p[ix["energy.solar_charging_share"][s] + t];
  const cngToPetrolL = p[L.one["energy.energy_content_cng"] + t] / p[L.one["energy.energy_content_petrol"] + t];
  let petrol = 0;
  let diesel = 0;
  let cng = 0;
  let charging = 0;
  let dispP = 0;
  let dispD = 0;
  const sv = s * N_PT;
  for (let q = 0; q < N_PT; q++) {
    const fuelKm = st.fuelWeightedKm[sv + q];
    const elecShare = electricKmShare(q, uf);
    const fk = fuelKm * fuelKmShare(q, uf) * (q === HEV ? hevKeep : 1);
    const lp = fk * fP;
    const ld = fk * fD;
    const kc = fk * fC;
    const kwh = (st.evWeightedKm[sv + q] * elecShare * kwhPerKm0) / chargeEff;
    st.petrolL[sv + q] = lp;
    st.dieselL[sv + q] = ld;
    st.cngKg[sv + q] = kc;
    st.chargingKwh[sv + q] = kwh;
    // Fuel an ICE vehicle of the same vintage would have burned on the electric km (petrol and diesel only).
    dispP += fuelKm * elecShare * fP;
    dispD += fuelKm * elecShare * fD;
    petrol += lp;
    diesel += ld;
    cng += kc;
    charging += kwh;
  }
  st.gridKwh[s] = charging * (1 - solar);
  st.displacedPetrolL[s] = dispP;
  st.displacedDieselL[s] = dispD;
  out[cell(MI.fuel_use, s, PETROL, T, t)] = petrol;
  out[cell(MI.fuel_use, s, DIESEL, T, t)] = diesel;
  out[cell(MI.fuel_use, s, CNG, T, t)] = cng * cngToPetrolL;
  out[cell(MI.electricity_demand, s, BRK_ALL, T, t)] = charging * 1e-6; // kWh -> GWh
}
