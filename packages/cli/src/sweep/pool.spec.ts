// The thread pool of a sweep: chunks cover the range exactly, this thread and a worker give the records one thread
// gives, and a worker's failure ends the sweep with its error.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { runSweep, type Sweep, type SweepMeta } from "@evplan/core/runtime";
import { compileJob, normaliseSpec, sweepFromCompiled, type CompiledJob, type JobSpec } from "./job.js";
import { guidedChunks, runRange } from "./pool.js";

describe("guided chunks", () => {
  it("cover [from, to) in order, each at most the largest size, shrinking towards the end", () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(20000), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 300 }), (from, len, threads, most) => {
        let at = from;
        let last = Infinity;
        let ok = true;
        for (const [i, j] of guidedChunks(from, from + len, threads, most)) {
          ok &&= i === at && j - i >= 1 && j - i <= most && j - i <= last;
          last = j - i;
          at = j;
        }
        return ok && at === from + len;
      }),
    );
  });
});

describe("a sweep on this thread and a worker", () => {
  const spec: JobSpec = normaliseSpec({ kind: "uncertainty", scenario: "nevp-2025-30", samples: 24, seed: 7 });
  let job: CompiledJob;
  let sweep: Sweep<SweepMeta>;
  const env = { min: process.env.EVPLAN_SWEEP_MIN_PER_WORKER, here: process.env.EVPLAN_SWEEP_HERE };
  beforeAll(async () => {
    job = await compileJob(spec);
    sweep = sweepFromCompiled(spec, job);
  }, 60_000);
  afterEach(() => {
    for (const [name, was] of [
      ["EVPLAN_SWEEP_MIN_PER_WORKER", env.min],
      ["EVPLAN_SWEEP_HERE", env.here],
    ] as const)
      if (was === undefined) delete process.env[name];
      else process.env[name] = was;
  });

  it("gives the records of one thread, for a range not starting at 0, with or without this thread's chunks", async () => {
    process.env.EVPLAN_SWEEP_MIN_PER_WORKER = "1";
    const alone = Array.from(runSweep(sweep, { from: 3, to: 24, chunk: 5 }));
    for (const here of ["on", "off"]) {
      process.env.EVPLAN_SWEEP_HERE = here;
      const shared = await runRange({ spec, job }, sweep, { from: 3, to: 24, threads: 2 });
      expect(shared.length).toBe(21 * sweep.meta.width);
      expect(Array.from(shared)).toEqual(alone);
    }
  }, 60_000);

  it("ends with the worker's error when the worker cannot build the sweep", async () => {
    process.env.EVPLAN_SWEEP_MIN_PER_WORKER = "1";
    const broken = { ...job, checked: "{ not json" };
    await expect(runRange({ spec, job: broken }, sweep, { from: 0, to: 24, threads: 2 })).rejects.toThrow(/^worker: .*JSON/);
  }, 60_000);
});
