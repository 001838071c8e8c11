// Label tables for every face (CLI tables, web charts, exports): one place for the words shown for codes.
import type { Breakdown } from "../engine/metrics.js";

/** Plural names for tables and charts, with "total" for the sum of all segments. */
export const SEGMENT_LABELS: Readonly<Record<string, string>> = {
  two_wheeler: "2-wheelers",
  three_wheeler: "3-wheelers",
  car: "cars",
  lcv: "LCVs",
  bus: "buses",
  truck: "trucks",
  total: "all segments",
};

/** Singular names, for a lever that acts on one segment ("subsidy per vehicle: 2-wheeler"). */
export const SEGMENT_LABELS_SINGULAR: Readonly<Record<string, string>> = {
  two_wheeler: "2-wheeler",
  three_wheeler: "3-wheeler",
  car: "car",
  lcv: "LCV",
  bus: "bus",
  truck: "truck",
};

/** Names of breakdown keys: powertrains, fuels, chemistries, charger types. */
export const BREAKDOWN_LABELS: Readonly<Record<Breakdown, Readonly<Record<string, string>>>> = {
  powertrain: { ice: "ICE", hev: "HEV", phev: "PHEV", bev: "BEV" },
  fuel: { petrol: "petrol", diesel: "diesel", cng: "CNG" },
  chemistry: { lfp: "LFP", nmc: "NMC", sodium_ion: "sodium-ion" },
  charger_type: { ac: "AC", dc_fast: "DC fast", swap_station: "swap station" },
};

/** The label of any key a lever or a row may carry: a segment (singular) or a breakdown key. */
export function keyLabel(key: string): string {
  if (SEGMENT_LABELS_SINGULAR[key]) return SEGMENT_LABELS_SINGULAR[key];
  for (const table of Object.values(BREAKDOWN_LABELS)) if (table[key]) return table[key];
  return key;
}

/** Names of lever groups, in the order a planner shows them. */
export const LEVER_GROUP_LABELS: Readonly<Record<string, string>> = {
  incentives: "Purchase incentives",
  taxes_levies: "Taxes and levies",
  charging: "Charging",
  industry: "Industry",
  technology_prices: "Technology and prices",
  adoption: "Adoption",
  economy: "Economy",
};
