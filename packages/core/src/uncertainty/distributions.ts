// Inverse CDFs of the four distributions a parameter may declare, truncated to its [min, max] where given.
// A draw is quantile(u) for a uniform u, so any uniform stream (random, Saltelli, a fixed percentile) maps to a value.
import type { Uncertainty } from "../registry/schema.js";

export const DIST_UNIFORM = 0;
export const DIST_TRIANGULAR = 1;
export const DIST_NORMAL = 2;
export const DIST_LOGNORMAL = 3;

/** Standard normal CDF (Hart's double-precision algorithm, as given by G. West, 2005); absolute error < 1e-14. */
export function normalCdf(x: number): number {
  const a = Math.abs(x);
  let c: number;
  if (a > 37) c = 0;
  else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let b = 3.52624965998911e-2 * a + 0.700383064443688;
      b = b * a + 6.37396220353165;
      b = b * a + 33.912866078383;
      b = b * a + 112.079291497871;
      b = b * a + 221.213596169931;
      b = b * a + 220.206867912376;
      c = e * b;
      b = 8.83883476483184e-2 * a + 1.75566716318264;
      b = b * a + 16.064177579207;
      b = b * a + 86.7807322029461;
      b = b * a + 296.564248779674;
      b = b * a + 637.333633378831;
      b = b * a + 793.826512519948;
      b = b * a + 440.413735824752;
      c /= b;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** Standard normal quantile (Wichura's AS 241, PPND16); relative error about 1e-16. `p` in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0)) return p === 0 ? -Infinity : NaN;
  if (!(p < 1)) return p === 1 ? Infinity : NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852545561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -x : x;
}

/**
 * A distribution reduced to numbers: kind, three shape numbers and the CDF at the truncation bounds.
 * uniform (min, max); triangular (min, mode, max); normal (mean, sd); lognormal (mu, sigma of the logarithm).
 */
export interface CompiledDistribution {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly cdfLo: number;
  readonly cdfHi: number;
}

/**
 * Compile a declared distribution. For `lognormal`, `mean` and `sd` are the mean and standard deviation of the
 * quantity itself (not of its logarithm), so that `{mean: 1, sd: 0.2}` is a factor centred on 1.
 * `min` and `max`, when given for normal and lognormal, truncate the distribution.
 */
export function compileDistribution(u: Uncertainty): CompiledDistribution {
  switch (u.distribution) {
    case "uniform":
      return { kind: DIST_UNIFORM, a: u.min!, b: u.max!, c: 0, cdfLo: 0, cdfHi: 1 };
    case "triangular":
      return { kind: DIST_TRIANGULAR, a: u.min!, b: u.mode!, c: u.max!, cdfLo: 0, cdfHi: 1 };
    case "normal": {
      const m = u.mean!;
      const s = u.sd!;
      const lo = u.min === undefined ? 0 : normalCdf((u.min - m) / s);
      const hi = u.max === undefined ? 1 : normalCdf((u.max - m) / s);
      return { kind: DIST_NORMAL, a: m, b: s, c: 0, cdfLo: lo, cdfHi: hi };
    }
    case "lognormal": {
      const m = u.mean!;
      const s = u.sd!;
      if (!(m > 0)) throw new Error("a lognormal distribution needs a positive mean");
      const sigma = Math.sqrt(Math.log(1 + (s * s) / (m * m)));
      const mu = Math.log(m) - (sigma * sigma) / 2;
      const lo = u.min === undefined || u.min <= 0 ? 0 : normalCdf((Math.log(u.min) - mu) / sigma);
      const hi = u.max === undefined ? 1 : u.max <= 0 ? 0 : normalCdf((Math.log(u.max) - mu) / sigma);
      return { kind: DIST_LOGNORMAL, a: mu, b: sigma, c: 0, cdfLo: lo, cdfHi: hi };
    }
  }
}

/** The value at probability `u` in (0, 1) of a compiled distribution (inverse CDF, truncated). */
export function quantileAt(kind: number, a: number, b: number, c: number, cdfLo: number, cdfHi: number, u: number): number {
  switch (kind) {
    case DIST_UNIFORM:
      return a + u * (b - a);
    case DIST_TRIANGULAR: {
      // a = min, b = mode, c = max
      const w = c - a;
      if (w <= 0) return a;
      const fm = (b - a) / w;
      return u < fm ? a + Math.sqrt(u * w * (b - a)) : c - Math.sqrt((1 - u) * w * (c - b));
    }
    case DIST_NORMAL:
      return a + b * normalQuantile(cdfLo + u * (cdfHi - cdfLo));
    default:
      return Math.exp(a + b * normalQuantile(cdfLo + u * (cdfHi - cdfLo)));
  }
}

/** Convenience for one declared distribution (not for inner loops: it compiles each call). */
export function quantileOf(u: Uncertainty, p: number): number {
  const d = compileDistribution(u);
  return quantileAt(d.kind, d.a, d.b, d.c, d.cdfLo, d.cdfHi, p);
}
