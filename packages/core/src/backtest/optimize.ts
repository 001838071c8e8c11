// A small bounded Levenberg-Marquardt least-squares solver (numeric Jacobian), enough for 2-4 parameters.

export interface LeastSquaresOptions {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly maxIterations?: number;
}

export interface LeastSquaresResult {
  readonly params: number[];
  /** Sum of squared residuals at the solution. */
  readonly cost: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** J^T J at the solution (for approximate standard errors), row-major n x n. */
  readonly jtj: number[];
}

const sumSq = (r: readonly number[]) => {
  let s = 0;
  for (const x of r) s += x * x;
  return s;
};

/** Solve A x = b (n x n, row-major) by Gaussian elimination with partial pivoting; null if singular. */
export function solveLinear(a: readonly number[], b: readonly number[]): number[] | null {
  const n = b.length;
  const m = a.slice();
  const x = b.slice();
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[piv * n + c])) piv = r;
    if (!(Math.abs(m[piv * n + c]) > 1e-300)) return null;
    if (piv !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[piv * n + k]] = [m[piv * n + k], m[c * n + k]];
      [x[c], x[piv]] = [x[piv], x[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < n; k++) s -= m[c * n + k] * x[k];
    x[c] = s / m[c * n + c];
  }
  return x.every(Number.isFinite) ? x : null;
}

/** Inverse of a small symmetric positive matrix, or null. */
export function invert(a: readonly number[], n: number): number[] | null {
  const out = new Array<number>(n * n).fill(0);
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = solveLinear(a, e);
    if (!col) return null;
    for (let i = 0; i < n; i++) out[i * n + j] = col[i];
  }
  return out;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Minimise sum(residuals(p)^2) within the box [lower, upper]. Steps are projected onto the box; a step whose
 * residuals are not finite is treated as a failed step (more damping), so a model that overflows cannot derail it.
 */
export function levenbergMarquardt(residuals: (p: readonly number[]) => number[], start: readonly number[], opts: LeastSquaresOptions): LeastSquaresResult {
  const n = start.length;
  const maxIt = opts.maxIterations ?? 200;
  let p = start.map((x, i) => clamp(x, opts.lower[i], opts.upper[i]));
  let r = residuals(p);
  let cost = r.every(Number.isFinite) ? sumSq(r) : Infinity;
  let lambda = 1e-3;
  let jtj = new Array<number>(n * n).fill(0);
  let it = 0;
  let converged = false;
  const jacobian = (at: readonly number[], rAt: readonly number[]): number[][] => {
    // Central differences, one-sided against a bound.
    const cols: number[][] = [];
    for (let j = 0; j < n; j++) {
      const h = 1e-6 * Math.max(1, Math.abs(at[j]));
      const up = at.slice();
      const dn = at.slice();
      up[j] = Math.min(opts.upper[j], at[j] + h);
      dn[j] = Math.max(opts.lower[j], at[j] - h);
      const ru = up[j] === at[j] ? rAt : residuals(up);
      const rd = dn[j] === at[j] ? rAt : residuals(dn);
      const span = up[j] - dn[j];
      cols.push(ru.map((v, i) => (span > 0 ? (v - rd[i]) / span : 0)));
    }
    return cols;
  };
  if (!Number.isFinite(cost)) return { params: p, cost, iterations: 0, converged: false, jtj };
  for (; it < maxIt; it++) {
    const J = jacobian(p, r);
    const m = r.length;
    const g = new Array<number>(n).fill(0);
    jtj = new Array<number>(n * n).fill(0);
    for (let a = 0; a < n; a++) {
      for (let i = 0; i < m; i++) g[a] += J[a][i] * r[i];
      for (let b = 0; b < n; b++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += J[a][i] * J[b][i];
        jtj[a * n + b] = s;
      }
    }
    if (!jtj.every(Number.isFinite) || !g.every(Number.isFinite)) break;
    let improved = false;
    for (let tries = 0; tries < 30; tries++) {
      const damped = jtj.slice();
      for (let a = 0; a < n; a++) damped[a * n + a] += lambda * Math.max(jtj[a * n + a], 1e-12);
      const step = solveLinear(
        damped,
        g.map((x) => -x),
      );
      if (step) {
        const q = p.map((x, i) => clamp(x + step[i], opts.lower[i], opts.upper[i]));
        const rq = residuals(q);
        const cq = rq.every(Number.isFinite) ? sumSq(rq) : Infinity;
        if (cq < cost) {
          const drop = cost - cq;
          const moved = q.some((x, i) => Math.abs(x - p[i]) > 1e-10 * Math.max(1, Math.abs(x)));
          p = q;
          r = rq;
          cost = cq;
          lambda = Math.max(lambda / 3, 1e-12);
          improved = true;
          if (drop <= 1e-14 * Math.max(cost, 1e-300) || !moved) converged = true;
          break;
        }
      }
      lambda *= 4;
      if (lambda > 1e14) break;
    }
    if (!improved) {
      converged = true; // no descent direction left within the damping range: a (possibly bounded) minimum
      break;
    }
    if (converged) break;
  }
  return { params: p, cost, iterations: it, converged, jtj };
}
