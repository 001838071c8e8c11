// Uncertainty and sensitivity: index-addressed draws, distributions, percentiles, Monte Carlo, tornado and Sobol.
export * from "./random.js";
export * from "./distributions.js";
export * from "./percentile.js";
export * from "./sketch.js";
export * from "./plan.js";
export * from "./sweep.js";
export * from "./uncertainty.js";
export * from "./sobol.js";
export * from "./sensitivity.js";
