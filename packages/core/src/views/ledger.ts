// The fiscal ledger as the faces lay it out (docs/model.md section 9): the lines the engine writes, each with its
// sign in the net fiscal cost, so that a chart or a table of them adds up to `net_fiscal` (outlays minus the
// revenue change), and the tax expenditure beside the net, not in it.

export interface LedgerLine {
  /** The metric the engine writes (PKR a year). */
  readonly metric: string;
  /** What it is, in words. */
  readonly label: string;
  /** Its sign in the net fiscal cost: +1 an outlay or revenue lost, -1 revenue gained. */
  readonly inNet: 1 | -1;
  readonly kind: "outlay" | "revenue";
}

/** The lines of the net fiscal cost: net_fiscal = sum of inNet x value, in every segment total and year. */
export const LEDGER_LINES: readonly LedgerLine[] = [
  { metric: "subsidy_outlay", label: "purchase subsidies", inNet: 1, kind: "outlay" },
  { metric: "financing_support", label: "markup support on EV loans", inNet: 1, kind: "outlay" },
  { metric: "charger_support", label: "government share of public chargers", inNet: 1, kind: "outlay" },
  { metric: "vehicle_tax_change", label: "vehicle taxes against the vehicles displaced", inNet: -1, kind: "revenue" },
  { metric: "nev_levy_revenue", label: "NEV levy on combustion vehicles", inNet: -1, kind: "revenue" },
  { metric: "electricity_tax_gained", label: "sales tax on charging electricity", inNet: -1, kind: "revenue" },
  { metric: "fuel_levy_lost", label: "petroleum and carbon levy lost", inNet: 1, kind: "revenue" },
  { metric: "fuel_duty_lost", label: "customs duty lost on fuel", inNet: 1, kind: "revenue" },
];

/** The net the lines add up to. */
export const LEDGER_NET = "net_fiscal";
/** Reported beside the net, not in it: what the EV concessions cost at standard rates. */
export const LEDGER_MEMO = "tax_expenditure";
