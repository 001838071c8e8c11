// The engine: one pass over the years, each year running the stages in the order of the model (docs/architecture.md):
//
//   sales -> battery and fuel prices -> buyers' costs -> choice (shares, subsidy budget) -> fleet (stock by vintage)
//   -> energy -> emissions -> infrastructure (chargers, grid) -> batteries -> industry and trade -> ledger
//   -> next year's choice drivers -> reporting rows; after the last year, totals.
//
// Stages pass what later stages need through one explicit state (state.ts) and write their own output rows;
// none reads another's results back out of the output buffer. All working memory is allocated once in the
// constructor; `run` allocates nothing.
import { N_SEG } from "../domain.js";
import { batteryYear, chemistryMix, packCosts } from "./batteries.js";
import { ChoiceStage } from "./choice.js";
import { computeCosts } from "./costs.js";
import { emissionsYear } from "./emissions.js";
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

export class Engine {
  readonly nYears: number;
  readonly baseYear: number;
  private readonly L: ParamLayout;
  private readonly state = new YearState();
  private readonly fleet: Fleet;
  private readonly choice = new ChoiceStage();
  private readonly national: NationalRows;
  private readonly fuelPerKm = new Float64Array(3);

  constructor(layout: ParamLayout, baseYear: number) {
    this.L = layout;
    this.nYears = layout.nYears;
    this.baseYear = baseYear;
    this.fleet = new Fleet(this.nYears);
    this.national = new NationalRows(this.nYears);
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
    out.fill(0);
    st.reset();
    this.choice.reset();
    this.fleet.prepare(p, L);
    for (let t = 0; t < T; t++) {
      salesYear(p, L, t, st);
      this.fleet.newVintageFactors(t, st);
      packCosts(p, L, t, st.packCost);
      if (t === 0) st.packCostBase.set(st.packCost);
      chemistryMix(p, L, t, st.packCost, st.packCostBase, st.chemMix, st.packUsd);
      fuelPricesYear(p, L, t, st, out);
      computeCosts(p, L, t, st.packUsd, st.feNew, st.evNew, st.pumpPrice, st.costs);
      this.choice.year(p, L, t, flags, st, out);
      for (let s = 0; s < N_SEG; s++) {
        if (t === 0) this.fleet.baseStock(p, L, s, st);
        this.fleet.year(p, L, s, t, flags.evMask, st, out);
        energyYear(p, L, s, t, this.fuelPerKm, st, out);
        emissionsYear(p, L, s, t, st, out);
      }
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
    aggregate(T, out);
    writeTotals(T, flags, this.national, out);
  }
}
