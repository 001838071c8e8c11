// Physical domains of parameters: the unit's domain (units.ts), narrowed here by the role a parameter plays in
// the engine, and narrowed again by a file's own `bounds`. Checked for data-pack values, scenario overrides,
// planner levers and links, and clamped into for sampled draws, so that no accepted input can give a non-finite or
// negative physical output. Derived in code, so that the data pack's files need no bounds of their own.
import { UNITS, type UnitInfo } from "./units.js";

export interface Domain {
  readonly min: number;
  readonly max: number;
  readonly minOpen: boolean;
  readonly maxOpen: boolean;
  /** Why the domain is narrower than the unit's, when it is. */
  readonly why?: string;
}

interface Role {
  readonly min?: number;
  readonly max?: number;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
  readonly why: string;
}

const divides = (why: string, max?: number): Role => ({ min: 0, minOpen: true, max, why: `divides ${why}, so it must be positive` });
const compounding = (why: string): Role => ({
  min: -0.5,
  max: 0.5,
  why: `compounds as (1 - rate) over up to 40 vintages (${why}); beyond 50% a year either way it is not physical`,
});

/** Parameters whose role in the engine narrows their unit's domain. */
export const PARAMETER_ROLES: Readonly<Record<string, Role>> = {
  "economy.exchange_rate": divides("rupee amounts into dollars"),
  "energy.energy_content_petrol": divides("CNG energy into petrol-equivalent litres"),
  "energy.charging_efficiency": divides("battery energy into grid energy", 1),
  "activity.vkt_new": divides("ownership costs into costs per km (the choice model's reference cost)"),
  "vehicles.price_ice": divides("the choice model's utilities (through the reference cost of a combustion vehicle)"),
  "fleet.survival_lambda": divides("vehicle age in the survival curve", 200),
  "fleet.survival_shape": { min: 0, minOpen: true, max: 20, why: "a shape of zero or less makes survival rise with age (negative retirements)" },
  "charging.motorway_spacing_km": divides("the motorway length into sites"),
  "activity.vkt_decline": compounding("km per vehicle fall with age"),
  "energy.fuel_economy_improvement": compounding("each vintage uses less fuel than the one before"),
  "energy.ev_efficiency_improvement": compounding("each vintage uses less electricity than the one before"),
  "fleet.historical_ev_sales_growth": { min: -0.5, max: 5, why: "EV sales are back-cast over 40 years at this rate" },
  "sales.market_coverage": { min: 0, max: 100, why: "scales recorded sales to the whole market, which cannot be a hundred times its recorded part" },
  "choice.cost_sensitivity": { min: 0, max: 100, why: "a negative sensitivity makes buyers prefer dearer vehicles" },
  "choice.charging_barrier": { min: 0, max: 100, why: "a barrier in units of the reference cost" },
  "choice.familiarity": { min: 0, max: 100, why: "a barrier in utility units" },
  "choice.range_penalty": { min: 0, max: 100, why: "a barrier in units of the reference cost" },
  "batteries.chemistry_cost_sensitivity": {
    min: 0,
    max: 50,
    why: "enters exp(-theta x relative cost change); above about 700 the exponential overflows and the mix is undefined",
  },
  "policy.subsidy_budget": { min: 0, why: "a budget cannot be negative" },
  "policy.subsidy_scale": { min: 0, why: "scales the subsidy programme; a negative scale is a tax, not a subsidy" },
};

/** The domain of a parameter: its unit's, narrowed by its role and by the file's `bounds` (never widened). */
export function parameterDomain(name: string, unit: string, fileBounds?: readonly [number, number]): Domain {
  const u: UnitInfo = UNITS[unit];
  const role = PARAMETER_ROLES[name];
  let min = u.min;
  let max = u.max;
  let minOpen = u.minOpen ?? false;
  let maxOpen = u.maxOpen ?? false;
  const narrow = (lo: number | undefined, hi: number | undefined, loOpen = false, hiOpen = false) => {
    if (lo !== undefined && (lo > min || (lo === min && loOpen))) {
      min = lo;
      minOpen = loOpen;
    }
    if (hi !== undefined && (hi < max || (hi === max && hiOpen))) {
      max = hi;
      maxOpen = hiOpen;
    }
  };
  if (role) narrow(role.min, role.max, role.minOpen, role.maxOpen);
  if (fileBounds) narrow(fileBounds[0], fileBounds[1]);
  return { min, max, minOpen, maxOpen, why: role?.why };
}

export function inDomain(d: Domain, x: number): boolean {
  return (d.minOpen ? x > d.min : x >= d.min) && (d.maxOpen ? x < d.max : x <= d.max);
}

/** `[0, 1]`, `(0, 1e6]`: the domain as a reader writes an interval. */
export function domainText(d: Domain): string {
  const n = (x: number) => (Math.abs(x) >= 1e6 ? x.toExponential().replace("e+", "e") : String(x));
  return `${d.minOpen ? "(" : "["}${n(d.min)}, ${n(d.max)}${d.maxOpen ? ")" : "]"}`;
}

/**
 * The closed interval that sampled draws and goal seek are clamped into: the domain itself where its ends are
 * closed, and a hair inside an open end (one part in a million of the domain's width).
 */
export function closedBounds(d: Domain): [number, number] {
  const hair = (d.max - d.min) * 1e-6;
  return [d.minOpen ? d.min + Math.min(hair, 1e-6) : d.min, d.maxOpen ? d.max - Math.min(hair, 1e-6) : d.max];
}
