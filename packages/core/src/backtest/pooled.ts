// Pooled calibration of the choice dynamics on the IEA panel, per mode, with country effects (empirical Bayes),
// using the planner's own engine on country packs. For each region and training origin o (a base year before
// the cut-off) the engine forecasts the following years on a grid of parameters; the errors up to the cut-off
// make a loss table. Per mode, the barrier depth B0, its decay k and the adjustment speed lambda are shared by
// the countries (pooled), the mature constant A is each country's own (a country effect) drawn from a normal
// population whose mean and spread are estimated from the other countries (leave-one-country-out); a scored
// country's A is its posterior on the grid given its own history up to the cut-off.
import { N_SEG, SEGMENTS } from "../domain.js";
import { Engine } from "../engine/engine.js";
import { rowOffset, BRK_ALL } from "../engine/layout.js";
import { METRIC_INDEX } from "../engine/metrics.js";
import { CountryPack, FLAGS, SEGMENT_OF_MODE, type ChoiceParams, type ModeBase } from "./country-pack.js";
import { bevFractionAt, cumulativeShare, type RegionHistory } from "./panel.js";
import { streamKey, uniformAt } from "../uncertainty/random.js";

/** The grid the fit searches. A is the country effect; the rest are shared within a mode. */
export const GRID = {
  matureConstant: [-5, -4, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 2, 3],
  barrierDepth: [0.5, 2, 4],
  barrierDecay: [1, 3, 8],
  adjustmentSpeed: [0.1, 0.2, 0.3, 0.4, 0.55, 0.75],
} as const satisfies Record<string, readonly number[]>;

const NA = GRID.matureConstant.length;
interface Shared {
  readonly barrierDepth: number;
  readonly barrierDecay: number;
  readonly adjustmentSpeed: number;
}
const SHARED: Shared[] = GRID.barrierDepth.flatMap((barrierDepth) =>
  GRID.barrierDecay.flatMap((barrierDecay) => GRID.adjustmentSpeed.map((adjustmentSpeed) => ({ barrierDepth, barrierDecay, adjustmentSpeed }))),
);
const NG = SHARED.length * NA;

/** Training forecasts look this many years ahead (the backtest's own horizon is three to five years). */
export const TRAINING_HORIZON = 5;
/** First training origin: earlier years have too few EVs anywhere to say anything about dynamics. */
export const FIRST_ORIGIN = 2012;
/** Training origins are the last this many years before the cut-off: recent dynamics, and a bounded cost. */
export const TRAINING_WINDOW = 6;
/** Shared points averaged in a forecast (the most frequent winners of the country bootstrap). */
const MIXTURE = 6;
/** Country bootstrap replicates of the shared fit, and the seed of their (deterministic) draws. */
const BOOTSTRAP = 400;
const BOOTSTRAP_SEED = 12;
/** Smallest spread of the country effect: a population with one country still has some. */
const TAU_MIN = 0.35;
/** Logit clip for errors in logit space (shares of 0 or 1). */
const LOGIT_CLIP = 1e-4;

const logit = (s: number) => {
  const x = Math.min(1 - LOGIT_CLIP, Math.max(LOGIT_CLIP, s));
  return Math.log(x / (1 - x));
};
const expit = (x: number) => 1 / (1 + Math.exp(-x));

/** Loss of one region and mode at one cut-off, for every grid point. */
interface LossTable {
  /** Sum over training (origin, year) pairs of |forecast - observed| in percentage points, per grid point. */
  readonly sumAbs: Float64Array;
  /** Sum of absolute logit errors per grid point and horizon (g * H + h - 1), and counts per horizon. */
  readonly sumAbsLogit: Float64Array;
  readonly nH: Int32Array;
  n: number;
  /** Per verification year y: sum of |forecast - observed| (pp) per grid point over the pairs verified in y. */
  readonly absByYear: Map<number, Float64Array>;
  /** Per origin o: sum of absolute logit errors per grid point and horizon, and counts per horizon. */
  readonly logitByOrigin: Map<number, { readonly sum: Float64Array; readonly n: Int32Array }>;
}

export interface ModePosterior {
  readonly mode: string;
  readonly fitUntil: number;
  /** Shared parameters of the mode (pooled over the other countries). */
  readonly shared: Shared;
  /** Population of the country effect A: mean and spread, from the countries in the pool. */
  readonly mu: number;
  readonly tau: number;
  /** Countries in the pool and each one's A at the shared parameters. */
  readonly pool: readonly { region: string; matureConstant: number; mae: number }[];
  /** Posterior weights over GRID.matureConstant for the scored region. */
  readonly weights: Float64Array;
  /** Training pairs of the scored region (0: its A is the population's). */
  readonly ownPairs: number;
  /** True when no other country had this mode: the pool is the scored country itself (no leave-one-out). */
  readonly ownOnly: boolean;
  /** The best shared points with their model-averaging weights, each with its own A posterior and error scale. */
  readonly mixture: readonly { weight: number; shared: Shared; weights: Float64Array; sigma: Float64Array; sigmas: readonly Float64Array[] }[];
  /** Scale b of the Laplace forecast error in logit units by horizon 1..H (the pool's mean absolute error). */
  readonly sigma: Float64Array;
}

const engines = new Map<number, Engine>();
function engineFor(pack: CountryPack): Engine {
  let e = engines.get(pack.nYears);
  if (!e) engines.set(pack.nYears, (e = new Engine(pack.layout, pack.baseYear)));
  return e;
}
const outputs = new Map<number, Float64Array>();
function outputFor(e: Engine): Float64Array {
  let o = outputs.get(e.nYears);
  if (!o) outputs.set(e.nYears, (o = e.newOutput()));
  return o;
}

/** The modes of a region observed in `year`, as the country pack's base. */
export function modeBases(r: RegionHistory, year: number): Partial<Record<(typeof SEGMENTS)[number], ModeBase>> {
  const out: Partial<Record<(typeof SEGMENTS)[number], ModeBase>> = {};
  for (const [mode, h] of r.modes) {
    const share = h.share.get(year);
    if (share === undefined) continue;
    out[SEGMENT_OF_MODE[mode]] = { share, bevFraction: bevFractionAt(h, year), cumulativeShare: cumulativeShare(h.share, year) };
  }
  return out;
}

/** Run one pack with every segment's choice parameters given; returns the engine output (reused buffer). */
export function runPack(pack: CountryPack, choice: (s: number) => ChoiceParams): Float64Array {
  for (let s = 0; s < N_SEG; s++) pack.setChoice(s, choice(s));
  const e = engineFor(pack);
  const out = outputFor(e);
  e.run(pack.params, FLAGS, out);
  return out;
}

/** EV sales share of segment s in year index t of an engine output. */
export function evShareAt(out: Float64Array, nYears: number, s: number, t: number): number {
  return out[rowOffset(METRIC_INDEX.ev_sales_share, s, BRK_ALL, nYears) + t];
}

const params = (g: number): ChoiceParams => {
  const sh = SHARED[Math.floor(g / NA)];
  return { matureConstant: GRID.matureConstant[g % NA], ...sh };
};

/** The training loss tables of every region, mode and cut-off, and the posteriors built from them. */
export class PanelFit {
  readonly panel: readonly RegionHistory[];
  readonly cutoffs: readonly number[];
  readonly lastYear: number;
  private readonly tables = new Map<string, LossTable>();
  /** Engine runs made for the loss tables (for the report). */
  runs = 0;

  constructor(panel: readonly RegionHistory[], cutoffs: readonly number[], lastYear: number) {
    this.panel = panel;
    this.cutoffs = [...cutoffs].sort((a, b) => a - b);
    this.lastYear = lastYear;
    const maxCut = this.cutoffs[this.cutoffs.length - 1];
    const H = TRAINING_HORIZON;
    for (const r of panel) {
      for (let o = Math.max(FIRST_ORIGIN, this.cutoffs[0] - TRAINING_WINDOW); o < maxCut; o++) {
        const bases = modeBases(r, o);
        const modes = [...r.modes.values()].filter((h) => h.share.has(o) && [...h.share.keys()].some((y) => y > o && y <= Math.min(o + H, maxCut)));
        if (!modes.length) continue;
        const end = Math.min(o + H, maxCut);
        const pack = new CountryPack(o, end, bases);
        for (let g = 0; g < NG; g++) {
          const out = runPack(pack, () => params(g));
          this.runs++;
          for (const h of modes) {
            const s = SEGMENTS.indexOf(SEGMENT_OF_MODE[h.mode]);
            for (let y = o + 1; y <= end; y++) {
              const obs = h.share.get(y);
              if (obs === undefined) continue;
              const f = evShareAt(out, pack.nYears, s, y - o);
              const e = Math.abs(f - obs) * 100;
              const le = logit(f) - logit(obs);
              for (const T of this.cutoffs) {
                if (y > T || o < T - TRAINING_WINDOW) continue;
                const tab = this.table(r.region, h.mode, T);
                tab.sumAbs[g] += e;
                tab.sumAbsLogit[g * H + (y - o - 1)] += Math.abs(le);
                let byYear = tab.absByYear.get(y);
                if (!byYear) tab.absByYear.set(y, (byYear = new Float64Array(NG)));
                byYear[g] += e;
                let byOrigin = tab.logitByOrigin.get(o);
                if (!byOrigin) tab.logitByOrigin.set(o, (byOrigin = { sum: new Float64Array(NG * H), n: new Int32Array(H) }));
                byOrigin.sum[g * H + (y - o - 1)] += Math.abs(le);
                if (g === 0) {
                  tab.n++;
                  tab.nH[y - o - 1]++;
                  byOrigin.n[y - o - 1]++;
                }
              }
            }
          }
        }
      }
    }
  }

  private table(region: string, mode: string, T: number): LossTable {
    const key = `${region}\u0000${mode}\u0000${T}`;
    let t = this.tables.get(key);
    if (!t) {
      t = {
        sumAbs: new Float64Array(NG),
        sumAbsLogit: new Float64Array(NG * TRAINING_HORIZON),
        nH: new Int32Array(TRAINING_HORIZON),
        n: 0,
        absByYear: new Map(),
        logitByOrigin: new Map(),
      };
      this.tables.set(key, t);
    }
    return t;
  }

  private existing(region: string, mode: string, T: number): LossTable | undefined {
    const t = this.tables.get(`${region}\u0000${mode}\u0000${T}`);
    return t && t.n > 0 ? t : undefined;
  }

  /**
   * The posterior for `scored` (a region name, or null for the whole pool, as the data pack uses) in `mode` at
   * cut-off T: shared parameters and the population of A from the countries other than `scored`.
   */
  posterior(mode: string, T: number, scored: string | null, only?: (sh: Shared) => boolean): ModePosterior {
    let pool = this.panel
      .filter((r) => !r.aggregate && r.region !== scored)
      .map((r) => ({ region: r.region, tab: this.existing(r.region, mode, T) }))
      .filter((x): x is { region: string; tab: LossTable } => x.tab !== undefined);
    // A file with no other country of this mode: the scored country's own history is the only pool there is.
    const ownOnly = pool.length === 0 && scored !== null && this.existing(scored, mode, T) !== undefined;
    if (ownOnly) pool = [{ region: scored, tab: this.existing(scored, mode, T)! }];
    // Shared parameters: every country takes its best A; a shared point is scored by the countries' mean losses.
    // `only` restricts the points searched (the data pack conditions k and lambda on Pakistan's barrier depth).
    const allowed = SHARED.map((x) => !only || only(x));
    const loss = pool.map(({ tab }) => {
      const m = new Float64Array(SHARED.length);
      for (let sh = 0; sh < SHARED.length; sh++) {
        m[sh] = Infinity;
        for (let a = 0; a < NA; a++) m[sh] = Math.min(m[sh], tab.sumAbs[sh * NA + a] / tab.n);
      }
      return m;
    });
    const totals = new Float64Array(SHARED.length);
    for (let sh = 0; sh < SHARED.length; sh++) totals[sh] = allowed[sh] ? loss.reduce((x, m) => x + m[sh], 0) : Infinity;
    const order = Array.from(SHARED.keys()).sort((x, y) => totals[x] - totals[y]);
    const own = scored ? this.existing(scored, mode, T) : undefined;
    const best = this.conditional(pool, own, order[0]);
    // Model averaging over shared points by the country bootstrap. The countries are the panel's independent
    // units: a country's years share its policies and its forecast errors are strongly correlated, so a likelihood
    // over country-years (the earlier design) is far too sharp and put all weight on one point, and the band
    // carried none of the shared parameters' uncertainty. Resampling countries with replacement and refitting
    // gives each shared point the frequency with which it wins; the most frequent MIXTURE points are averaged.
    const wins = new Float64Array(SHARED.length);
    const draw = new Float64Array(pool.length);
    const key = streamKey(`${mode}\u0000${T}\u0000${scored ?? ""}`);
    for (let b = 0; b < BOOTSTRAP; b++) {
      draw.fill(0);
      for (let i = 0; i < pool.length; i++) draw[Math.min(pool.length - 1, Math.floor(uniformAt(BOOTSTRAP_SEED, b * pool.length + i, key) * pool.length))]++;
      let arg = order[0];
      let min = Infinity;
      for (let sh = 0; sh < SHARED.length; sh++) {
        if (!allowed[sh]) continue;
        let t = 0;
        for (let c = 0; c < pool.length; c++) if (draw[c]) t += draw[c] * loss[c][sh];
        if (t < min - 1e-12) {
          min = t;
          arg = sh;
        }
      }
      wins[arg]++;
    }
    const components = Array.from(SHARED.keys())
      .filter((sh) => wins[sh] > 0)
      .sort((x, y) => wins[y] - wins[x] || totals[x] - totals[y])
      .slice(0, MIXTURE);
    const z = components.reduce((x, sh) => x + wins[sh], 0);
    const mixture = components.map((sh) => ({ weight: wins[sh] / z, ...this.conditional(pool, own, sh) }));
    return {
      mode,
      fitUntil: T,
      shared: best.shared,
      mu: best.mu,
      tau: best.tau,
      pool: best.members,
      weights: best.weights,
      ownPairs: own?.n ?? 0,
      sigma: best.sigma,
      ownOnly,
      mixture,
    };
  }

  /** Given shared point sh: each pool country's best A, the population of A, the error scale and A's posterior. */
  private conditional(pool: readonly { region: string; tab: LossTable }[], own: LossTable | undefined, sh: number) {
    const H = TRAINING_HORIZON;
    const members = pool.map(({ region, tab }) => {
      let ba = 0;
      for (let a = 1; a < NA; a++) if (tab.sumAbs[sh * NA + a] < tab.sumAbs[sh * NA + ba]) ba = a;
      return { region, a: ba, matureConstant: GRID.matureConstant[ba], mae: tab.sumAbs[sh * NA + ba] / tab.n, tab };
    });
    const mu = members.length ? members.reduce((x, m) => x + m.matureConstant, 0) / members.length : 0;
    const sd = members.length > 1 ? Math.sqrt(members.reduce((x, m) => x + (m.matureConstant - mu) ** 2, 0) / (members.length - 1)) : 0;
    const tau = Math.max(TAU_MIN, sd);
    // Laplace likelihood scale: the pool's typical training error.
    const scale = Math.max(0.05, members.length ? members.reduce((x, m) => x + m.mae, 0) / members.length : 1);
    // The error scale is measured out of sample (prequentially): each pool country's forecast from origin o made
    // with the constant its own history up to o supports, as the scored country's forecast is made with the constant
    // its history up to the cut-off supports. The errors at each country's best constant over all its years (the
    // years scored included) understate a forecast's error: bands built on them covered 75-88% of held-out points
    // where 90% was meant (docs/backtest.md, section 3).
    // Like for like: a scored country with training pairs of its own is measured by the pool's origins that had
    // some (its constant estimated from data), one without by the origins that had none (the population's constant).
    const prior = (a: number) => ((GRID.matureConstant[a] - mu) * (GRID.matureConstant[a] - mu)) / (2 * tau * tau);
    const scoredHasOwn = (own?.n ?? 0) > 0;
    const prequential = members.map(({ tab }) => {
      const sum = new Float64Array(H);
      const n = new Int32Array(H);
      for (const [o, at] of tab.logitByOrigin) {
        let seen = false;
        for (const y of tab.absByYear.keys()) if (y <= o) seen = true;
        if (seen !== scoredHasOwn) continue;
        let best = 0;
        let min = Infinity;
        for (let a = 0; a < NA; a++) {
          let l = 0;
          for (const [y, byYear] of tab.absByYear) if (y <= o) l += byYear[sh * NA + a];
          const post = l / scale / H + prior(a);
          if (post < min) {
            min = post;
            best = a;
          }
        }
        for (let h = 0; h < H; h++) {
          sum[h] += at.sum[(sh * NA + best) * H + h];
          n[h] += at.n[h];
        }
      }
      return { sum, n };
    });
    const sigma = new Float64Array(H);
    for (let h = 0; h < H; h++) {
      let ss = 0;
      let n = 0;
      for (const m of prequential) {
        ss += m.sum[h];
        n += m.n[h];
      }
      sigma[h] = n > 0 ? ss / n : h > 0 ? sigma[h - 1] : 0.5;
    }
    for (let h = 1; h < H; h++) sigma[h] = Math.max(sigma[h], sigma[h - 1]);
    // Each pool country's own error scale by horizon (the pool's where it has no pair at that horizon): the
    // scored country's scale is not known, and is drawn from the pool's, as its constant is (a scale mixture).
    const sigmas = prequential.map((m) => {
      const b = new Float64Array(H);
      for (let h = 0; h < H; h++) {
        b[h] = m.n[h] > 0 ? m.sum[h] / m.n[h] : sigma[h];
        if (h > 0) b[h] = Math.max(b[h], b[h - 1]);
      }
      return b;
    });
    const weights = new Float64Array(NA);
    let max = -Infinity;
    for (let a = 0; a < NA; a++) {
      const A = GRID.matureConstant[a];
      // Overlapping origins see the same years again: the likelihood is tempered by the horizon.
      const ll = own ? -own.sumAbs[sh * NA + a] / scale / H : 0;
      weights[a] = ll - ((A - mu) * (A - mu)) / (2 * tau * tau);
      max = Math.max(max, weights[a]);
    }
    let sum = 0;
    for (let a = 0; a < NA; a++) sum += weights[a] = Math.exp(weights[a] - max);
    for (let a = 0; a < NA; a++) weights[a] /= sum;
    return {
      shared: SHARED[sh],
      mu,
      tau,
      scale,
      sigma,
      sigmas,
      weights,
      members: members.map(({ region, matureConstant, mae }) => ({ region, matureConstant, mae })),
    };
  }
}

export interface SeriesForecast {
  readonly years: number[];
  /** Posterior-mean forecast and the p5 and p95 of the predictive distribution, fractions. */
  readonly mean: number[];
  readonly p5: number[];
  readonly p95: number[];
}

/**
 * Quantile q of a weighted mixture of Laplace distributions in logit space (centre and scale b per component),
 * as a share: the same error law as the fit's likelihood, heavier-tailed than a normal, as the training errors are.
 */
function mixtureQuantile(centres: readonly number[], scales: readonly number[], weights: readonly number[], q: number): number {
  const cdf = (x: number) => {
    let c = 0;
    for (let i = 0; i < centres.length; i++) if (weights[i] > 1e-9) c += weights[i] * laplaceCdf((x - centres[i]) / scales[i]);
    return c;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < centres.length; i++) {
    lo = Math.min(lo, centres[i] - 30 * scales[i]);
    hi = Math.max(hi, centres[i] + 30 * scales[i]);
  }
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return expit((lo + hi) / 2);
}

/** CDF of the standard Laplace distribution (scale 1). */
export function laplaceCdf(z: number): number {
  return z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z);
}

/**
 * Forecast every mode of a region from base year T to `lastYear` with the planner's engine: one run per
 * component of the model average and value of A on the grid (each segment at its mode's shared point), weighted
 * by each mode's posterior. The point forecast is the predictive median (it minimises the expected absolute
 * error); the band is the predictive p5-p95.
 */
export function forecastRegion(r: RegionHistory, T: number, lastYear: number, posteriors: ReadonlyMap<string, ModePosterior>): Map<string, SeriesForecast> {
  const bases = modeBases(r, T);
  const pack = new CountryPack(T, lastYear, bases);
  const modeOfSeg = SEGMENTS.map((s) => Object.keys(SEGMENT_OF_MODE).find((m) => SEGMENT_OF_MODE[m] === s));
  const runs: number[][][][] = []; // [k][a][s][t]
  for (let k = 0; k < MIXTURE; k++) {
    const byA: number[][][] = [];
    for (let a = 0; a < NA; a++) {
      const out = runPack(pack, (s) => {
        const post = modeOfSeg[s] ? posteriors.get(modeOfSeg[s]!) : undefined;
        const comp = post?.mixture[Math.min(k, post.mixture.length - 1)];
        return { matureConstant: GRID.matureConstant[a], ...(comp?.shared ?? SHARED[0]) };
      });
      byA.push(SEGMENTS.map((_, s) => Array.from({ length: pack.nYears }, (_, t) => evShareAt(out, pack.nYears, s, t))));
    }
    runs.push(byA);
  }
  const result = new Map<string, SeriesForecast>();
  for (const [mode] of r.modes) {
    const post = posteriors.get(mode);
    if (!post || !bases[SEGMENT_OF_MODE[mode]]) continue;
    const s = SEGMENTS.indexOf(SEGMENT_OF_MODE[mode]);
    const years: number[] = [];
    const mean: number[] = [];
    const p5: number[] = [];
    const p95: number[] = [];
    for (let t = 1; t < pack.nYears; t++) {
      years.push(T + t);
      const centres: number[] = [];
      const scales: number[] = [];
      const weights: number[] = [];
      post.mixture.forEach((comp, k) => {
        const grow = t > TRAINING_HORIZON ? Math.sqrt(t / TRAINING_HORIZON) : 1;
        const pool = comp.sigmas.length ? comp.sigmas : [comp.sigma];
        for (let a = 0; a < NA; a++) {
          if (comp.weight * comp.weights[a] < 1e-6) continue;
          const c = logit(runs[k][a][s][t]);
          for (const sg of pool) {
            centres.push(c);
            scales.push(Math.max(1e-3, sg[Math.min(t, TRAINING_HORIZON) - 1] * grow));
            weights.push((comp.weight * comp.weights[a]) / pool.length);
          }
        }
      });
      mean.push(mixtureQuantile(centres, scales, weights, 0.5));
      p5.push(mixtureQuantile(centres, scales, weights, 0.05));
      p95.push(mixtureQuantile(centres, scales, weights, 0.95));
    }
    result.set(mode, { years, mean, p5, p95 });
  }
  return result;
}

export interface ModeFitSummary {
  readonly mode: string;
  readonly fitUntil: number;
  /** The pooled fit on every country. */
  readonly fit: ModePosterior;
  /** The shared parameters with each country left out in turn (their spread is the jackknife range). */
  readonly leaveOneOut: readonly { region: string; shared: Shared }[];
}

/** Per mode: the pooled fit on every country up to T, and its leave-one-country-out refits. */
export function summariseFit(fit: PanelFit, modes: readonly string[], T: number): ModeFitSummary[] {
  return modes.map((mode) => {
    const all = fit.posterior(mode, T, null);
    return { mode, fitUntil: T, fit: all, leaveOneOut: all.pool.map((m) => ({ region: m.region, shared: fit.posterior(mode, T, m.region).shared })) };
  });
}
