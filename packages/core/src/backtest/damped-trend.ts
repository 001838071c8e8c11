// A named baseline of the backtest: the damped logit trend, pooled per mode across countries. The last observed
// year-on-year change of the EV share's logit is carried forward with damping phi per year,
//   logit s(T+h) = logit s(T) + d * (phi + phi^2 + ... + phi^h),   d = logit s(T) - logit s(T-1),
// with phi shared by the countries of a mode and fitted, as the model's dynamics are, on the other countries'
// training forecasts up to the cut-off (origins in the same window, the same horizons). It knows nothing of costs:
// it is the level a structural adoption model must beat to say more than "recent growth, slowing".
import { FIRST_ORIGIN, TRAINING_HORIZON, TRAINING_WINDOW } from "./pooled.js";
import type { RegionHistory } from "./panel.js";

/** Damping factors searched (0: persistence; 1: the last change carried forward undamped). */
export const PHI_GRID: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

const CLIP = 1e-4;
const logit = (s: number) => {
  const x = Math.min(1 - CLIP, Math.max(CLIP, s));
  return Math.log(x / (1 - x));
};
const expit = (x: number) => 1 / (1 + Math.exp(-x));

/** Forecast of the share `h` years after `origin` (null when the origin's share is not observed). No trend when
 * the year before the origin is missing. */
export function dampedTrendShare(share: ReadonlyMap<number, number>, origin: number, h: number, phi: number): number | null {
  const s0 = share.get(origin);
  if (s0 === undefined) return null;
  const s1 = share.get(origin - 1);
  const d = s1 === undefined ? 0 : logit(s0) - logit(s1);
  let sum = 0;
  let f = 1;
  for (let i = 1; i <= h; i++) sum += f *= phi;
  return expit(logit(s0) + d * sum);
}

/**
 * The pooled damping of a mode at cut-off T: the phi on PHI_GRID with the lowest mean (over countries) of each
 * country's mean absolute training error, in percentage points; `scored` (a region) is left out of the pool.
 * With no other country, the scored one's own history is used, as the model's pool does.
 */
export function fitDampedTrend(panel: readonly RegionHistory[], mode: string, T: number, scored: string | null): number {
  const fitOn = (regions: readonly RegionHistory[]) => {
    const loss = new Float64Array(PHI_GRID.length);
    let countries = 0;
    for (const r of regions) {
      const h = r.modes.get(mode);
      if (!h) continue;
      const sum = new Float64Array(PHI_GRID.length);
      let n = 0;
      for (let o = Math.max(FIRST_ORIGIN, T - TRAINING_WINDOW); o < T; o++) {
        if (!h.share.has(o)) continue;
        for (let y = o + 1; y <= Math.min(o + TRAINING_HORIZON, T); y++) {
          const obs = h.share.get(y);
          if (obs === undefined) continue;
          n++;
          PHI_GRID.forEach((phi, i) => (sum[i] += Math.abs(dampedTrendShare(h.share, o, y - o, phi)! - obs) * 100));
        }
      }
      if (n === 0) continue;
      countries++;
      for (let i = 0; i < PHI_GRID.length; i++) loss[i] += sum[i] / n;
    }
    if (countries === 0) return null;
    let best = 0;
    for (let i = 1; i < PHI_GRID.length; i++) if (loss[i] < loss[best] - 1e-12) best = i;
    return PHI_GRID[best];
  };
  const pool = panel.filter((r) => !r.aggregate && r.region !== scored);
  return fitOn(pool) ?? fitOn(panel.filter((r) => r.region === scored)) ?? 0;
}
