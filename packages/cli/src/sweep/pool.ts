// A pool of worker threads evaluating a sweep's index range in chunks. Each record depends only on its index, so
// the result is identical whatever the number of threads or the order in which chunks come back.
//
// Records go straight into one SharedArrayBuffer (no copy per chunk, no second buffer in the main thread). For a
// Monte Carlo report the workers also do the summarising: with exact percentiles each worker takes whole record
// columns of the shared records (a column's percentiles are a function of its values alone); with the streaming
// sketch each worker summarises its own samples and the main thread adds the integer counts. Either way the
// report is the same number for number whatever the thread count (packages/cli/src/sweep/sweep.spec.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  STATS_PER_COLUMN,
  UncertaintySummary,
  runSweep,
  sweepReport,
  uncertaintyReportFromStats,
  type SobolReport,
  type Sweep,
  type SweepMeta,
  type TornadoReport,
  type UncertaintyMeta,
  type UncertaintyReport,
  type UncertaintySweep,
} from "@evplan/core/runtime";
import { CliError, REPO_ROOT } from "../context.js";
import type { WorkerInput, WorkerReply, WorkerRequest } from "./worker.js";

/** The compiled worker script (built by `npm run build`); workers never load TypeScript sources. */
export const WORKER_SCRIPT = join(REPO_ROOT, "packages", "cli", "dist", "sweep", "worker.js");

export interface RangeRun {
  readonly from: number;
  readonly to: number;
  readonly threads: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Chunk size: small enough for even load and a live progress bar, large enough to keep messages rare. A Monte
 * Carlo sample (about 2 ms) takes 64 at most, so the last chunk leaves the other worker idle for 0.1-0.2 s at
 * most; a sensitivity evaluation (one cell, often an early stop: a fraction of that) 256.
 */
function chunkSize(n: number, threads: number, width: number): number {
  return Math.max(1, Math.min(width > 1 ? 64 : 256, Math.ceil(n / (threads * 16))));
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

/** A worker's answer (a failure rejects instead). */
type Answer = Exclude<WorkerReply, { error: string }>;

/** Started workers, each ready, taking requests from one queue as each becomes free. */
class Pool {
  /** A worker's failure between requests, so the next request fails at once rather than waiting for ever. */
  private readonly failed = new Map<Worker, Error>();
  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on("error", (e: Error) => this.failed.set(w, e));
      w.on("exit", (code: number) => this.failed.set(w, new Error(`worker exited with code ${code}`)));
    }
  }

  static async start(input: WorkerInput, n: number): Promise<Pool> {
    if (!existsSync(WORKER_SCRIPT)) throw new CliError(`the worker script ${WORKER_SCRIPT} is missing: run npm run build`);
    const workers = Array.from({ length: n }, () => new Worker(WORKER_SCRIPT, { workerData: input }));
    const pool = new Pool(workers);
    try {
      await Promise.all(workers.map((w) => pool.next(w)));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** The worker's next reply (or its failure). */
  private next(w: Worker): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const failed = this.failed.get(w);
      if (failed) return reject(failed);
      const done = () => {
        w.off("message", onMessage);
        w.off("error", onError);
        w.off("exit", onExit);
      };
      const onMessage = (m: WorkerReply) => {
        done();
        if ("error" in m) reject(new Error(`worker: ${m.error}`));
        else resolve(m);
      };
      const onError = (e: Error) => {
        done();
        reject(e);
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`worker exited with code ${code}`));
      };
      w.on("message", onMessage);
      w.on("error", onError);
      w.on("exit", onExit);
    });
  }

  /** Every request answered, each by whichever worker is free first; `onReply` sees each reply. */
  async each(requests: Iterable<WorkerRequest>, onReply: (m: Answer) => void): Promise<void> {
    const queue = requests[Symbol.iterator]();
    await Promise.all(
      this.workers.map(async (w) => {
        for (let item = queue.next(); !item.done; item = queue.next()) {
          const req = item.value;
          const reply = this.next(w);
          w.postMessage(req);
          onReply(await reply);
        }
      }),
    );
  }

  /** One request to each worker in turn, each reply handled before the next is asked for (one in memory at once). */
  async inTurn(req: WorkerRequest, onReply: (m: Answer) => void): Promise<void> {
    for (const w of this.workers) {
      const reply = this.next(w);
      w.postMessage(req);
      onReply(await reply);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The chunks of [from, to), made as they are taken (a long run has millions). */
function* ranges(from: number, to: number, chunk: number, op: "range" | "summarise"): Generator<WorkerRequest> {
  for (let i = from; i < to; i += chunk) yield { op, from: i, to: Math.min(to, i + chunk) };
}

/** Records [from, to) of the sweep on a started pool, into the shared buffer the workers were given. */
async function recordsOnPool(pool: Pool, r: RangeRun, chunk: number): Promise<void> {
  const n = r.to - r.from;
  let done = 0;
  await pool.each(ranges(r.from, r.to, chunk, "range"), (m) => {
    if (m.op !== "range") throw new Error(`worker: unexpected reply ${m.op}`);
    done += m.to - m.from;
    r.onProgress?.(done, n);
  });
}

/** Evaluate [from, to) of the sweep: in this thread when one worker is enough, else on a worker pool. */
export async function runRange(input: WorkerInput, sweep: Sweep<SweepMeta>, r: RangeRun): Promise<Float64Array> {
  const n = r.to - r.from;
  const threads = workersFor(n, r.threads);
  if (threads <= 1) return runSweep(sweep, { from: r.from, to: r.to, chunk: chunkSize(n, 1, sweep.meta.width), onProgress: r.onProgress });
  const shared = new SharedArrayBuffer(n * sweep.meta.width * 8);
  const pool = await Pool.start({ ...input, records: shared, recordsFrom: r.from }, threads);
  try {
    await recordsOnPool(pool, r, chunkSize(n, threads, sweep.meta.width));
  } finally {
    await pool.close();
  }
  return new Float64Array(shared);
}

/**
 * The report of a whole sweep. A Monte Carlo is summarised in the workers (exact column statistics over the
 * shared records, or streaming sketches that keep no records); a sensitivity sweep's few records are summarised
 * here.
 */
export async function runReport(
  input: WorkerInput,
  sweep: Sweep<SweepMeta>,
  r: Omit<RangeRun, "from" | "to">,
): Promise<UncertaintyReport | TornadoReport | SobolReport> {
  const meta = sweep.meta;
  const n = meta.count;
  if (meta.kind !== "uncertainty") return sweepReport(meta, await runRange(input, sweep, { ...r, from: 0, to: n }));
  const um = meta as UncertaintyMeta;
  const threads = workersFor(n, r.threads);
  const chunk = chunkSize(n, threads, sweep.meta.width);
  if (threads <= 1) {
    if (um.quantiles === "exact") return sweepReport(meta, runSweep(sweep, { chunk, onProgress: r.onProgress }));
    const summary = new UncertaintySummary(um);
    for (let i = 0; i < n; i += chunk) {
      const j = Math.min(n, i + chunk);
      (sweep as UncertaintySweep).runSummary(i, j, summary);
      r.onProgress?.(j, n);
    }
    return uncertaintyReportFromStats(um, summary.stats());
  }
  if (um.quantiles === "sketch") {
    const pool = await Pool.start(input, threads);
    try {
      let done = 0;
      await pool.each(ranges(0, n, chunk, "summarise"), (m) => {
        if (m.op !== "range") throw new Error(`worker: unexpected reply ${m.op}`);
        done += m.to - m.from;
        r.onProgress?.(done, n);
      });
      const summary = new UncertaintySummary(um);
      await pool.inTurn({ op: "summary" }, (m) => {
        if (m.op !== "summary") throw new Error(`worker: unexpected reply ${m.op}`);
        summary.merge(m.data);
      });
      return uncertaintyReportFromStats(um, summary.stats());
    } finally {
      await pool.close();
    }
  }
  const W = meta.width;
  const shared = new SharedArrayBuffer(n * W * 8);
  const pool = await Pool.start({ ...input, records: shared, recordsFrom: 0 }, threads);
  try {
    await recordsOnPool(pool, { ...r, from: 0, to: n }, chunk);
    const stats = new Float64Array(W * STATS_PER_COLUMN);
    const cols = Math.max(1, Math.ceil(W / (threads * 8)));
    const requests: WorkerRequest[] = [];
    for (let c = 0; c < W; c += cols) requests.push({ op: "stats", rows: n, colFrom: c, colTo: Math.min(W, c + cols) });
    await pool.each(requests, (m) => {
      if (m.op !== "stats") throw new Error(`worker: unexpected reply ${m.op}`);
      stats.set(new Float64Array(m.buffer), m.colFrom * STATS_PER_COLUMN);
    });
    return uncertaintyReportFromStats(um, stats);
  } finally {
    await pool.close();
  }
}
