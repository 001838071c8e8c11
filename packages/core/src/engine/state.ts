// The explicit state one evaluation carries: what a stage hands to the later stages of the same year, and what a
// year hands to the next. Every stage reads its inputs from here (or from the parameters) and never from the
// output buffer, which is written only for reporting.
import { N_CHEM, N_FUEL, N_PT, N_SEG } from "../domain.js";
import { CostTables } from "./costs.js";
import { N_CT } from "./infrastructure.js";

/** What a run needs besides the parameter values: which segments are in market mode and what counts as EV. */
export interface RunFlags {
  readonly modes: Uint8Array;
  readonly evMask: Uint8Array;
  /**
   * The observed world's parameters (same layout), whose base year the choice constants are calibrated on; absent,
   * the run's own parameters. A sweep passes its draw of the observed world.
   */
  readonly observed?: Float64Array;
  /**
   * The parameters are uncertain knowledge (Monte Carlo, sensitivity), not a scenario's intervention: condition
   * them on the observed base year by recalibrating the barrier depth to the base year's equilibrium (capped by
   * the drawn depth). See docs/model.md, section 3.
   */
  readonly conditionOnBaseYear?: boolean;
  /**
   * Index (0 = base year) of the last year whose outputs the caller reads: a sweep or solve scoring a 2030 value
   * need not run to 2060. Rows after it are left at 0 and cumulative totals cover only the years run. Absent: all
   * years. (Issue 18: the engine honours it; callers set it only when they read nothing later.)
   */
  readonly untilYearIndex?: number;
}

export class YearState {
  // Sales and choice -------------------------------------------------------------------------------------------
  /** New vehicles sold this year, by segment (all powertrains). */
  readonly sales = new Float64Array(N_SEG);
  /** Powertrain shares of new sales and the sales they give, [s * N_PT + q]. */
  readonly shares = new Float64Array(N_SEG * N_PT);
  readonly salesPt = new Float64Array(N_SEG * N_PT);
  /** BEVs that received the scheme's support this year, by segment. */
  readonly subsidised = new Float64Array(N_SEG);
  /** Fuel-economy and EV-energy factors of this year's new vintage relative to a base-year new vehicle. */
  readonly feNew = new Float64Array(N_SEG);
  readonly evNew = new Float64Array(N_SEG);

  // Fuel prices ---------------------------------------------------------------------------------------------------
  /** Pump prices by fuel (petrol, diesel PKR/L; CNG PKR/kg), levies included, and their ex-levy part. */
  readonly pumpPrice = new Float64Array(N_FUEL);
  readonly exLevyPrice = new Float64Array(N_FUEL);
  /** Margins, duties and freight over import parity, fixed in the base year (petrol, diesel; PKR/L). Carried. */
  readonly parityMargin = new Float64Array(2);
  /** Import-parity price of refined products this year (PKR/L): the landed value customs duty is charged on. */
  importParityPkr = 0;

  // Battery prices and buyers' costs ---------------------------------------------------------------------------
  /** Pack cost by chemistry this year, and in the observed base year (USD/kWh). */
  readonly packCost = new Float64Array(N_CHEM);
  readonly packCostBase = new Float64Array(N_CHEM);
  /** Chemistry mix of new packs [s * N_CHEM + c] and the mix-weighted pack cost per segment (USD/kWh). */
  readonly chemMix = new Float64Array(N_SEG * N_CHEM);
  readonly packUsd = new Float64Array(N_SEG);
  readonly costs = new CostTables();
  /** Buyers' costs in the observed base year, for calibrating the choice constants (when they differ from the run's). */
  readonly observedCosts = new CostTables();
  readonly observedMix = new Float64Array(N_SEG * N_CHEM);
  readonly observedPackUsd = new Float64Array(N_SEG);
  readonly observedPump = new Float64Array(N_FUEL);

  // Fleet (sums over vintages), [s * N_PT + q] -----------------------------------------------------------------
  readonly stock = new Float64Array(N_SEG * N_PT);
  readonly retired = new Float64Array(N_SEG * N_PT);
  readonly vkt = new Float64Array(N_SEG * N_PT);
  /** Vehicle-km weighted by each vintage's fuel-economy factor, and by its EV-energy factor. */
  readonly fuelWeightedKm = new Float64Array(N_SEG * N_PT);
  readonly evWeightedKm = new Float64Array(N_SEG * N_PT);
  /** Battery capacity retiring with vehicles this year, by segment (kWh). */
  readonly retiredKwh = new Float64Array(N_SEG);

  // Energy, [s * N_PT + q] unless said ----------------------------------------------------------------------------
  /** Petrol and diesel (L) and CNG (kg) burned. */
  readonly petrolL = new Float64Array(N_SEG * N_PT);
  readonly dieselL = new Float64Array(N_SEG * N_PT);
  readonly cngKg = new Float64Array(N_SEG * N_PT);
  /** Electricity delivered to vehicles' chargers, from the grid and from on-site solar together (kWh). */
  readonly chargingKwh = new Float64Array(N_SEG * N_PT);
  /** Per segment: all charging energy, and the part drawn from the grid (less home charging from on-site solar) (kWh). */
  readonly chargingKwhSegment = new Float64Array(N_SEG);
  readonly gridKwh = new Float64Array(N_SEG);
  /**
   * CO2 intensity of the grid electricity EVs charge this year (kg CO2/kWh): the grid's average with the EVs' demand
   * added at the marginal intensity (national, set once all segments' energy is known).
   */
  evGridIntensity = 0;
  /** Per segment: fuel an ICE vehicle of the same vintage would have burned on the electric km (L). */
  readonly displacedPetrolL = new Float64Array(N_SEG);
  readonly displacedDieselL = new Float64Array(N_SEG);

  // Infrastructure (national) -------------------------------------------------------------------------------------
  /** Public grid energy by charger type this year (kWh). */
  readonly publicKwh = new Float64Array(N_CT);
  /** Points installed at the end of the year (carried to the next year) and added during it, by type. */
  readonly points = new Float64Array(N_CT);
  readonly pointsAdded = new Float64Array(N_CT);
  /** Capital cost of the points added this year, by type (PKR). */
  readonly chargerCapex = new Float64Array(N_CT);

  // Batteries (carried) -----------------------------------------------------------------------------------------
  /** Cumulative battery demand since the base year [s * N_CHEM + c] (GWh). */
  readonly cumulativeGwh = new Float64Array(N_SEG * N_CHEM);

  // National quantities that belong to no segment: they enter only the all-segment total. ------------------------
  national = { chargerJobs: 0, chargerValueAddedPkr: 0, chargerSupportPkr: 0 };

  /** Forget everything a previous run left. */
  reset(): void {
    this.cumulativeGwh.fill(0);
    this.points.fill(0);
    this.national.chargerJobs = 0;
    this.national.chargerValueAddedPkr = 0;
    this.national.chargerSupportPkr = 0;
  }
}
