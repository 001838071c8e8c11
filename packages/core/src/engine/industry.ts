// Industry and trade (docs/model.md sections 8 and 9): EVs and packs assembled here, their domestic value added
// and direct jobs; chargers' installation and upkeep (national); the oil import bill; EV imports above those of
// the combustion vehicles they replace; exports; the net foreign-exchange effect.
import { BEV, ICE, LITRES_PER_BARREL, N_PT, PHEV } from "../domain.js";
import { newPackKwh } from "./batteries.js";
import { chargerCapexTotal, N_CT } from "./infrastructure.js";
import { BRK_ALL, cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";

/** Import cost (USD) of road fuel in litres: barrels x crude price x refined-product premium x import share. */
export function oilImportUsd(p: Float64Array, L: ParamLayout, t: number, litres: number): number {
  const price = p[L.one["economy.oil_price"] + t] * (1 + p[L.one["economy.refined_product_premium"] + t]);
  return (litres / LITRES_PER_BARREL) * price * p[L.one["economy.oil_import_share"] + t];
}

/** One segment's industry and trade in year t. */
export function industryYear(p: Float64Array, L: ParamLayout, s: number, t: number, st: YearState, out: Float64Array): void {
  const ix = L.ix;
  const T = L.nYears;
  const o = s * N_PT;
  const bev = st.salesPt[o + BEV];
  const phev = st.salesPt[o + PHEV];
  const exports = p[ix["industry.exports"][s] + t];
  const packKwh = newPackKwh(p, L, s, t, st);

  // EVs assembled here (CKD share of sales, plus exports), their local content, and locally assembled packs.
  const fx = p[L.one["economy.exchange_rate"] + t];
  const cbuEv = p[ix["industry.cbu_share_ev"][s] + t];
  const cbuIce = p[ix["industry.cbu_share_ice"][s] + t];
  const localShare = p[ix["industry.localisation_share"][s] + t];
  const localShareIce = p[ix["industry.localisation_share_ice"][s] + t];
  const vaShare = p[L.one["industry.value_added_share"] + t];
  const packLocal = p[L.one["industry.local_pack_assembly_share"] + t];
  const evSales = bev + phev;
  const assembled = evSales * (1 - cbuEv) + exports;
  const priceBev = st.costs.priceEx[o + BEV];
  const pricePhev = st.costs.priceEx[o + PHEV];
  const avgPrice = evSales > 0 ? (bev * priceBev + phev * pricePhev) / evSales : priceBev;
  const packPkr = st.packUsd[s] * fx;
  const localPackKwh = packKwh * (1 - cbuEv) * packLocal;
  const valueAdded = assembled * avgPrice * localShare * vaShare + localPackKwh * packPkr * vaShare;
  const jobs = assembled * p[ix["industry.jobs_per_vehicle"][s] + t] + localPackKwh * 1e-6 * p[L.one["industry.jobs_per_gwh_packs"] + t];
  // Jobs lost: the combustion vehicles the EVs sold here replace would have been assembled here in the ICE
  // import form's CKD share, and the fuel their km no longer burn is not sold at the pump.
  const displacedL = st.displacedPetrolL[s] + st.displacedDieselL[s];
  const lost = evSales * (1 - cbuIce) * p[ix["industry.jobs_per_ice_vehicle"][s] + t] + displacedL * 1e-6 * p[L.one["industry.jobs_per_ml_fuel"] + t];
  out[cell(MI.local_value_added, s, BRK_ALL, T, t)] = valueAdded;
  out[cell(MI.jobs, s, BRK_ALL, T, t)] = jobs;
  out[cell(MI.jobs_lost, s, BRK_ALL, T, t)] = lost;
  out[cell(MI.jobs_net, s, BRK_ALL, T, t)] = jobs - lost;

  // Oil: the segment's road fuel, and the fuel its EVs displace.
  let litres = 0;
  for (let q = 0; q < N_PT; q++) litres += st.petrolL[o + q];
  let diesel = 0;
  for (let q = 0; q < N_PT; q++) diesel += st.dieselL[o + q];
  litres += diesel;
  out[cell(MI.oil_import_cost, s, BRK_ALL, T, t)] = oilImportUsd(p, L, t, litres);
  const oilAvoided = oilImportUsd(p, L, t, st.displacedPetrolL[s] + st.displacedDieselL[s]);

  // Imports: import content of the EVs sold above that of the ICE vehicles they replace (USD). A kit assembled
  // here imports at least its battery cells (no cells are made in Pakistan), whatever its local share by value.
  const cellShare = avgPrice > 0 ? Math.min(1, (kwhPerEv(p, L, s, t, st) * packPkr * p[L.one["industry.cell_share_of_pack"] + t]) / avgPrice) : 0;
  const ckdImportShare = Math.max(1 - localShare, cellShare);
  const evImportShare = cbuEv + (1 - cbuEv) * ckdImportShare;
  // The combustion vehicles replaced have their own, mature local content (not the EV's).
  const iceImportShare = cbuIce + (1 - cbuIce) * (1 - localShareIce);
  const evImportsPkr = evSales * avgPrice * evImportShare - evSales * st.costs.priceEx[o + ICE] * iceImportShare;
  const exportUsd = exports * p[ix["industry.export_price"][s] + t];
  const exportImportContent = exports * (avgPrice / fx) * ckdImportShare;
  const evImportsUsd = evImportsPkr / fx + exportImportContent;
  out[cell(MI.ev_imports, s, BRK_ALL, T, t)] = evImportsUsd;
  out[cell(MI.ev_exports, s, BRK_ALL, T, t)] = exportUsd;
  out[cell(MI.fx_net, s, BRK_ALL, T, t)] = oilAvoided - evImportsUsd + exportUsd;
}

/** Chargers are national: their installation (value added) and upkeep (jobs per installed point) this year. */
export function chargerIndustryYear(p: Float64Array, L: ParamLayout, t: number, st: YearState): void {
  let points = 0;
  for (let c = 0; c < N_CT; c++) points += st.points[c];
  st.national.chargerValueAddedPkr = chargerCapexTotal(st) * p[L.one["industry.value_added_share"] + t];
  st.national.chargerJobs = points * p[L.one["industry.jobs_per_charge_point"] + t];
}

/** Battery kWh of an average EV sold in segment s this year (BEV and PHEV weighted by sales; a BEV's if none). */
function kwhPerEv(p: Float64Array, L: ParamLayout, s: number, t: number, st: YearState): number {
  const bev = st.salesPt[s * N_PT + BEV];
  const phev = st.salesPt[s * N_PT + PHEV];
  const kBev = p[L.ix["vehicles.battery_kwh_bev"][s] + t];
  const kPhev = p[L.ix["vehicles.battery_kwh_phev"][s] + t];
  return bev + phev > 0 ? (bev * kBev + phev * kPhev) / (bev + phev) : kBev;
}
