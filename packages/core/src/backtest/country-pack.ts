// A country pack for the backtest: the planner's parameter buffer for one region of the IEA history, with each
// IEA mode in one of the planner's segments, the base year at the cut-off (or a training origin), the observed
// EV share and cumulative adoption at that year, and a generic vehicle of each mode whose battery follows the
// BNEF survey through the planner's learning curve. Built directly as a compiled buffer (no data pack is read),
// so the CLI and the web planner run the same backtest.
import { INDEX_KEYS, N_SEG, SEGMENTS, type Segment } from "../domain.js";
import { ALL_INPUTS, buildParamLayout, type ParamLayout } from "../engine/layout.js";
import type { RunFlags } from "../engine/engine.js";
import { BNEF_PACK_PRICES, impliedExperience, packPrice, type CitedValue } from "./battery-prices.js";

/** The planner segment that carries each IEA mode (three-wheelers have no IEA series of their own). */
export const SEGMENT_OF_MODE: Readonly<Record<string, Segment>> = {
  "2 and 3 wheelers": "two_wheeler",
  Cars: "car",
  Vans: "lcv",
  Buses: "bus",
  Trucks: "truck",
};
export const PANEL_MODES = Object.keys(SEGMENT_OF_MODE);

type PerSegment = readonly [number, number, number, number, number, number];
const seg = (...v: PerSegment): PerSegment => v;

/**
 * A generic mature-market vehicle per segment (USD, litres, kWh), an assumption: the base year is reproduced
 * from the observed share whatever these levels are, so only the change of the BEV's cost after the base year
 * (its battery, on the BNEF path) reaches the forecast, scaled by the battery's share of the cost per km.
 */
const VEHICLES: Record<string, PerSegment> = {
  "vehicles.price_ice": seg(1200, 2500, 28000, 32000, 250000, 120000),
  "vehicles.price_bev_ex_battery": seg(900, 2000, 24000, 27000, 220000, 110000),
  "vehicles.battery_kwh_bev": seg(2, 6, 55, 60, 300, 400),
  "vehicles.battery_kwh_phev": seg(1, 3, 15, 15, 100, 100),
  "vehicles.price_premium_hev": seg(200, 400, 2500, 3000, 20000, 15000),
  "vehicles.price_premium_phev": seg(300, 600, 4000, 5000, 30000, 25000),
  "vehicles.maintenance_ice": seg(0.01, 0.02, 0.05, 0.07, 0.3, 0.2),
  "energy.fuel_economy_petrol": seg(2.5, 4, 7, 9, 35, 30),
  "energy.fuel_economy_diesel": seg(2.5, 4, 6, 8, 35, 30),
  "energy.ev_energy_use": seg(0.03, 0.06, 0.17, 0.22, 1.1, 1.3),
  "activity.vkt_new": seg(6000, 20000, 14000, 20000, 60000, 80000),
  "energy.fuel_mix_petrol": seg(1, 1, 1, 0.5, 0, 0),
  "energy.fuel_mix_diesel": seg(0, 0, 0, 0.5, 1, 1),
  /** The planner's data-pack cost sensitivities (choice.cost_sensitivity), by segment. */
  "choice.cost_sensitivity": seg(6, 5, 4, 5, 4, 5),
};

/** Every other input: neutral (no taxes, levers, chargers, range penalty) or irrelevant to the shares. */
const NEUTRAL: Record<string, number> = {
  "sales.base_year": 1_000_000,
  "sales.market_coverage": 1,
  "fleet.survival_lambda": 15,
  "fleet.survival_shape": 3,
  "fleet.historical_ev_sales_growth": 0.3,
  "adoption.hev_share": 0,
  "energy.fuel_economy_cng": 4,
  "energy.hev_fuel_saving": 0.3,
  "energy.phev_utility_factor": 0.5,
  "energy.charging_efficiency": 0.9,
  "energy.energy_content_petrol": 32,
  "energy.energy_content_diesel": 36,
  "energy.energy_content_cng": 48,
  "energy.density_petrol": 0.74,
  "energy.density_diesel": 0.84,
  "emissions.ttw_petrol": 2.3,
  "emissions.ttw_diesel": 2.7,
  "emissions.ttw_cng": 2.7,
  "economy.oil_price": 80,
  "economy.exchange_rate": 1,
  "prices.petrol_ex_levy": 1.5,
  "prices.diesel_ex_levy": 1.5,
  "prices.cng": 1,
  "tariffs.home_charging": 0.2,
  "tariffs.public_charging": 0.35,
  "tariffs.battery_swap": 0.35,
  "charging.home_share": 0.8,
  "vehicles.insurance_rate": 0.02,
  "vehicles.ev_maintenance_saving": 0.3,
  "batteries.pack_life_years": 15,
  "finance.discount_rate": 0.07,
  "finance.ownership_years": 6,
  "finance.loan_rate": 0.07,
  "finance.loan_term": 5,
  "policy.subsidy_scale": 1,
  "choice.base_share_floor": 1e-6,
  "choice.charging_half_access": 20,
  "batteries.learning_rate": 0.18,
  "batteries.chemistry_share_lfp": 1,
  "charging.motorway_spacing_km": 100,
  "charging.utilisation": 100,
  "grid.installed_capacity": 1e6,
};

/** What one mode brings to the pack at its base year. */
export interface ModeBase {
  /** EV sales share in the base year (fraction). */
  readonly share: number;
  /** BEV share of EV sales (fraction). */
  readonly bevFraction: number;
  /** Cumulative EV share of sales up to and including the base year (share-years). */
  readonly cumulativeShare: number;
}

/** The choice parameters the panel fit sets, per segment. */
export interface ChoiceParams {
  /** Mature constant A (utility units, relative to ICE after costs). */
  readonly matureConstant: number;
  /** Transient barrier of a market with no EVs, B0 (utility units). */
  readonly barrierDepth: number;
  /** Decay of the barrier per share-year of cumulative adoption, k. */
  readonly barrierDecay: number;
  /** Share of the gap to the attractor closed each year, lambda. */
  readonly adjustmentSpeed: number;
}

export const FLAGS: RunFlags = { modes: new Uint8Array(N_SEG).fill(1), evMask: Uint8Array.from([0, 0, 1, 1]) };

/** The compiled buffer of one country pack, from baseYear to lastYear. */
export class CountryPack {
  readonly baseYear: number;
  readonly nYears: number;
  readonly layout: ParamLayout;
  readonly params: Float64Array;

  constructor(baseYear: number, lastYear: number, modes: Partial<Record<Segment, ModeBase>>, prices: readonly CitedValue[] = BNEF_PACK_PRICES) {
    this.baseYear = baseYear;
    this.nYears = lastYear - baseYear + 1;
    const T = this.nYears;
    const { slots, layout } = packLayout(T);
    this.layout = layout;
    const p = new Float64Array(slots.size * T);
    const put = (name: string, s: number, f: (t: number) => number) => {
      const off = layout.ix[name as keyof ParamLayout["ix"]]?.[s] ?? layout.one[name as keyof ParamLayout["one"]];
      for (let t = 0; t < T; t++) p[off + t] = f(t);
    };
    for (const spec of ALL_INPUTS) {
      const n = spec.index ? INDEX_KEYS[spec.index].length : 1;
      for (let i = 0; i < n; i++) {
        const v = spec.index === "segment" && VEHICLES[spec.name] ? VEHICLES[spec.name][i] : (NEUTRAL[spec.name] ?? 0);
        put(spec.name, i, () => v);
      }
    }
    const lr = NEUTRAL["batteries.learning_rate"];
    for (let c = 0; c < INDEX_KEYS.chemistry.length; c++) {
      put("batteries.pack_cost_base", c, () => packPrice(baseYear, prices));
      put("batteries.global_cumulative_production", c, (t) => impliedExperience(baseYear, baseYear + t, lr, prices));
    }
    SEGMENTS.forEach((name, s) => {
      const m = modes[name];
      put("adoption.target_ev_share", s, () => m?.share ?? 0);
      put("adoption.bev_fraction_of_ev", s, () => m?.bevFraction ?? 1);
      const sales = NEUTRAL["sales.base_year"];
      put("fleet.base_bev_stock", s, () => (m ? m.cumulativeShare * m.bevFraction * sales : 0));
      put("fleet.base_phev_stock", s, () => (m ? m.cumulativeShare * (1 - m.bevFraction) * sales : 0));
    });
    this.params = p;
  }

  /** Set one segment's choice parameters for every year. */
  setChoice(s: number, c: ChoiceParams): void {
    const L = this.layout;
    const T = this.nYears;
    const p = this.params;
    p.fill(c.matureConstant, L.ix["choice.mature_constant"][s], L.ix["choice.mature_constant"][s] + T);
    p.fill(c.barrierDepth, L.ix["choice.barrier_depth"][s], L.ix["choice.barrier_depth"][s] + T);
    p.fill(c.barrierDecay, L.ix["choice.barrier_decay"][s], L.ix["choice.barrier_decay"][s] + T);
    p.fill(c.adjustmentSpeed, L.ix["choice.adjustment_speed"][s], L.ix["choice.adjustment_speed"][s] + T);
  }
}

const layouts = new Map<number, { slots: Map<string, number>; layout: ParamLayout }>();

/** One slot per input and key, in the contract's order; one layout per horizon length, shared. */
function packLayout(nYears: number) {
  let l = layouts.get(nYears);
  if (!l) {
    const slots = new Map<string, number>();
    for (const spec of ALL_INPUTS) {
      if (spec.index) for (const k of INDEX_KEYS[spec.index]) slots.set(`${spec.name}.${k}`, slots.size);
      else slots.set(spec.name, slots.size);
    }
    l = { slots, layout: buildParamLayout(slots, nYears) };
    layouts.set(nYears, l);
  }
  return l;
}
