// The engine: one pass over the years, each year running the stages in the order of the model (docs/architecture.md):
//
//   sales -> battery and fuel prices -> buyers' costs -> choice (shares, subsidy budget) -> fleet (stock by vintage)
//   -> energy -> emissions -> infrastructure (chargers, grid) -> batteries -> industry and trade -> ledger
//   -> next year's choice drivers -> reporting rows; after the last year, totals.
//
// Stages pass what later stages need through one explicit state (state.ts) and write their own output rows;
// none reads another's results back out of the output buffer. All working memory is allocated once in the
// constructor; `run` allocates nothing (bench/engine.mjs measures it).
import { CNG, DIESEL, N_SEG, PETROL } from "../domain.js";
import { batteryYear, chemistryMix, packCosts } from "./batteries.js";
import { ChoiceStage, type ChoiceState } from "./choice.js";
import { computeCosts } from "./costs.js";
import { emissionsYear, evGridIntensityYear } from "./emissions.js";
import { energyYear } from "./energy.js";
import { Fleet } from "./fleet.js";
import { fuelPricesYear } from "./fuel-prices.js";
import { chargerIndustryYear, industryYear } from "./industry.js";
import { infrastructureYear } from "./infrastructure.js";
import { outputLength, type ParamLayout } from "./layout.js";
import { chargerSupportYear, ledgerYear } from "./ledger.js";
import { NationalRows, aggregate, reportBuyerCostsYear, writeTotals } from "./report.js";
import { salesYear } from "./sales.js";
import { YearState, type RunFlags } from "./state.js";

export type { RunFlags } from "./state.js";

/** Vintage factors of a base-year new vehicle: 1 by definition. */
const ONES = new Float64Array(N_SEG).fill(1);

/** Index of the last year a run computes: `flags.untilYearIndex` (checked), else the horizon's last year. */
export function lastYearIndex(flags: RunFlags, nYears: number): number {
  const u = flags.untilYearIndex;
  if (u === undefined || u >= nYears - 1) return nYears - 1;
  if (!(u >= 0) || Math.floor(u) !== u) throw new RangeError(`untilYearIndex must be a whole year index from 0 to ${nYears - 1}, not ${u}`);
  return u;
}

export class Engine {
  readonly nYears: number;
  readonly baseYear: number;
  private readonly L: ParamLayout;
  private readonly state = new YearState();
  private readonly fleet: Fleet;
  private readonly choice = new ChoiceStage();
  private readonly national: NationalRows;
  private readonly fuelPerKm = new Float64Array(3);
  /** Output buffers this engine has run into, with the last year index it wrote (see `clearOutput`). */
  private readonly lastYearWritten = new WeakMap<Float64Array, number>();

  constructor(layout: ParamLayout, baseYear: number) {
    this.L = layout;
    this.nYears = layout.nYears;
    this.baseYear = baseYear;
    this.fleet = new Fleet(this.nYears);
    this.national = new NationalRows(this.nYears);
  }

  /** The choice model's state after a run (read by the barrier calibration and the tests; never written outside). */
  get choiceState(): ChoiceState {
    return this.choice.choice;
  }

  /** Vintages from baseYear - MAX_AGE to the end year. */
  get nVintages(): number {
    return this.fleet.nVintages;
  }

  newOutput(): Float64Array {
    return new Float64Array(outputLength(this.nYears));
  }

  /** Evaluate the model for one compiled parameter buffer into `out` (length outputLength(nYears)). */
  run(p: Float64Array, flags: RunFlags, out: Float64Array): void {
    const T = this.nYears;
    const L = this.L;
    const st = this.state;
    const last = lastYearIndex(flags, T);
    this.clearOutput(out, last);
    st.reset();
    this.choice.reset();
    this.fleet.prepare(p, L);
    for (let t = 0; t <= last; t++) {
      salesYear(p, L, t, st);
      this.fleet.newVintageFactors(t, st);
      packCosts(p, L, t, st.packCost);
      // The chemistry mix tilts by each chemistry's cost against its observed base-year cost.
      if (t === 0) {
        if (flags.observed && flags.observed !== p) packCosts(flags.observed, L, 0, st.packCostBase);
        else st.packCostBase.set(st.packCost);
      }
      chemistryMix(p, L, t, st.packCost, st.packCostBase, st.chemMix, st.packUsd);
      fuelPricesYear(p, L, t, st, out);
      computeCosts(p, L, t, st.packUsd, st.feNew, st.evNew, st.pumpPrice, st.costs);
      if (t === 0) this.calibrate(p, flags);
      this.choice.year(p, L, t, flags, st, out);
      for (let s = 0; s < N_SEG; s++) {
        if (t === 0) this.fleet.baseStock(p, L, s, st);
        this.fleet.year(p, L, s, t, flags.evMask, st, out);
        energyYear(p, L, s, t, this.fuelPerKm, st, out);
      }
      evGridIntensityYear(p, L, t, st);
      for (let s = 0; s < N_SEG; s++) emissionsYear(p, L, s, t, st, out);
      infrastructureYear(p, L, t, st, out);
      for (let s = 0; s < N_SEG; s++) {
        batteryYear(p, L, s, t, st, out);
        industryYear(p, L, s, t, st, out);
        ledgerYear(p, L, s, t, st, out);
      }
      chargerIndustryYear(p, L, t, st);
      chargerSupportYear(p, L, t, st, out);
      this.national.record(t, st);
      this.choice.updateDrivers(p, L, t, flags.evMask, st);
      reportBuyerCostsYear(t, T, st, out);
    }
    aggregate(T, last + 1, out);
    writeTotals(T, last + 1, flags, this.national, out);
  }

  /**
   * Every run writes the same cells (a fixed set of rows, each from the base year to the last year run); the others
   * hold no data and stay 0. So a buffer is zeroed only when the engine first sees it, or when this run stops
   * earlier than the buffer's last run did (its later years must read 0); otherwise the run overwrites every cell
   * that holds data, and zeroing the whole buffer (58% of which never holds data) would cost as much as a fifth of
   * the run. The price: between runs, a caller reads the buffer but does not write to it.
   */
  private clearOutput(out: Float64Array, last: number): void {
    const was = this.lastYearWritten.get(out);
    if (was === last) return;
    if (was === undefined || was > last) out.fill(0);
    this.lastYearWritten.set(out, last);
  }

  /**
   * Calibrate the choice constants on the observed base year: the run's own base-year costs when the run is the
   * observed world, else the observed parameters' base-year costs (a new vintage has factors of 1 in the base year,
   * and the base-year pump price is the set price plus the levies, as fuel-prices.ts reproduces it).
   */
  private calibrate(p: Float64Array, flags: RunFlags): void {
    const st = this.state;
    const obs = flags.observed;
    if (!obs || obs === p) {
      this.choice.calibrateOn(p, this.L, st.costs);
      return;
    }
    const L = this.L;
    chemistryMix(obs, L, 0, st.packCostBase, st.packCostBase, st.observedMix, st.observedPackUsd);
    const carbon = obs[L.one["taxes.carbon_levy"]];
    st.observedPump[PETROL] = obs[L.one["prices.petrol_ex_levy"]] + obs[L.one["taxes.petroleum_levy_petrol"]] + carbon;
    st.observedPump[DIESEL] = obs[L.one["prices.diesel_ex_levy"]] + obs[L.one["taxes.petroleum_levy_diesel"]] + carbon;
    st.observedPump[CNG] = obs[L.one["prices.cng"]];
    computeCosts(obs, L, 0, st.observedPackUsd, ONES, ONES, st.observedPump, st.observedCosts);
    this.choice.calibrateOn(obs, L, st.observedCosts);
  }
}
