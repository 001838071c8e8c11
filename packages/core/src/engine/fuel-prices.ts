// Fuel prices (docs/model.md section 4): crude reaches the pump. The ex-levy price of petrol and diesel is the
// import-parity price (crude x (1 + refined-product premium) x exchange rate per litre) plus the margins, duties
// and freight over it, which are fixed at their base-year level (the base year's set price minus its parity, so
// the base-year pump price is reproduced exactly); a pass-through share below 1 blends in the set price path,
// which is how a user fixes pump prices. The petroleum and carbon levies are added per litre. CNG keeps its set
// price (it is priced from domestic gas).
import { CNG, DIESEL, LITRES_PER_BARREL, PETROL } from "../domain.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import { SEG_TOTAL, cell, type ParamLayout } from "./layout.js";
import type { YearState } from "./state.js";

/** Import-parity price of a refined product (PKR/L) in year t. */
export function importParityPkrPerLitre(p: Float64Array, L: ParamLayout, t: number): number {
  const crude = p[L.one["economy.oil_price"] + t];
  const premium = p[L.one["economy.refined_product_premium"] + t];
  return (crude * (1 + premium) * p[L.one["economy.exchange_rate"] + t]) / LITRES_PER_BARREL;
}

export function fuelPricesYear(p: Float64Array, L: ParamLayout, t: number, st: YearState, out: Float64Array): void {
  const parity = importParityPkrPerLitre(p, L, t);
  st.importParityPkr = parity;
  const setPetrol = p[L.one["prices.petrol_ex_levy"] + t];
  const setDiesel = p[L.one["prices.diesel_ex_levy"] + t];
  if (t === 0) {
    st.parityMargin[PETROL] = setPetrol - parity;
    st.parityMargin[DIESEL] = setDiesel - parity;
  }
  const pass = p[L.one["prices.fuel_pass_through"] + t];
  const carbon = p[L.one["taxes.carbon_levy"] + t];
  const petrol = pass * (parity + st.parityMargin[PETROL]) + (1 - pass) * setPetrol;
  const diesel = pass * (parity + st.parityMargin[DIESEL]) + (1 - pass) * setDiesel;
  // A price can fall to its levies but not below: parity below the margins' negative would mean paying buyers.
  st.exLevyPrice[PETROL] = Math.max(0, petrol);
  st.exLevyPrice[DIESEL] = Math.max(0, diesel);
  st.exLevyPrice[CNG] = p[L.one["prices.cng"] + t];
  st.pumpPrice[PETROL] = st.exLevyPrice[PETROL] + p[L.one["taxes.petroleum_levy_petrol"] + t] + carbon;
  st.pumpPrice[DIESEL] = st.exLevyPrice[DIESEL] + p[L.one["taxes.petroleum_levy_diesel"] + t] + carbon;
  st.pumpPrice[CNG] = st.exLevyPrice[CNG];
  const T = L.nYears;
  for (let f = 0; f < 3; f++) out[cell(MI.fuel_price, SEG_TOTAL, f, T, t)] = st.pumpPrice[f];
}
