// A pool of threads evaluating a sweep's index range in chunks: this thread and `threads - 1` worker threads.
// Each record depends only on its index, so the result is identical whatever the number of threads or the order
// in which chunks come back.
//
// This thread takes chunks too. It has the sweep built already, so it starts at once, while a worker costs a few
// hundred milliseconds to start and warm: with two threads, this thread and one worker beat two workers and an
// idle main thread by about that start-up (issue 18). Each worker keeps two requests in flight, so it never waits
// while this thread is busy with a chunk of its own; chunks shrink as the range runs out (guided scheduling), so
// the threads finish together.
//
// Records go straight into one SharedArrayBuffer (no copy per chunk, no second buffer). For a Monte Carlo report
// the threads also do the summarising: with exact percentiles each takes whole record columns of the shared
// records (a column's percentiles are a function of its values alone); with the streaming sketch each summarises
// its own samples and this thread adds the integer counts. Either way the report is the same number for number
// whatever the thread count (packages/cli/src/sweep/sweep.spec.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  STATS_PER_COLUMN,
  UncertaintySummary,
  exactColumnStats,
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

/**
 * The worker script built by `npm run build`: the bundled one (scripts/bundle-cli.mjs, a few files to load), else the
 * compiled modules where no bundle was built (`tsc -b` alone). Workers never load TypeScript sources.
 */
const BUNDLED_WORKER = join(REPO_ROOT, "packages", "cli", "dist", "bundle", "sweep-worker.mjs");
export const WORKER_SCRIPT = existsSync(BUNDLED_WORKER) ? BUNDLED_WORKER : join(REPO_ROOT, "packages", "cli", "dist", "sweep", "worker.js");

export interface RangeRun {
  readonly from: number;
  readonly to: number;
  readonly threads: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The largest chunk: small enough for a live progress bar and for this thread to answer its workers often (a
 * Monte Carlo sample takes about 2 ms, so 64 are about 0.1 s), large enough to keep messages rare. A sensitivity
 * evaluation (one cell, often an early stop: a fraction of that) takes 256.
 */
function maxChunk(width: number): number {
  return width > 1 ? 64 : 256;
}

/** A chunk for one thread alone: a sixteenth of the run at most, for a progress bar that moves. */
function progressChunk(n: number, width: number): number {
  return Math.max(1, Math.min(maxChunk(width), Math.ceil(n / 16)));
}

/** Chunks of [from, to), made as they are taken: each an eighth of what is left per thread, at most `most`. */
export function* guidedChunks(from: number, to: number, threads: number, most: number): Generator<readonly [number, number]> {
  for (let i = from; i < to;) {
    const size = Math.max(1, Math.min(most, Math.ceil((to - i) / (threads * 8))));
    const j = Math.min(to, i + size);
    yield [i, j];
    i = j;
  }
}

/**
 * A worker costs a few hundred milliseconds to start (it loads the model code and decodes the compiled inputs);
 * one evaluation of scenario and counterfactual about a millisecond. A thread is used for each this many
 * evaluations at most, so a small sweep runs on fewer threads, or in this thread alone.
 */
export const MIN_EVALUATIONS_PER_WORKER = 500;

/**
 * The threads worth using for n evaluations with at most `threads` (1: this thread alone).
 * $EVPLAN_SWEEP_MIN_PER_WORKER replaces MIN_EVALUATIONS_PER_WORKER (tests use it to run small sweeps on workers).
 */
export function workersFor(n: number, threads: number, env: NodeJS.ProcessEnv = process.env): number {
  const set = Number(env.EVPLAN_SWEEP_MIN_PER_WORKER);
  const per = Number.isInteger(set) && set >= 1 ? set : MIN_EVALUATIONS_PER_WORKER;
  return Math.max(1, Math.min(threads, Math.floor(n / per)));
}

/**
 * Whether this thread takes chunks of the sweep beside its workers. $EVPLAN_SWEEP_HERE=off leaves every chunk to
 * workers (`threads` of them): tests use it so that small sweeps, which this thread would finish before a worker
 * is ready, still check that workers give the numbers this thread gives.
 */
export function thisThreadTakes(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.EVPLAN_SWEEP_HERE !== "off";
}

/** A worker's answer (a failure rejects instead). */
type Answer = Exclude<WorkerReply, { error: string }>;

interface Pending {
  readonly resolve: (m: Answer) => void;
  readonly reject: (e: Error) => void;
}

/** How many requests a worker holds at once: one it works on, one waiting, so it never waits for this thread. */
const IN_FLIGHT = 2;

/** Started workers; each answers its requests in order. Nobody waits for a worker to be ready to start work. */
class Pool {
  /** Each worker's requests not yet answered, oldest first (the first is its "ready"). */
  private readonly pending = new Map<Worker, Pending[]>();
  private readonly failed = new Map<Worker, Error>();
  private readonly ready: Promise<Answer>[];

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      this.pending.set(w, []);
      w.on("message", (m: WorkerReply) => {
        // A worker that reports an error is done: its failure ends the sweep at this thread's next chunk too.
        if ("error" in m) return this.fail(w, new Error(`worker: ${m.error}`));
        const p = this.pending.get(w)!.shift();
        if (!p) return this.fail(w, new Error("worker: a reply nobody asked for"));
        p.resolve(m);
      });
      w.on("error", (e: Error) => this.fail(w, e));
      w.on("exit", (code: number) => this.fail(w, new Error(`worker exited with code ${code}`)));
    }
    this.ready = workers.map((w) => Pool.quiet(this.reply(w)));
  }

  static start(input: WorkerInput, n: number): Pool {
    if (!existsSync(WORKER_SCRIPT)) throw new CliError(`the worker script ${WORKER_SCRIPT} is missing: run npm run build`);
    return new Pool(Array.from({ length: n }, () => new Worker(WORKER_SCRIPT, { workerData: input })));
  }

  /** The first failure of any worker, if one has failed. */
  get failure(): Error | undefined {
    return this.failed.values().next().value;
  }

  private fail(w: Worker, e: Error): void {
    if (!this.failed.has(w)) this.failed.set(w, e);
    for (const p of this.pending.get(w)!.splice(0)) p.reject(e);
  }

  /** A promise of the worker's next unclaimed reply. */
  private reply(w: Worker): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const failed = this.failed.get(w);
      if (failed) return reject(failed);
      this.pending.get(w)!.push({ resolve, reject });
    });
  }

  /** A reply promise that no unhandled rejection comes from when a failure elsewhere has ended the sweep first. */
  private static quiet(p: Promise<Answer>): Promise<Answer> {
    p.catch(() => undefined);
    return p;
  }

  private ask(w: Worker, req: WorkerRequest): Promise<Answer> {
    const r = Pool.quiet(this.reply(w));
    w.postMessage(req);
    return r;
  }

  /**
   * Every request answered, by this thread (`here`, synchronously, unless false) or whichever worker is free; `onReply` sees
   * each answer. This thread yields to the event loop between its chunks so that workers' replies are taken and
   * their next requests sent.
   */
  async share(requests: Iterator<WorkerRequest>, here: ((req: WorkerRequest) => Answer) | false, onReply: (m: Answer) => void): Promise<void> {
    const take = (): WorkerRequest | undefined => {
      const item = requests.next();
      return item.done ? undefined : item.value;
    };
    const onWorker = async (w: Worker, ready: Promise<Answer>) => {
      await ready;
      const inFlight: Promise<Answer>[] = [];
      for (let k = 0; k < IN_FLIGHT; k++) {
        const req = take();
        if (req) inFlight.push(this.ask(w, req));
      }
      while (inFlight.length > 0) {
        onReply(await inFlight.shift()!);
        const req = take();
        if (req) inFlight.push(this.ask(w, req));
      }
    };
    const onThisThread = async () => {
      if (!here) return;
      for (let req = take(); req; req = take()) {
        if (this.failure) throw this.failure;
        onReply(here(req));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([onThisThread(), ...this.workers.map((w, k) => onWorker(w, this.ready[k]))]);
  }

  /** One request to each worker in turn, each reply handled before the next is asked for (one in memory at once). */
  async inTurn(req: WorkerRequest, onReply: (m: Answer) => void): Promise<void> {
    for (let k = 0; k < this.workers.length; k++) {
      await this.ready[k];
      onReply(await this.ask(this.workers[k], req));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Requests for the chunks of [from, to), made as they are taken (a long run has millions). */
function* requestsFor(from: number, to: number, threads: number, most: number, op: "range" | "summarise"): Generator<WorkerRequest> {
  for (const [i, j] of guidedChunks(from, to, threads, most)) yield { op, from: i, to: j };
}

/** A progress counter over n evaluations that takes each answered chunk. */
function counted(n: number, onProgress: RangeRun["onProgress"]): (m: Answer) => void {
  let done = 0;
  return (m) => {
    if (m.op !== "range") throw new Error(`worker: unexpected reply ${m.op}`);
    done += m.to - m.from;
    onProgress?.(done, n);
  };
}

/** Evaluate [from, to) of the sweep: in this thread alone when one thread is enough, else with workers beside it. */
export async function runRange(input: WorkerInput, sweep: Sweep<SweepMeta>, r: RangeRun): Promise<Float64Array> {
  const n = r.to - r.from;
  const threads = workersFor(n, r.threads);
  const W = sweep.meta.width;
  if (threads <= 1) return runSweep(sweep, { from: r.from, to: r.to, chunk: progressChunk(n, W), onProgress: r.onProgress });
  const here = thisThreadTakes();
  const shared = new SharedArrayBuffer(n * W * 8);
  const records = new Float64Array(shared);
  const pool = Pool.start({ ...input, records: shared, recordsFrom: r.from }, here ? threads - 1 : threads);
  try {
    await pool.share(
      requestsFor(r.from, r.to, threads, maxChunk(W), "range"),
      here &&
        ((req) => {
          if (req.op !== "range") throw new Error(`unexpected request ${req.op}`);
          sweep.runRange(req.from, req.to, records, (req.from - r.from) * W);
          return req;
        }),
      counted(n, r.onProgress),
    );
  } finally {
    await pool.close();
  }
  return records;
}

/**
 * The streaming summary of samples [from, to) of a Monte Carlo, keeping no records: in this thread alone when one
 * thread is enough, else with workers beside it, each summarising its own chunks; the counts are then added here.
 */
export async function summariseRange(input: WorkerInput, sweep: UncertaintySweep, r: RangeRun): Promise<UncertaintySummary> {
  const n = r.to - r.from;
  const threads = workersFor(n, r.threads);
  const most = maxChunk(sweep.meta.width);
  const summary = new UncertaintySummary(sweep.meta);
  if (threads <= 1) {
    for (const [i, j] of guidedChunks(r.from, r.to, 1, most)) {
      sweep.runSummary(i, j, summary);
      r.onProgress?.(j - r.from, n);
    }
    return summary;
  }
  const here = thisThreadTakes();
  const pool = Pool.start(input, here ? threads - 1 : threads);
  try {
    await pool.share(
      requestsFor(r.from, r.to, threads, most, "summarise"),
      here &&
        ((req) => {
          if (req.op !== "summarise") throw new Error(`unexpected request ${req.op}`);
          sweep.runSummary(req.from, req.to, summary);
          return { op: "range", from: req.from, to: req.to };
        }),
      counted(n, r.onProgress),
    );
    await pool.inTurn({ op: "summary" }, (m) => {
      if (m.op !== "summary") throw new Error(`worker: unexpected reply ${m.op}`);
      summary.merge(m.data);
    });
    return summary;
  } finally {
    await pool.close();
  }
}

/**
 * The report of a whole sweep. A Monte Carlo is summarised by the threads that ran it (exact column statistics
 * over the shared records, or streaming sketches that keep no records); a sensitivity sweep's few records are
 * summarised here.
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
  const most = maxChunk(meta.width);
  const here = thisThreadTakes();
  if (um.quantiles === "sketch") {
    const summary = await summariseRange(input, sweep as UncertaintySweep, { ...r, from: 0, to: n });
    return uncertaintyReportFromStats(um, summary.stats());
  }
  if (threads <= 1) return sweepReport(meta, runSweep(sweep, { chunk: progressChunk(n, meta.width), onProgress: r.onProgress }));
  const W = meta.width;
  const shared = new SharedArrayBuffer(n * W * 8);
  const records = new Float64Array(shared);
  const pool = Pool.start({ ...input, records: shared, recordsFrom: 0 }, here ? threads - 1 : threads);
  try {
    await pool.share(
      requestsFor(0, n, threads, most, "range"),
      here &&
        ((req) => {
          if (req.op !== "range") throw new Error(`unexpected request ${req.op}`);
          sweep.runRange(req.from, req.to, records, req.from * W);
          return req;
        }),
      counted(n, r.onProgress),
    );
    const stats = new Float64Array(W * STATS_PER_COLUMN);
    const cols = Math.max(1, Math.ceil(W / (threads * 8)));
    const requests: WorkerRequest[] = [];
    for (let c = 0; c < W; c += cols) requests.push({ op: "stats", rows: n, colFrom: c, colTo: Math.min(W, c + cols) });
    await pool.share(
      requests[Symbol.iterator](),
      here &&
        ((req) => {
          if (req.op !== "stats") throw new Error(`unexpected request ${req.op}`);
          const out = new Float64Array((req.colTo - req.colFrom) * STATS_PER_COLUMN);
          exactColumnStats(um, records, n, req.colFrom, req.colTo, out);
          return { op: "stats", colFrom: req.colFrom, colTo: req.colTo, buffer: out.buffer as ArrayBuffer };
        }),
      (m) => {
        if (m.op !== "stats") throw new Error(`worker: unexpected reply ${m.op}`);
        stats.set(new Float64Array(m.buffer), m.colFrom * STATS_PER_COLUMN);
      },
    );
    return uncertaintyReportFromStats(um, stats);
  } finally {
    await pool.close();
  }
}
