// The closed list of units a parameter may declare, with the physical domain of each.
// A scenario override must use the parameter's own unit; values outside the domain are refused.
// Every domain is finite: a product of in-domain inputs stays a finite number, so no input can make the engine
// overflow. The maxima are physical ceilings far above anything plausible (a vehicle cannot drive a million km a
// year; no price reaches a hundred billion rupees per vehicle), not plausibility ranges.

export interface UnitInfo {
  readonly description: string;
  readonly min: number;
  readonly max: number;
  /** The bound itself is excluded (the quantity divides somewhere, or compounds). */
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
}

const upTo = (description: string, max: number): UnitInfo => ({ description, min: 0, max });
const signed = (description: string, max: number): UnitInfo => ({ description, min: -max, max });

export const UNITS: Readonly<Record<string, UnitInfo>> = {
  fraction: { description: "share between 0 and 1", min: 0, max: 1 },
  // Compounded over 40 vintages forwards and backwards: a rate of 50% a year either way is the physical ceiling.
  "fraction/year": { description: "annual rate (0.05 = 5% a year)", min: -0.5, max: 1 },
  vehicles: upTo("vehicles", 2e9),
  "vehicles/year": upTo("vehicles sold per year", 2e9),
  years: upTo("years", 200),
  dimensionless: signed("pure number", 1e3),
  "km/year": upTo("kilometres per vehicle per year", 1e6),
  km: upTo("kilometres", 1e7),
  "L/100km": upTo("litres per 100 km", 1e3),
  "kg/100km": upTo("kilograms per 100 km", 1e3),
  "kWh/km": upTo("kilowatt-hours per km at the battery", 100),
  kWh: upTo("kilowatt-hours", 1e5),
  "kg/L": upTo("kilograms per litre", 20),
  "MJ/kg": upTo("megajoules per kilogram", 200),
  "MJ/L": upTo("megajoules per litre", 200),
  "kg CO2/L": upTo("kilograms of CO2 per litre", 20),
  "kg CO2/kg": upTo("kilograms of CO2 per kilogram", 20),
  "kg CO2/kWh": upTo("kilograms of CO2 per kilowatt-hour", 10),
  PKR: signed("Pakistani rupees (constant base-year)", 1e16),
  "PKR/vehicle": upTo("rupees per vehicle", 1e11),
  "PKR/L": upTo("rupees per litre", 1e6),
  "PKR/kg": upTo("rupees per kilogram", 1e6),
  "PKR/kWh": upTo("rupees per kilowatt-hour", 1e7),
  "PKR/year": upTo("rupees per year", 1e16),
  "PKR/km": upTo("rupees per kilometre", 1e6),
  "PKR/USD": { description: "rupees per US dollar", min: 0, max: 1e6, minOpen: true },
  "PKR/point": upTo("rupees per charge point", 1e11),
  "PKR/year/budget": upTo("rupees per year of budget", 1e16),
  USD: signed("US dollars", 1e14),
  "USD/bbl": upTo("US dollars per barrel", 1e4),
  "USD/kWh": upTo("US dollars per kilowatt-hour of battery pack", 1e5),
  "USD/vehicle": upTo("US dollars per vehicle", 1e9),
  GWh: upTo("gigawatt-hours", 1e9),
  "GWh/year": upTo("gigawatt-hours per year", 1e9),
  MW: upTo("megawatts", 1e8),
  "t LCE/kWh": upTo("tonnes of lithium carbonate equivalent per kWh", 1),
  "kg LCE/kWh": upTo("kilograms of lithium carbonate equivalent per kWh", 100),
  "jobs/unit": upTo("jobs per unit", 1e4),
  "points/100 EVs": upTo("charge points per 100 EVs", 1e4),
  "kWh/point/day": upTo("kWh delivered per charge point per day", 1e6),
  "kWh/day": upTo("kWh per day", 1e10),
  points: upTo("charge points", 1e9),
  "points/site": upTo("charge points per site", 1e4),
  "PKR/vehicle/year": upTo("rupees per vehicle per year", 1e11),
  "USD/GWh": upTo("US dollars per GWh", 1e13),
  "Mt/year": upTo("million tonnes per year", 1e5),
  "points/10k vehicles": upTo("public charge points per 10,000 vehicles of the segment", 1e7),
  "jobs/GWh": upTo("jobs per GWh a year", 1e6),
  "jobs/point": upTo("jobs per charge point installed", 1e3),
  "jobs/vehicle": upTo("jobs per vehicle a year", 1e3),
  "jobs/ML": upTo("jobs per million litres of fuel sold a year", 1e4),
  "USD/year": upTo("US dollars per year", 1e14),
};

export function isKnownUnit(unit: string): boolean {
  return Object.prototype.hasOwnProperty.call(UNITS, unit);
}
