// Sales (docs/model.md section 2): total new vehicles per segment, the base-year figure (PAMA's, scaled to the
// whole market for non-member makers and used imports) grown at dated rates.
import { N_SEG } from "../domain.js";
import type { ParamLayout } from "./layout.js";
import type { YearState } from "./state.js";

export function salesYear(p: Float64Array, L: ParamLayout, t: number, st: YearState): void {
  for (let s = 0; s < N_SEG; s++) {
    st.sales[s] = t === 0 ? p[L.ix["sales.base_year"][s]] * p[L.ix["sales.market_coverage"][s]] : st.sales[s] * (1 + p[L.ix["sales.growth_rate"][s] + t]);
  }
}
