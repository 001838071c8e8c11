// The naive baseline: a logistic curve s(t) = K / (1 + exp(-r (t - tm))) fitted to the same years.
import { levenbergMarquardt } from "./optimize.js";

export interface LogisticParams {
  /** Saturation share, in (0, 1]. */
  readonly K: number;
  /** Growth rate per year. */
  readonly r: number;
  /** Midpoint year. */
  readonly tm: number;
}

export function logisticShare(p: LogisticParams, t: number): number {
  const x = -p.r * (t - p.tm);
  return x > 700 ? 0 : p.K / (1 + Math.exp(x));
}

export interface LogisticFit extends LogisticParams {
  /** Sum of squared share errors (fractions) in sample. */
  readonly cost: number;
  readonly converged: boolean;
}

/** Smallest saturation the fit may choose; a logistic with K = 0 predicts nothing. */
const K_MIN = 1e-4;

/**
 * Least squares on the shares (the usual way such curves are fitted, and the scale the errors are judged on),
 * with K in [1e-4, 1], r in [0, 3] per year and tm within 60 years of the data, from a grid of starting points
 * (saturation levels times midpoints) so that the local solver is not at the mercy of one start.
 */
export function fitLogistic(points: readonly { year: number; share: number }[]): LogisticFit {
  const y0 = Math.min(...points.map((p) => p.year));
  const y1 = Math.max(...points.map((p) => p.year));
  const sMax = Math.max(...points.map((p) => p.share));
  const lower = [K_MIN, 0, y0 - 60];
  const upper = [1, 3, y1 + 60];
  const residuals = (q: readonly number[]) => points.map((p) => logisticShare({ K: q[0], r: q[1], tm: q[2] }, p.year) - p.share);
  let best: LogisticFit | null = null;
  for (const K of [Math.min(1, Math.max(K_MIN, 1.5 * sMax)), 0.5, 1]) {
    for (const tm of [y1, y1 + 5, y1 + 15]) {
      // r that puts the curve through the last point's level given K and tm, when it can.
      const last = points.reduce((a, b) => (b.year > a.year ? b : a));
      const ratio = Math.min(0.99, Math.max(1e-6, last.share / K));
      const rGuess = tm !== last.year ? Math.log(ratio / (1 - ratio)) / (last.year - tm) : 0.5;
      const r0 = Number.isFinite(rGuess) && rGuess > 0 ? Math.min(3, rGuess) : 0.5;
      const res = levenbergMarquardt(residuals, [K, r0, tm], { lower, upper });
      if (Number.isFinite(res.cost) && (!best || res.cost < best.cost)) {
        best = { K: res.params[0], r: res.params[1], tm: res.params[2], cost: res.cost, converged: res.converged };
      }
    }
  }
  return best ?? { K: Math.max(K_MIN, sMax), r: 0, tm: y1, cost: NaN, converged: false };
}
