// The first screen's Monte Carlo ("how sure") in slices that give way to the worker's messages. A move on the page
// makes the answer for the old setting useless, and its 200 samples are about 400 ms of CPU here: run in one go,
// a move made meanwhile shared the free core with all of it (docs/decisions.md, issue 18 sixth pass).
import type * as Core from "@evplan/core";
import type { CompiledScenario, Model, UncertaintyOptions, UncertaintyReport } from "@evplan/core";

/** Samples per slice: about 15 ms of a worker's CPU here, the most a move waits for once the answer is abandoned. */
export const SLICE_SAMPLES = 8;

/**
 * `runUncertainty`, `SLICE_SAMPLES` samples at a time with `pause()` (a task boundary, so that the worker reads its
 * messages) after each slice, or null as soon as `abandoned()` says the answer is no longer wanted. The report is
 * `runUncertainty`'s, number for number: each record depends on its index alone, and the records are summarised
 * once all are in (tested).
 */
export async function slicedUncertainty(
  core: Pick<typeof Core, "UncertaintySweep" | "summariseUncertainty">,
  model: Model,
  compiled: CompiledScenario,
  opts: UncertaintyOptions,
  abandoned: () => boolean,
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<UncertaintyReport | null> {
  const sweep = new core.UncertaintySweep(model, compiled, model.counterfactualOf(compiled), opts);
  const { count, width } = sweep.meta;
  const records = new Float64Array(count * width);
  for (let i = 0; i < count; i += SLICE_SAMPLES) {
    if (abandoned()) return null;
    const j = Math.min(count, i + SLICE_SAMPLES);
    sweep.runRange(i, j, records, i * width);
    await pause();
  }
  return abandoned() ? null : core.summariseUncertainty(sweep.meta, records);
}
