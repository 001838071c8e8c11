// The contract between the data pack and the engine: every parameter the engine reads, its unit and index.
// The scenario compiler checks the registry against this list, so a missing or mis-unitted parameter is
// an error before anything runs.
import type { IndexName } from "../domain.js";

export interface InputSpec {
  readonly name: string;
  readonly unit: string;
  readonly index?: IndexName;
}

// Generic in the name, so that each list's element type keeps the literal names: `InputName` below is their union
// and a misspelled parameter name is a type error wherever the engine reads one.
const seg = <N extends string>(name: N, unit: string) => ({ name, unit, index: "segment" as const });
const one = <N extends string>(name: N, unit: string) => ({ name, unit, index: undefined });

export const ENGINE_INPUTS = [
  // Sales
  seg("sales.base_year", "vehicles/year"),
  seg("sales.market_coverage", "dimensionless"),
  seg("sales.growth_rate", "fraction/year"),
  seg("sales.historical_growth_rate", "fraction/year"),
  // Dated sales before the base year: read through the history block of the compiled scenario (scenario/resolve.ts)
  seg("sales.historical", "vehicles/year"),
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
  one("emissions.grid_marginal_intensity", "kg CO2/kWh"),
  one("grid.baseline_generation", "GWh/year"),
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
  one("calibration.road_share_of_transport_petroleum", "fraction"),
  one("calibration.registered_buses", "vehicles"),
  one("calibration.registered_trucks", "vehicles"),
  one("calibration.petrol_sales", "Mt/year"),
  one("calibration.diesel_sales", "Mt/year"),
  one("calibration.diesel_non_road_share", "fraction"),
  one("calibration.hao_survival_scale_car", "years"),
  one("calibration.hao_survival_scale_bus", "years"),
  one("calibration.hao_survival_scale_truck", "years"),
] as const satisfies readonly InputSpec[];

const chem = <N extends string>(name: N, unit: string) => ({ name, unit, index: "chemistry" as const });
const ctype = <N extends string>(name: N, unit: string) => ({ name, unit, index: "charger_type" as const });

/** Market mode: costs of ownership, taxes, levers and the choice model (docs/model.md sections 3, 4, 9). */
export const MARKET_INPUTS = [
  // Energy prices and tariffs
  one("prices.petrol_ex_levy", "PKR/L"),
  one("prices.diesel_ex_levy", "PKR/L"),
  one("prices.cng", "PKR/kg"),
  one("prices.fuel_pass_through", "fraction"),
  one("taxes.petroleum_levy_petrol", "PKR/L"),
  one("taxes.petroleum_levy_diesel", "PKR/L"),
  one("taxes.carbon_levy", "PKR/L"),
  one("taxes.customs_duty_fuel", "fraction"),
  one("tariffs.home_charging", "PKR/kWh"),
  one("tariffs.public_charging", "PKR/kWh"),
  one("tariffs.battery_swap", "PKR/kWh"),
  one("tariffs.tou_discount", "fraction"),
  one("taxes.electricity_sales_tax", "fraction"),
  seg("charging.home_share", "fraction"),
  seg("charging.swap_share", "fraction"),
  one("grid.managed_share", "fraction"),
  // Vehicles
  seg("vehicles.price_ice", "PKR/vehicle"),
  seg("vehicles.price_premium_hev", "PKR/vehicle"),
  seg("vehicles.price_premium_phev", "PKR/vehicle"),
  seg("vehicles.price_bev_ex_battery", "PKR/vehicle"),
  seg("vehicles.battery_kwh_bev", "kWh"),
  seg("vehicles.battery_kwh_phev", "kWh"),
  seg("vehicles.maintenance_ice", "PKR/km"),
  seg("vehicles.ev_maintenance_saving", "fraction"),
  seg("vehicles.insurance_rate", "fraction/year"),
  seg("batteries.pack_life_years", "years"),
  // Finance
  seg("finance.discount_rate", "fraction/year"),
  seg("finance.ownership_years", "years"),
  one("finance.loan_rate", "fraction/year"),
  one("finance.loan_term", "years"),
  seg("finance.loan_cap", "PKR/vehicle"),
  seg("finance.ev_loan_uptake", "fraction"),
  // Taxes, duties, levies
  seg("taxes.sales_tax_ice", "fraction"),
  seg("taxes.sales_tax_hev", "fraction"),
  seg("taxes.sales_tax_ev", "fraction"),
  seg("taxes.customs_duty_cbu_ice", "fraction"),
  seg("taxes.customs_duty_cbu_ev", "fraction"),
  seg("taxes.customs_duty_ckd_ice", "fraction"),
  seg("taxes.customs_duty_ckd_ev", "fraction"),
  seg("industry.cbu_share_ice", "fraction"),
  seg("industry.cbu_share_ev", "fraction"),
  seg("taxes.registration_rate", "fraction"),
  // Policy levers
  seg("policy.ev_registration_exemption", "fraction"),
  seg("policy.nev_levy_rate", "fraction"),
  seg("policy.subsidy_per_vehicle", "PKR/vehicle"),
  seg("policy.subsidy_per_kwh", "PKR/kWh"),
  one("policy.subsidy_budget", "PKR"),
  seg("policy.markup_support", "fraction/year"),
  seg("policy.min_ev_share", "fraction"),
  one("policy.subsidy_scale", "dimensionless"),
  // Choice model
  seg("choice.cost_sensitivity", "dimensionless"),
  seg("choice.charging_barrier", "dimensionless"),
  seg("choice.charging_half_access", "points/10k vehicles"),
  seg("choice.mature_constant", "dimensionless"),
  one("choice.mature_constant_offset", "dimensionless"),
  one("choice.gap_persistence", "fraction"),
  seg("choice.barrier_depth", "dimensionless"),
  seg("choice.barrier_decay", "dimensionless"),
  seg("choice.adjustment_speed", "fraction"),
  seg("choice.range_penalty", "dimensionless"),
  one("choice.base_share_floor", "fraction"),
  // Public charging available to buyers (issue 4 sizes the network; this is the planned minimum)
  ctype("charging.planned_points", "points"),
  seg("charging.access_weight_ac", "fraction"),
  seg("charging.access_weight_dc_fast", "fraction"),
  seg("charging.access_weight_swap_station", "fraction"),
  // Batteries
  chem("batteries.pack_cost_base", "USD/kWh"),
  chem("batteries.learning_rate", "fraction"),
  chem("batteries.pack_cost_floor", "USD/kWh"),
  chem("batteries.global_cumulative_production", "GWh"),
  seg("batteries.chemistry_share_lfp", "fraction"),
  seg("batteries.chemistry_share_nmc", "fraction"),
  seg("batteries.chemistry_share_sodium_ion", "fraction"),
  one("batteries.chemistry_cost_sensitivity", "dimensionless"),
] as const satisfies readonly InputSpec[];

/** Infrastructure, grid, batteries and industry (docs/model.md sections 7, 8 and the FX part of 9). */
export const SYSTEM_INPUTS = [
  ctype("charging.utilisation", "kWh/point/day"),
  ctype("charging.capex", "PKR/point"),
  one("charging.government_capex_share", "fraction"),
  one("charging.motorway_network_km", "km"),
  one("charging.motorway_spacing_km", "km"),
  one("charging.points_per_motorway_site", "points/site"),
  ctype("charging.urban_minimum_points", "points"),
  one("grid.installed_capacity", "MW"),
  one("grid.peak_share_unmanaged", "fraction"),
  one("grid.peak_share_managed", "fraction"),
  one("grid.solar_daytime_share", "fraction"),
  chem("batteries.lithium_intensity", "kg LCE/kWh"),
  one("batteries.second_life_share", "fraction"),
  seg("industry.localisation_share", "fraction"),
  seg("industry.localisation_share_ice", "fraction"),
  one("industry.value_added_share", "fraction"),
  seg("industry.jobs_per_vehicle", "jobs/vehicle"),
  seg("industry.jobs_per_ice_vehicle", "jobs/vehicle"),
  one("industry.jobs_per_ml_fuel", "jobs/ML"),
  one("industry.cell_share_of_pack", "fraction"),
  one("industry.jobs_per_charge_point", "jobs/point"),
  one("industry.jobs_per_gwh_packs", "jobs/GWh"),
  one("industry.local_pack_assembly_share", "fraction"),
  seg("industry.exports", "vehicles/year"),
  seg("industry.export_price", "USD/vehicle"),
] as const satisfies readonly InputSpec[];

/** The name of every parameter the engine reads, as a literal union. */
export type InputName = (typeof ENGINE_INPUTS)[number]["name"] | (typeof MARKET_INPUTS)[number]["name"] | (typeof SYSTEM_INPUTS)[number]["name"];
/** Names of the parameters the engine reads by index (one offset per key) and as scalars. */
export type IndexedInputName = Extract<
  (typeof ENGINE_INPUTS)[number] | (typeof MARKET_INPUTS)[number] | (typeof SYSTEM_INPUTS)[number],
  { index: IndexName }
>["name"];
export type ScalarInputName = Exclude<InputName, IndexedInputName>;
