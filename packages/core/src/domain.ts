// The model's fixed dimensions (docs/model.md section 1). Order matters: array layouts use these indices.

export const SEGMENTS = ["two_wheeler", "three_wheeler", "car", "lcv", "bus", "truck"] as const;
export type Segment = (typeof SEGMENTS)[number];
export const N_SEG = SEGMENTS.length;

export const POWERTRAINS = ["ice", "hev", "phev", "bev"] as const;
export type Powertrain = (typeof POWERTRAINS)[number];
export const N_PT = POWERTRAINS.length;
export const ICE = 0;
export const HEV = 1;
export const PHEV = 2;
export const BEV = 3;

export const CHEMISTRIES = ["lfp", "nmc", "sodium_ion"] as const;
export type Chemistry = (typeof CHEMISTRIES)[number];
export const N_CHEM = CHEMISTRIES.length;

/** Combustion fuels. CNG is metered in kg; see the fuel_use metric for how it is reported. */
export const FUELS = ["petrol", "diesel", "cng"] as const;
export type Fuel = (typeof FUELS)[number];
export const N_FUEL = FUELS.length;
export const PETROL = 0;
export const DIESEL = 1;
export const CNG = 2;

export const CHARGER_TYPES = ["ac", "dc_fast", "swap_station"] as const;
export type ChargerType = (typeof CHARGER_TYPES)[number];

/** Every dimension a parameter may be indexed by. */
export const INDEX_KEYS = {
  segment: SEGMENTS,
  powertrain: POWERTRAINS,
  chemistry: CHEMISTRIES,
  fuel: FUELS,
  charger_type: CHARGER_TYPES,
} as const;
export type IndexName = keyof typeof INDEX_KEYS;

/** Oldest age modelled; a vehicle older than this has retired. */
export const MAX_AGE = 40;

export const LITRES_PER_BARREL = 158.987294928;

/** The planner's lever groups, in the order the levers panel shows them. Here, not beside the schema that checks
 * them: the web page reads them without loading the schema library. */
export const LEVER_GROUPS = ["incentives", "taxes_levies", "charging", "industry", "technology_prices", "adoption", "economy"] as const;
