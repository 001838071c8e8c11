// A pool of worker threads evaluating a sweep's index range in chunks. Each record depends only on its index, so
// the result is identical whatever the number of threads or the order in which chunks come back.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { runSweep, type Sweep, type SweepMeta } from "@evplan/core/runtime";
import { CliError, REPO_ROOT } from "../context.js";
import type { WorkerInput, WorkerReply } from "./worker.js";

/** The compiled worker script (built by `npm run build`); workers never load TypeScript sources. */
export const WORKER_SCRIPT = join(REPO_ROOT, "packages", "cli", "dist", "sweep", "worker.js");

export interface RangeRun {
  readonly from: number;
  readonly to: number;
  readonly threads: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Chunk size: small enough for even load and a live progress bar, large enough to keep messages rare. */
function chunkSize(n: number, threads: number): number {
  return Math.max(1, Math.min(256, Math.ceil(n / (threads * 16))));
}

/**
 * A worker costs a few hundred milliseconds to start (it loads the model code and decodes the compiled inputs);
 * one evaluation of scenario and counterfactual about a millisecond. A worker is started for each this many
 * evaluations at most, so a small sweep runs on fewer workers, or in this thread.
 */
export const MIN_EVALUATIONS_PER_WORKER = 500;

/**
 * The workers worth starting for n evaluations with at most `threads` (1: run in this thread).
 * $EVPLAN_SWEEP_MIN_PER_WORKER replaces MIN_EVALUATIONS_PER_WORKER (tests use it to run small sweeps on workers).
 */
export function workersFor(n: number, threads: number, env: NodeJS.ProcessEnv = process.env): number {
  const set = Number(env.EVPLAN_SWEEP_MIN_PER_WORKER);
  const per = Number.isInteger(set) && set >= 1 ? set : MIN_EVALUATIONS_PER_WORKER;
  return Math.max(1, Math.min(threads, Math.floor(n / per)));
}

/** Evaluate [from, to) of the sweep: in this thread when one worker is enough, else on a worker pool. */
export async function runRange(input: WorkerInput, sweep: Sweep<SweepMeta>, r: RangeRun): Promise<Float64Array> {
  const n = r.to - r.from;
  const threads = workersFor(n, r.threads);
  if (threads <= 1) return runSweep(sweep, { from: r.from, to: r.to, chunk: chunkSize(n, 1), onProgress: r.onProgress });
  if (!existsSync(WORKER_SCRIPT)) throw new CliError(`the worker script ${WORKER_SCRIPT} is missing: run npm run build`);
  const w = sweep.meta.width;
  const out = new Float64Array(n * w);
  const chunk = chunkSize(n, threads);
  let next = r.from;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolveAll, reject) => {
      let live = Math.min(threads, Math.ceil(n / chunk));
      const feed = (worker: Worker) => {
        if (next >= r.to) {
          if (--live === 0) resolveAll();
          return;
        }
        const from = next;
        next = Math.min(r.to, next + chunk);
        worker.postMessage({ from, to: next });
      };
      for (let i = 0; i < live; i++) {
        const worker = new Worker(WORKER_SCRIPT, { workerData: input });
        workers.push(worker);
        worker.on("message", (m: WorkerReply) => {
          if ("error" in m) return reject(new Error(`worker: ${m.error}`));
          if ("ready" in m) return feed(worker);
          out.set(new Float64Array(m.buffer), (m.from - r.from) * w);
          done += m.to - m.from;
          r.onProgress?.(done, n);
          feed(worker);
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (code !== 0) reject(new Error(`worker exited with code ${code}`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((wk) => wk.terminate()));
  }
  return out;
}
