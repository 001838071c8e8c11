// The first screen's Monte Carlo in slices (model-worker.ts): the report of one uninterrupted run, number for
// number, and nothing more computed once the answer is abandoned.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import * as core from "@evplan/core";
import { openModel } from "@evplan/core/node";
import { PlannerModel } from "../src/planner";
import { SLICE_SAMPLES, slicedUncertainty } from "../src/sliced-uncertainty";

const root = join(import.meta.dirname, "..", "..", "..");
const { model } = openModel({ data: join(root, "data", "pakistan"), scenarios: join(root, "scenarios") });
const planner = new PlannerModel(model, model.registry, 2025);
// As the worker asks: a moved lever, the headline metric, no paired difference; a sample count that does not fill
// the last slice.
const compiled = planner.planner("nevp-2025-30", { "policy.subsidy_scale": 1.4 }, {});
const opts = { samples: 3 * SLICE_SAMPLES + 5, seed: 1, metrics: ["ev_sales_share"], difference: false } as const;

describe("the sliced Monte Carlo of the first screen", () => {
  it("gives runUncertainty's report, with a pause after every slice", async () => {
    let pauses = 0;
    const sliced = await slicedUncertainty(
      core,
      model,
      compiled,
      opts,
      () => false,
      async () => void pauses++,
    );
    expect(sliced).toEqual(core.runUncertainty(model, compiled, opts));
    expect(pauses).toBe(Math.ceil(opts.samples / SLICE_SAMPLES));
    expect(sliced!.targets.some((t) => t.probability_met > 0 && t.probability_met < 1)).toBe(true);
  });

  it("stops at the slice after it is abandoned, and gives nothing", async () => {
    let pauses = 0;
    let ran = 0;
    // Count the records each slice asks for: the sweep's own runRange, wrapped.
    const counting = {
      ...core,
      UncertaintySweep: class extends core.UncertaintySweep {
        override runRange(from: number, to: number, out: Float64Array, outOffset = 0): void {
          ran += to - from;
          super.runRange(from, to, out, outOffset);
        }
      },
    };
    const report = await slicedUncertainty(
      counting,
      model,
      compiled,
      opts,
      () => pauses >= 2,
      async () => void pauses++,
    );
    expect(report).toBeNull();
    expect(ran).toBe(2 * SLICE_SAMPLES);
  });
});
