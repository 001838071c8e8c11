// A bounded pool of worker threads for the model's work, so that the thread answering HTTP never computes: a slow
// solve cannot stall static files or other requests. Tasks beyond the pool wait in a bounded queue; a full queue is
// a 503 at once, and a task over its time limit is stopped (its thread replaced) with a 503.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Problem, type ProblemBody } from "./problem.js";

export type Task =
  | { op: "run" | "solve" | "compare" | "checkJob" | "runJob" | "figures"; text: string; name?: string }
  | { op: "checkSaved"; text: string; mode: "create" | "update"; name?: string };

export type Reply =
  | { id: number; ok: string }
  | { id: number; problem: { body: ProblemBody; headers: Record<string, string> } }
  | { id: number; progress: number }
  | { ready: true }
  | { fatal: string };

export interface WorkerConfig {
  readonly data: string;
  readonly scenarios: string;
  readonly maxJobEvaluations: number;
}

/** The compiled worker script; the pool never runs TypeScript sources (`npm run build` makes it). */
export function workerScript(): string {
  const here = import.meta.url;
  const url = here.endsWith(".ts") ? new URL("../dist/worker.js", here) : new URL("./worker.js", here);
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new Error(`the server's worker script ${path} is missing: run npm run build`);
  return path;
}

interface Pending {
  readonly id: number;
  readonly task: Task;
  readonly timeoutMs: number;
  readonly onProgress?: (fraction: number) => void;
  readonly resolve: (json: string) => void;
  readonly reject: (e: Problem) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;

  constructor(
    private readonly config: WorkerConfig,
    opts: { size: number; maxQueue: number; name: string },
  ) {
    this.size = Math.max(1, opts.size);
    this.maxQueue = opts.maxQueue;
    this.name = opts.name;
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }
  private readonly maxQueue: number;
  private readonly name: string;

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerScript(), { workerData: this.config }), ready: false, current: null, timer: null };
    slot.worker.unref();
    slot.worker.on("message", (m: Reply) => {
      if ("ready" in m) {
        slot.ready = true;
        return this.pump();
      }
      if ("fatal" in m) {
        // The data pack did not load in the worker: nothing this pool runs can succeed.
        this.fail(slot, new Problem(500, "internal", "Internal error", `${this.name} worker: ${m.fatal}`));
        return;
      }
      const p = slot.current;
      if (!p || m.id !== p.id) return;
      if ("progress" in m) return p.onProgress?.(m.progress);
      this.finish(slot);
      if ("ok" in m) p.resolve(m.ok);
      else p.reject(Problem.fromBody(m.problem.body, m.problem.headers));
      this.pump();
    });
    slot.worker.on("error", (e) => this.fail(slot, new Problem(500, "internal", "Internal error", `${this.name} worker: ${e.message}`)));
    slot.worker.on("exit", () => {
      if (!this.closed && this.slots.includes(slot)) this.fail(slot, new Problem(500, "internal", "Internal error", `${this.name} worker stopped`));
    });
    return slot;
  }

  /** Replace a broken or overrunning worker; its task (if any) gets `problem`. */
  private fail(slot: Slot, problem: Problem): void {
    const p = slot.current;
    this.finish(slot);
    const i = this.slots.indexOf(slot);
    if (i >= 0) {
      this.slots.splice(i, 1);
      void slot.worker.terminate();
      if (!this.closed) this.slots.push(this.spawn());
    }
    p?.reject(problem);
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.current) continue;
      const p = this.queue.shift();
      if (!p) return;
      slot.current = p;
      if (Number.isFinite(p.timeoutMs)) {
        slot.timer = setTimeout(
          () =>
            this.fail(
              slot,
              new Problem(
                503,
                "timeout",
                "Request took too long",
                `the computation took longer than ${p.timeoutMs / 1000} s, the server's limit per request (EVPLAN_REQUEST_TIMEOUT_MS)`,
              ),
            ),
          p.timeoutMs,
        );
      }
      slot.worker.postMessage({ id: p.id, ...p.task });
    }
  }

  /** Run a task; rejects with a Problem (503 when the queue is full or the time limit passes). */
  exec(task: Task, opts: { timeoutMs?: number; onProgress?: (fraction: number) => void } = {}): Promise<string> {
    if (this.closed) return Promise.reject(new Problem(503, "busy", "Server stopping", "the server is shutting down"));
    const idle = this.slots.some((s) => s.ready && !s.current);
    if (!idle && this.queue.length >= this.maxQueue) {
      return Promise.reject(
        new Problem(
          503,
          "busy",
          "Server busy",
          `all ${this.size} ${this.name} workers are busy and ${this.queue.length} requests are waiting: retry in a moment`,
          {
            headers: { "retry-after": "1" },
          },
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, timeoutMs: opts.timeoutMs ?? Infinity, onProgress: opts.onProgress, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once every thread has loaded the data pack (tests; a warm start). */
  async whenReady(): Promise<void> {
    while (!this.closed && this.slots.some((s) => !s.ready)) await new Promise((r) => setTimeout(r, 10));
  }

  stats(): { size: number; ready: number; busy: number; queued: number } {
    return { size: this.size, ready: this.slots.filter((s) => s.ready).length, busy: this.slots.filter((s) => s.current).length, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Problem(503, "busy", "Server stopping", "the server is shutting down"));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
