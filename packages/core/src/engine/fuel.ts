// Fuel per km of a base-year new combustion vehicle, by fuel, weighted by each fuel's share of the segment's km.
import type { ParamLayout } from "./layout.js";

/** Writes L/km of petrol, L/km of diesel and kg/km of CNG for segment s in year t into out[0..2]. */
export function baseFuelPerKm(p: Float64Array, L: ParamLayout, s: number, t: number, out: Float64Array): void {
  const ix = L.ix;
  const mixP = p[ix["energy.fuel_mix_petrol"][s] + t];
  const mixD = p[ix["energy.fuel_mix_diesel"][s] + t];
  const mixC = p[ix["energy.fuel_mix_cng"][s] + t];
  const mixSum = mixP + mixD + mixC > 0 ? mixP + mixD + mixC : 1;
  // Fuel economy parameters are read at the base year; later vintages follow the improvement rate.
  out[0] = (mixP / mixSum) * p[ix["energy.fuel_economy_petrol"][s]] * 0.01;
  out[1] = (mixD / mixSum) * p[ix["energy.fuel_economy_diesel"][s]] * 0.01;
  out[2] = (mixC / mixSum) * p[ix["energy.fuel_economy_cng"][s]] * 0.01;
}
