// Weibull survival of vehicles by age, S(a) = exp(-(a/lambda)^k), S(0) = 1, nothing beyond MAX_AGE.

/** Share of a vintage still in use at age `age`. */
export function weibullSurvival(age: number, lambda: number, shape: number): number {
  if (age <= 0) return 1;
  return Math.exp(-Math.pow(age / lambda, shape));
}

/** Fill `out[0..maxAge]` with survival by age; out[maxAge + 1] (if present) is 0: all retire after maxAge. */
export function fillSurvival(out: Float64Array, offset: number, maxAge: number, lambda: number, shape: number): void {
  for (let a = 0; a <= maxAge; a++) out[offset + a] = weibullSurvival(a, lambda, shape);
  out[offset + maxAge + 1] = 0;
}
