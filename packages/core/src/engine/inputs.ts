// The contract between the data pack and the engine: every parameter the engine reads, its unit and index.
// The scenario compiler checks the registry against this list, so a missing or mis-unitted parameter is
// an error before anything runs.
import type { IndexName } from "../domain.js";

export interface InputSpec {
  readonly name: string;
  readonly unit: string;
  readonly index?: IndexName;
}

const seg = (name: string, unit: string): InputSpec => ({ name, unit, index: "segment" });
const one = (name: string, unit: string): InputSpec => ({ name, unit });

export const ENGINE_INPUTS = [
  // Sales
  seg("sales.base_year", "vehicles/year"),
  seg("sales.growth_rate", "fraction/year"),
  seg("sales.historical_growth_rate", "fraction/year"),
  // Fleet
  seg("fleet.survival_lambda", "years"),
  seg("fleet.survival_shape", "dimensionless"),
  seg("fleet.base_bev_stock", "vehicles"),
  seg("fleet.base_phev_stock", "vehicles"),
  seg("fleet.base_hev_stock", "vehicles"),
  one("fleet.historical_ev_sales_growth", "fraction/year"),
  // Powertrain shares (targets mode)
  seg("adoption.target_ev_share", "fraction"),
  seg("adoption.bev_fraction_of_ev", "fraction"),
  seg("adoption.hev_share", "fraction"),
  // Activity
  seg("activity.vkt_new", "km/year"),
  seg("activity.vkt_decline", "fraction/year"),
  // Energy
  seg("energy.fuel_mix_petrol", "fraction"),
  seg("energy.fuel_mix_diesel", "fraction"),
  seg("energy.fuel_mix_cng", "fraction"),
  seg("energy.fuel_economy_petrol", "L/100km"),
  seg("energy.fuel_economy_diesel", "L/100km"),
  seg("energy.fuel_economy_cng", "kg/100km"),
  seg("energy.fuel_economy_improvement", "fraction/year"),
  seg("energy.hev_fuel_saving", "fraction"),
  seg("energy.phev_utility_factor", "fraction"),
  seg("energy.ev_energy_use", "kWh/km"),
  seg("energy.ev_efficiency_improvement", "fraction/year"),
  one("energy.charging_efficiency", "fraction"),
  seg("energy.solar_charging_share", "fraction"),
  one("energy.energy_content_petrol", "MJ/L"),
  one("energy.energy_content_diesel", "MJ/L"),
  one("energy.energy_content_cng", "MJ/kg"),
  one("energy.density_petrol", "kg/L"),
  one("energy.density_diesel", "kg/L"),
  // Emissions
  one("emissions.ttw_petrol", "kg CO2/L"),
  one("emissions.ttw_diesel", "kg CO2/L"),
  one("emissions.ttw_cng", "kg CO2/kg"),
  one("emissions.wtt_petrol", "kg CO2/L"),
  one("emissions.wtt_diesel", "kg CO2/L"),
  one("emissions.wtt_cng", "kg CO2/kg"),
  one("emissions.grid_intensity", "kg CO2/kWh"),
  // Economy
  one("economy.oil_price", "USD/bbl"),
  one("economy.refined_product_premium", "fraction"),
  one("economy.oil_import_share", "fraction"),
  one("economy.exchange_rate", "PKR/USD"),
] as const satisfies readonly InputSpec[];

/** Parameters that the calibration report reads but the engine does not. */
export const CALIBRATION_INPUTS = [
  one("calibration.registered_motorcycles", "vehicles"),
  one("calibration.registered_three_wheelers", "vehicles"),
  one("calibration.registered_four_wheelers", "vehicles"),
  one("calibration.registered_total", "vehicles"),
  one("calibration.road_petroleum_use", "Mt/year"),
] as const satisfies readonly InputSpec[];
