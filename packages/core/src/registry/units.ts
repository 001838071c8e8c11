// The closed list of units a parameter may declare, with the physical domain of each.
// A scenario override must use the parameter's own unit; values outside the domain are refused.

export interface UnitInfo {
  readonly description: string;
  readonly min: number;
  readonly max: number;
}

const nonNegative = (description: string): UnitInfo => ({ description, min: 0, max: Infinity });

export const UNITS: Readonly<Record<string, UnitInfo>> = {
  fraction: { description: "share between 0 and 1", min: 0, max: 1 },
  "fraction/year": { description: "annual rate (0.05 = 5% a year)", min: -1, max: 10 },
  vehicles: nonNegative("vehicles"),
  "vehicles/year": nonNegative("vehicles sold per year"),
  years: nonNegative("years"),
  dimensionless: { description: "pure number", min: -Infinity, max: Infinity },
  "km/year": nonNegative("kilometres per vehicle per year"),
  km: nonNegative("kilometres"),
  "L/100km": nonNegative("litres per 100 km"),
  "kg/100km": nonNegative("kilograms per 100 km"),
  "kWh/km": nonNegative("kilowatt-hours per km at the battery"),
  kWh: nonNegative("kilowatt-hours"),
  "kg/L": nonNegative("kilograms per litre"),
  "MJ/kg": nonNegative("megajoules per kilogram"),
  "MJ/L": nonNegative("megajoules per litre"),
  "kg CO2/L": nonNegative("kilograms of CO2 per litre"),
  "kg CO2/kg": nonNegative("kilograms of CO2 per kilogram"),
  "kg CO2/kWh": nonNegative("kilograms of CO2 per kilowatt-hour"),
  PKR: { description: "Pakistani rupees (constant base-year)", min: -Infinity, max: Infinity },
  "PKR/vehicle": { description: "rupees per vehicle", min: -Infinity, max: Infinity },
  "PKR/L": nonNegative("rupees per litre"),
  "PKR/kg": nonNegative("rupees per kilogram"),
  "PKR/kWh": nonNegative("rupees per kilowatt-hour"),
  "PKR/year": nonNegative("rupees per year"),
  "PKR/km": nonNegative("rupees per kilometre"),
  "PKR/USD": nonNegative("rupees per US dollar"),
  "PKR/point": nonNegative("rupees per charge point"),
  "PKR/year/budget": nonNegative("rupees per year of budget"),
  USD: { description: "US dollars", min: -Infinity, max: Infinity },
  "USD/bbl": nonNegative("US dollars per barrel"),
  "USD/kWh": nonNegative("US dollars per kilowatt-hour of battery pack"),
  "USD/vehicle": nonNegative("US dollars per vehicle"),
  GWh: nonNegative("gigawatt-hours"),
  "GWh/year": nonNegative("gigawatt-hours per year"),
  MW: nonNegative("megawatts"),
  "t LCE/kWh": nonNegative("tonnes of lithium carbonate equivalent per kWh"),
  "kg LCE/kWh": nonNegative("kilograms of lithium carbonate equivalent per kWh"),
  "jobs/unit": nonNegative("jobs per unit"),
  "points/100 EVs": nonNegative("charge points per 100 EVs"),
  "kWh/point/day": nonNegative("kWh delivered per charge point per day"),
  "kWh/day": nonNegative("kWh per day"),
  points: nonNegative("charge points"),
  "points/site": nonNegative("charge points per site"),
  "PKR/vehicle/year": nonNegative("rupees per vehicle per year"),
  "USD/GWh": nonNegative("US dollars per GWh"),
  "Mt/year": nonNegative("million tonnes per year"),
  "points/10k vehicles": nonNegative("public charge points per 10,000 vehicles of the segment"),
  "jobs/GWh": nonNegative("jobs per GWh a year"),
  "jobs/point": nonNegative("jobs per charge point installed"),
  "jobs/vehicle": nonNegative("jobs per vehicle a year"),
  "jobs/ML": nonNegative("jobs per million litres of fuel sold a year"),
  "USD/year": nonNegative("US dollars per year"),
};

export function isKnownUnit(unit: string): boolean {
  return Object.prototype.hasOwnProperty.call(UNITS, unit);
}
