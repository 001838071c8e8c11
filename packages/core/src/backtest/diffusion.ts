// The adoption dynamics of market mode as history can identify them: a binary logit with a time trend and the
// familiarity term phi * ln(F(t-1)), where F, the EV share of the stock, moves by fleet turnover.
//
//   logit(s_t) = a + g * (t - t0) + phi * ln(F_{t-1})
//   F_t        = F_{t-1} + tau * (s_t - F_{t-1})
import { MIN_STOCK_SHARE } from "../engine/choice.js";
import { invert, levenbergMarquardt } from "./optimize.js";

/** Smallest EV share of the stock the familiarity term takes the logarithm of: the engine's own floor. */
export const STOCK_SHARE_FLOOR = MIN_STOCK_SHARE;
/**
 * Observed sales shares are clamped to [floor, 1 - floor] before taking the logit, so that a reported zero is
 * "below 0.001%" rather than minus infinity.
 */
export const SALES_SHARE_FLOOR = 1e-5;

/**
 * Ratio of sales to stock when the file has no usable EV stock share history; an assumption, roughly
 * 1 / vehicle lifetime raised for fleet growth (cars ~14 years, two/three-wheelers ~10, buses ~12).
 */
export const DEFAULT_TURNOVER: Readonly<Record<string, number>> = {
  cars: 0.07,
  "2 and 3 wheelers": 0.1,
  buses: 0.08,
  vans: 0.07,
  trucks: 0.07,
};
export const FALLBACK_TURNOVER = 0.07;
/** A turnover estimated from the stock share history outside this range is not believed; the default is used. */
export const TURNOVER_RANGE: readonly [number, number] = [0.02, 0.35];

export interface DiffusionParams {
  /** Logit of the EV sales share at t0 when F = 1 (intercept). */
  readonly a: number;
  /** Trend of the logit per year: stands in for the falling cost gap. */
  readonly g: number;
  /** Familiarity strength (utility units per unit of ln F): market mode's `choice.familiarity`. */
  readonly phi: number;
}

/**
 * Bounds of the calibration. phi >= 0: familiarity helps adoption. phi <= 0.9: early on s grows like
 * exp(g t) * F^phi and F like s, so the growth rate is g / (1 - phi); phi >= 1 would be explosive.
 */
export const DIFFUSION_BOUNDS = { lower: [-40, -2, 0], upper: [40, 2, 0.9] } as const;

export interface DiffusionSetup {
  readonly firstYear: number;
  readonly lastYear: number;
  readonly t0: number;
  readonly tau: number;
  /** F in firstYear - 1. */
  readonly initialStockShare: number;
}

export const logit = (s: number) => Math.log(s / (1 - s));
export const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const clampShare = (s: number) => Math.min(1 - SALES_SHARE_FLOOR, Math.max(SALES_SHARE_FLOOR, s));

/** Simulate sales and stock shares for every year firstYear..lastYear, the model feeding on its own F. */
export function simulateDiffusion(p: DiffusionParams, setup: DiffusionSetup): { years: number[]; salesShare: number[]; stockShare: number[] } {
  const years: number[] = [];
  const salesShare: number[] = [];
  const stockShare: number[] = [];
  let f = setup.initialStockShare;
  for (let t = setup.firstYear; t <= setup.lastYear; t++) {
    const s = sigmoid(p.a + p.g * (t - setup.t0) + p.phi * Math.log(Math.max(STOCK_SHARE_FLOOR, f)));
    f = f + setup.tau * (s - f);
    years.push(t);
    salesShare.push(s);
    stockShare.push(f);
  }
  return { years, salesShare, stockShare };
}

export interface TurnoverEstimate {
  readonly tau: number;
  readonly source: "stock share history" | "default" | "given";
  /** Year pairs (t-1, t) used, 0 for the default. */
  readonly pairs: number;
  readonly note?: string;
}

/**
 * tau from F_t - F_{t-1} = tau * (s_t - F_{t-1}), by least squares through the origin over consecutive years up
 * to `untilYear` where the file has both shares. Falls back to the mode's default with fewer than 3 pairs or an
 * estimate outside TURNOVER_RANGE.
 */
export function estimateTurnover(sales: ReadonlyMap<number, number>, stock: ReadonlyMap<number, number>, untilYear: number, mode: string): TurnoverEstimate {
  const fallback = DEFAULT_TURNOVER[mode.trim().toLowerCase()] ?? FALLBACK_TURNOVER;
  let sxy = 0;
  let sxx = 0;
  let pairs = 0;
  for (const [t, f] of stock) {
    const prev = stock.get(t - 1);
    const s = sales.get(t);
    if (t > untilYear || prev === undefined || s === undefined) continue;
    const d = s - prev;
    sxy += d * (f - prev);
    sxx += d * d;
    pairs++;
  }
  if (pairs < 3 || !(sxx > 0))
    return { tau: fallback, source: "default", pairs: 0, note: pairs ? `only ${pairs} year pairs of stock share` : "no EV stock share history" };
  const tau = sxy / sxx;
  if (!(tau >= TURNOVER_RANGE[0] && tau <= TURNOVER_RANGE[1])) {
    return { tau: fallback, source: "default", pairs: 0, note: `stock share history gives ${tau.toFixed(3)}, outside ${TURNOVER_RANGE.join("-")}` };
  }
  return { tau, source: "stock share history", pairs };
}

export interface DiffusionCalibration extends DiffusionParams {
  readonly t0: number;
  readonly tau: number;
  readonly tauSource: TurnoverEstimate["source"];
  readonly initialStockShare: number;
  readonly initialStockShareSource: "observed" | "backed out of the next year" | "assumed tau * first sales share";
  readonly firstYear: number;
  readonly lastYear: number;
  /** Observed years used. */
  readonly points: number;
  /** Root mean square of the in-sample logit residuals. */
  readonly rmsLogitError: number;
  /** Approximate standard errors from the Gauss-Newton covariance (NaN where not identifiable). */
  readonly stdErr: { readonly a: number; readonly g: number; readonly phi: number };
  readonly converged: boolean;
  readonly notes: readonly string[];
}

export interface DiffusionFitOptions {
  readonly fitUntil: number;
  /** Ignore observations before this year. */
  readonly fitFrom?: number;
  readonly mode: string;
  /** Fix tau instead of estimating it. */
  readonly tau?: number;
  /** Huber threshold in logit units: residuals beyond it count linearly, so one odd year cannot dominate. */
  readonly huberDelta?: number;
  /** Scale of the residuals: logit of the share (default) or the share itself. */
  readonly space?: "logit" | "share";
}

export const DEFAULT_HUBER_DELTA = 0.5;

/** Ordinary least squares of y on the columns of X; null if singular. */
function ols(X: readonly number[][], y: readonly number[]): number[] | null {
  const k = X[0].length;
  const xtx = new Array<number>(k * k).fill(0);
  const xty = new Array<number>(k).fill(0);
  X.forEach((row, i) => {
    for (let a = 0; a < k; a++) {
      xty[a] += row[a] * y[i];
      for (let b = 0; b < k; b++) xtx[a * k + b] += row[a] * row[b];
    }
  });
  const inv = invert(xtx, k);
  if (!inv) return null;
  return Array.from({ length: k }, (_, a) => xty.reduce((s, v, b) => s + inv[a * k + b] * v, 0));
}

/**
 * Calibrate (a, g, phi) on the observed sales shares up to fitUntil: robust (Huber) least squares on the logit
 * of the share, with F simulated by the model itself from its initial value (output error, as the forecast and
 * market mode use it). tau comes from the stock share history (or the default). Starts from the equation-error
 * regression on F rebuilt from observed sales, plus a few fixed-phi starts, and keeps the best.
 * The caller guarantees at least one observation up to fitUntil.
 */
export function fitDiffusion(sales: ReadonlyMap<number, number>, stock: ReadonlyMap<number, number>, opts: DiffusionFitOptions): DiffusionCalibration {
  const notes: string[] = [];
  const obs = [...sales.entries()].filter(([t]) => t <= opts.fitUntil && (opts.fitFrom === undefined || t >= opts.fitFrom)).sort((x, y) => x[0] - y[0]);
  const firstYear = obs[0][0];
  const lastYear = opts.fitUntil;
  const t0 = opts.fitUntil;
  const turnover: TurnoverEstimate =
    opts.tau !== undefined ? { tau: opts.tau, source: "given", pairs: 0 } : estimateTurnover(sales, stock, opts.fitUntil, opts.mode);
  if (turnover.note) notes.push(`turnover: ${turnover.note}; default ${turnover.tau} used`);
  const tau = turnover.tau;

  let initialStockShare: number;
  let initialStockShareSource: DiffusionCalibration["initialStockShareSource"];
  const fBefore = stock.get(firstYear - 1);
  const fFirst = stock.get(firstYear);
  if (fBefore !== undefined) {
    initialStockShare = fBefore;
    initialStockShareSource = "observed";
  } else if (fFirst !== undefined) {
    initialStockShare = (fFirst - tau * obs[0][1]) / (1 - tau);
    initialStockShareSource = "backed out of the next year";
  } else {
    initialStockShare = tau * obs[0][1];
    initialStockShareSource = "assumed tau * first sales share";
  }
  initialStockShare = Math.min(1, Math.max(STOCK_SHARE_FLOOR, initialStockShare));
  const setup: DiffusionSetup = { firstYear, lastYear, t0, tau, initialStockShare };

  const space = opts.space ?? "logit";
  const idx = obs.map(([t]) => t - firstYear);
  const z = obs.map(([, s]) => logit(clampShare(s)));
  const residualsOf = (q: readonly number[]) => {
    const sim = simulateDiffusion({ a: q[0], g: q[1], phi: q[2] }, setup);
    return space === "logit" ? idx.map((i, k) => z[k] - logit(clampShare(sim.salesShare[i]))) : idx.map((i, k) => obs[k][1] - sim.salesShare[i]);
  };

  // Equation-error start: F rebuilt by turnover from observed sales (gaps interpolated), then OLS on the logit.
  const interp = (t: number): number => {
    const v = sales.get(t);
    if (v !== undefined) return v;
    let lo = t - 1;
    while (lo >= firstYear && !sales.has(lo)) lo--;
    let hi = t + 1;
    while (hi <= lastYear && !sales.has(hi)) hi++;
    const sl = sales.get(lo);
    const sh = sales.get(hi);
    if (sl !== undefined && sh !== undefined) return sl + ((sh - sl) * (t - lo)) / (hi - lo);
    return sl ?? sh ?? 0;
  };
  const lnFPrev = new Map<number, number>();
  let f = initialStockShare;
  for (let t = firstYear; t <= lastYear; t++) {
    lnFPrev.set(t, Math.log(Math.max(STOCK_SHARE_FLOOR, f)));
    f += tau * (interp(t) - f);
  }
  const { lower, upper } = DIFFUSION_BOUNDS;
  const clampP = (q: number[]) => q.map((x, i) => Math.min(upper[i], Math.max(lower[i], x)));
  const starts: number[][] = [];
  const full =
    obs.length >= 3
      ? ols(
          obs.map(([t]) => [1, t - t0, lnFPrev.get(t)!]),
          z,
        )
      : null;
  if (full && full.every(Number.isFinite)) starts.push(clampP(full));
  for (const phi of [0, 0.3, 0.7]) {
    const y = obs.map(([t], k) => z[k] - phi * lnFPrev.get(t)!);
    const ag =
      obs.length >= 2
        ? ols(
            obs.map(([t]) => [1, t - t0]),
            y,
          )
        : null;
    starts.push(
      clampP(ag && ag.every(Number.isFinite) ? [ag[0], ag[1], phi] : [z.reduce((s, v) => s + v, 0) / z.length - phi * lnFPrev.get(lastYear)!, 0, phi]),
    );
  }

  const delta = opts.huberDelta ?? (space === "logit" ? DEFAULT_HUBER_DELTA : Infinity);
  const huber = (r: readonly number[]) => r.reduce((s, x) => s + (Math.abs(x) <= delta ? 0.5 * x * x : delta * (Math.abs(x) - 0.5 * delta)), 0);
  let best: { q: number[]; loss: number; jtj: number[]; converged: boolean } | null = null;
  for (const s0 of starts) {
    let q = s0;
    let w = idx.map(() => 1);
    let res = levenbergMarquardt((p) => residualsOf(p).map((r, k) => r * Math.sqrt(w[k])), q, { lower, upper });
    // Iteratively reweighted least squares for the Huber loss.
    for (let round = 0; round < 6; round++) {
      q = res.params;
      const r = residualsOf(q);
      w = r.map((x) => (Math.abs(x) <= delta ? 1 : delta / Math.abs(x)));
      res = levenbergMarquardt((p) => residualsOf(p).map((rr, k) => rr * Math.sqrt(w[k])), q, { lower, upper });
    }
    const loss = huber(residualsOf(res.params));
    if (Number.isFinite(loss) && (!best || loss < best.loss)) best = { q: res.params, loss, jtj: res.jtj, converged: res.converged };
  }
  const q = best ? best.q : starts[0];
  const r = residualsOf(q);
  const rms = Math.sqrt(r.reduce((s, x) => s + x * x, 0) / r.length);
  const dof = r.length - 3;
  const cov = best && dof > 0 ? invert(best.jtj, 3) : null;
  const sigma2 = dof > 0 ? r.reduce((s, x) => s + x * x, 0) / dof : NaN;
  const se = (i: number) => (cov && cov[i * 3 + i] >= 0 ? Math.sqrt(sigma2 * cov[i * 3 + i]) : NaN);
  if (q[2] <= lower[2] + 1e-9) notes.push("phi at its lower bound 0: this history shows no familiarity effect beyond the trend");
  if (q[2] >= upper[2] - 1e-9) notes.push(`phi at its upper bound ${upper[2]}`);
  if (obs.length <= 3) notes.push("as many parameters as points: the fit is exact and says little");
  return {
    a: q[0],
    g: q[1],
    phi: q[2],
    t0,
    tau,
    tauSource: turnover.source,
    initialStockShare,
    initialStockShareSource,
    firstYear,
    lastYear,
    points: obs.length,
    rmsLogitError: rms,
    stdErr: { a: se(0), g: se(1), phi: se(2) },
    converged: best?.converged ?? false,
    notes,
  };
}
