// The IEA panel as the backtest reads it: per region, the EV sales share of each mode by year, the BEV share of
// EV sales, and cumulative adoption (share-years) at any year.
import type { EvHistoryRow } from "./csv.js";
import { SALES_SHARE_PARAMETER } from "./history.js";
import { PANEL_MODES } from "./country-pack.js";

/** Regions of the IEA extract that are sums of others: scored, but kept out of the pooled fit. */
export const AGGREGATE_REGIONS = new Set(["World", "Europe", "EU27", "Rest of the world"]);

export interface ModeHistory {
  readonly region: string;
  readonly mode: string;
  /** EV sales share (fraction) by year, observed years only. */
  readonly share: ReadonlyMap<number, number>;
  /** BEV share of EV sales by year where both are given. */
  readonly bevFraction: ReadonlyMap<number, number>;
}

export interface RegionHistory {
  readonly region: string;
  readonly aggregate: boolean;
  readonly modes: ReadonlyMap<string, ModeHistory>;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const historical = (r: EvHistoryRow) => !/^projection/i.test(r.category);

/** Group the rows by region and mode (modes the planner has a segment for). */
export function panelFromRows(rows: readonly EvHistoryRow[]): RegionHistory[] {
  const shares = new Map<string, Map<string, Map<number, number>>>();
  const sales = new Map<string, { bev: number; phev: number }>();
  for (const r of rows) {
    if (!historical(r)) continue;
    const mode = PANEL_MODES.find((m) => same(m, r.mode));
    if (!mode) continue;
    if (same(r.parameter, SALES_SHARE_PARAMETER)) {
      let byMode = shares.get(r.region);
      if (!byMode) shares.set(r.region, (byMode = new Map()));
      let m = byMode.get(mode);
      if (!m) byMode.set(mode, (m = new Map()));
      if (!m.has(r.year) && r.value >= 0 && r.value <= 100) m.set(r.year, r.value / 100);
    } else if (same(r.parameter, "EV sales")) {
      const key = `${r.region}\u0000${mode}\u0000${r.year}`;
      const e = sales.get(key) ?? { bev: 0, phev: 0 };
      if (same(r.powertrain, "BEV")) e.bev += r.value;
      else if (same(r.powertrain, "PHEV")) e.phev += r.value;
      sales.set(key, e);
    }
  }
  return [...shares.entries()]
    .map(([region, byMode]) => ({
      region,
      aggregate: AGGREGATE_REGIONS.has(region),
      modes: new Map(
        [...byMode.entries()].map(([mode, share]) => {
          const bevFraction = new Map<number, number>();
          for (const y of share.keys()) {
            const e = sales.get(`${region}\u0000${mode}\u0000${y}`);
            if (e && e.bev + e.phev > 0) bevFraction.set(y, e.bev / (e.bev + e.phev));
          }
          return [mode, { region, mode, share, bevFraction }];
        }),
      ),
    }))
    .sort((a, b) => a.region.localeCompare(b.region));
}

/**
 * Cumulative EV share of sales up to and including `year` (share-years): observed shares summed, gaps between
 * observed years filled linearly, nothing before the first observed year (the IEA series start in 2010, when
 * EV sales were negligible everywhere).
 */
export function cumulativeShare(share: ReadonlyMap<number, number>, year: number): number {
  const years = [...share.keys()].filter((y) => y <= year).sort((a, b) => a - b);
  let sum = 0;
  for (let i = 0; i < years.length; i++) {
    const y = years[i];
    sum += share.get(y)!;
    if (i + 1 < years.length) {
      const y1 = years[i + 1];
      const a = share.get(y)!;
      const b = share.get(y1)!;
      for (let g = y + 1; g < y1; g++) sum += a + ((b - a) * (g - y)) / (y1 - y);
    }
  }
  return sum;
}

/** BEV share of EV sales at a year: that year's, else the nearest earlier year's, else 1. */
export function bevFractionAt(h: ModeHistory, year: number): number {
  for (let y = year; y >= year - 15; y--) {
    const f = h.bevFraction.get(y);
    if (f !== undefined) return f;
  }
  return 1;
}
