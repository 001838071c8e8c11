// Public charging and grid load (docs/model.md section 7): charge points sized by public energy demand and a
// utilisation assumption, never below the planned deployment and the coverage minimums (motorway corridors,
// urban density), never removed; peak charging load from daily energy and charging profiles.

import { BRK_ALL, SEG_TOTAL, cell, type ParamLayout } from "./layout.js";
import { METRIC_INDEX as MI } from "./metrics.js";
import type { YearState } from "./state.js";
import { N_SEG } from "../domain.js";

export const AC = 0;
export const DC_FAST = 1;
export const SWAP = 2;
export const N_CT = 3;

/** Split one segment's grid charging energy (kWh) into public AC, DC fast and swap-station energy (adds to `byType`). */
export function addPublicEnergy(p: Float64Array, L: ParamLayout, t: number, s: number, kwh: number, byType: Float64Array): void {
  const home = p[L.ix["charging.home_share"][s] + t];
  const swap = Math.min(p[L.ix["charging.swap_share"][s] + t], 1 - home);
  const plug = Math.max(0, 1 - home - swap);
  const wAc = p[L.ix["charging.access_weight_ac"][s] + t];
  const wDc = p[L.ix["charging.access_weight_dc_fast"][s] + t];
  const acShare = wAc + wDc > 0 ? wAc / (wAc + wDc) : 1;
  byType[AC] += kwh * plug * acShare;
  byType[DC_FAST] += kwh * plug * (1 - acShare);
  byType[SWAP] += kwh * swap;
}

/**
 * Points installed at the end of year t by type: max(installed before, planned, demand-sized, coverage minimum).
 * `installed` holds last year's points on entry and this year's on exit; `added` gets the new points.
 */
export function sizeChargers(p: Float64Array, L: ParamLayout, t: number, publicKwh: Float64Array, installed: Float64Array, added: Float64Array): void {
  const motorwaySites = p[L.one["charging.motorway_network_km"] + t] / Math.max(1e-9, p[L.one["charging.motorway_spacing_km"] + t]);
  const motorwayPoints = motorwaySites * p[L.one["charging.points_per_motorway_site"] + t];
  for (let c = 0; c < N_CT; c++) {
    const util = p[L.ix["charging.utilisation"][c] + t];
    const needed = util > 0 ? publicKwh[c] / (365 * util) : 0;
    const minimum = p[L.ix["charging.urban_minimum_points"][c] + t] + (c === DC_FAST ? motorwayPoints : 0);
    const planned = p[L.ix["charging.planned_points"][c] + t];
    const before = t === 0 ? p[L.ix["charging.planned_points"][c]] : installed[c];
    const now = Math.max(before, planned, needed, minimum);
    added[c] = now - before;
    installed[c] = now;
  }
}

/** Public charge points usable by a segment, weighted by the types it uses, per 10,000 vehicles of `segmentStock`. */
export function chargingAccess(p: Float64Array, L: ParamLayout, t: number, s: number, installed: Float64Array, segmentStock: number): number {
  const w =
    p[L.ix["charging.access_weight_ac"][s] + t] * installed[AC] +
    p[L.ix["charging.access_weight_dc_fast"][s] + t] * installed[DC_FAST] +
    p[L.ix["charging.access_weight_swap_station"][s] + t] * installed[SWAP];
  return segmentStock > 0 ? (w * 1e4) / segmentStock : 0;
}

/**
 * Charging load at the system peak (MW) of one segment from its annual grid energy (GWh): the daily energy times
 * the share drawn in the peak hour, managed home charging at the managed profile, daytime-solar charging off-peak.
 */
export function peakLoadMw(p: Float64Array, L: ParamLayout, t: number, s: number, gridGwh: number): number {
  const dailyMwh = (gridGwh * 1000) / 365;
  const home = p[L.ix["charging.home_share"][s] + t];
  const managed = p[L.one["grid.managed_share"] + t];
  const pu = p[L.one["grid.peak_share_unmanaged"] + t];
  const pm = p[L.one["grid.peak_share_managed"] + t];
  const daytime = p[L.one["grid.solar_daytime_share"] + t];
  const profile = home * (managed * pm + (1 - managed) * pu) + (1 - home) * pu;
  return dailyMwh * (1 - daytime) * profile;
}

/**
 * The year's public charging network (national): grid energy of every segment split by charger type, points sized
 * and their capital cost into the state; the charger rows and each segment's peak charging load.
 */
export function infrastructureYear(p: Float64Array, L: ParamLayout, t: number, st: YearState, out: Float64Array): void {
  const T = L.nYears;
  st.publicKwh.fill(0);
  for (let s = 0; s < N_SEG; s++) addPublicEnergy(p, L, t, s, st.gridKwh[s], st.publicKwh);
  sizeChargers(p, L, t, st.publicKwh, st.points, st.pointsAdded);
  let capex = 0;
  let points = 0;
  let added = 0;
  for (let c = 0; c < N_CT; c++) {
    const cost = st.pointsAdded[c] * p[L.ix["charging.capex"][c] + t];
    st.chargerCapex[c] = cost;
    capex += cost;
    points += st.points[c];
    added += st.pointsAdded[c];
    out[cell(MI.public_chargers, SEG_TOTAL, c, T, t)] = st.points[c];
    out[cell(MI.new_public_chargers, SEG_TOTAL, c, T, t)] = st.pointsAdded[c];
    out[cell(MI.charger_capex, SEG_TOTAL, c, T, t)] = cost;
  }
  out[cell(MI.public_chargers, SEG_TOTAL, BRK_ALL, T, t)] = points;
  out[cell(MI.new_public_chargers, SEG_TOTAL, BRK_ALL, T, t)] = added;
  out[cell(MI.charger_capex, SEG_TOTAL, BRK_ALL, T, t)] = capex;
  for (let s = 0; s < N_SEG; s++) out[cell(MI.peak_charging_load, s, BRK_ALL, T, t)] = peakLoadMw(p, L, t, s, st.gridKwh[s] * 1e-6);
}

/** Total capital cost of the points added this year (PKR). */
export function chargerCapexTotal(st: YearState): number {
  let x = 0;
  for (let c = 0; c < N_CT; c++) x += st.chargerCapex[c];
  return x;
}
