// Commands that evaluate the model a handful of times (run, compare, solve) or not at all (params, validate) finish
// in a few hundred milliseconds, most of it Node's start and the model's first runs. V8 starts optimising a function
// once it has spent an "interrupt budget" of bytecode; at its default (67,584) the first two runs of the engine set
// off optimising compiles of some twenty stage functions on a background thread, which on a two-core machine
// compete with the main thread and finish after the command needs them (issue 18: `evplan run` took 3.4x
// `node -e 0`, about 2.8x with this). A larger budget (30x) lets these commands run the model unoptimised, as V8
// would have for their first runs anyway; a command that keeps running (a long solve) is still optimised, later.
// Sweeps (uncertainty, sensitivity, backtest) do not call this: they run the model thousands of times.
// Results are the same: every tier of V8 computes the same IEEE doubles.
import { setFlagsFromString } from "node:v8";

/** V8's interrupt budget for commands with few model runs (bytecode executed before a function is optimised). */
export const FEW_RUNS_INTERRUPT_BUDGET = 2_000_000;

export function tuneForFewRuns(): void {
  setFlagsFromString(`--interrupt-budget=${FEW_RUNS_INTERRUPT_BUDGET}`);
}
