// The headline figures of a run as the cards, the brief and the exports use them: read from the core's headline
// view (reply.headlines), which carries each figure's value and the scenario's own target on it.
import type { Headline } from "@evplan/core";
import type { RunReply } from "./protocol";

export interface HeadlineFigures {
  readonly s30: number;
  readonly s40: number;
  readonly lastYear: number;
  readonly co2: number;
  /** Net fiscal cost, base year to 2030, PKR (+ is a cost to the treasury). */
  readonly fiscal: number;
  /** Oil import bill avoided against the counterfactual, base year to 2030, USD. */
  readonly oil: number;
  readonly chargers: number;
  /** The core's headline by id, with its target (value, met, gap) where the scenario sets one. */
  readonly byId: (id: Headline["id"]) => Headline | undefined;
}

export function headlineFigures(x: RunReply): HeadlineFigures {
  const byId = (id: Headline["id"]) => x.headlines.find((h) => h.id === id);
  const v = (id: Headline["id"]) => byId(id)?.value ?? NaN;
  return {
    s30: v("ev_share_2030"),
    s40: v("ev_share_2040"),
    lastYear: Math.min(2060, byId("co2_end")?.year ?? 2060),
    co2: v("co2_end"),
    fiscal: v("net_fiscal_2030"),
    oil: v("oil_avoided_2030"),
    chargers: v("chargers_2030"),
    byId,
  };
}
