// Bracketed root finding by the Illinois variant of false position: superlinear on smooth monotone functions and,
// unlike Newton, never leaves the bracket. One copy for the engine (subsidy budget) and goal seek.

export interface RootOptions {
  /** Stop when |g(x)| <= absTol. */
  readonly absTol: number;
  /** Stop when the bracket is narrower than this. */
  readonly xTol: number;
  readonly maxIterations: number;
}

/**
 * A root of g in [a, b], given ga = g(a) and gb = g(b) of opposite signs (or one of them zero). Returns the last
 * point evaluated; g is called at most `maxIterations` times. Allocates nothing.
 */
export function illinois(g: (x: number) => number, a: number, ga: number, b: number, gb: number, opts: RootOptions): number {
  if (ga === 0) return a;
  if (gb === 0) return b;
  let side = 0;
  let x = b;
  for (let i = 0; i < opts.maxIterations; i++) {
    x = (a * gb - b * ga) / (gb - ga);
    const gx = g(x);
    if (Math.abs(gx) <= opts.absTol || Math.abs(b - a) < opts.xTol) break;
    if (gx * gb > 0) {
      b = x;
      gb = gx;
      if (side === 1) ga /= 2;
      side = 1;
    } else {
      a = x;
      ga = gx;
      if (side === -1) gb /= 2;
      side = -1;
    }
  }
  return x;
}
