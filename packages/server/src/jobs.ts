// Long jobs (uncertainty and sensitivity sweeps). Two backends behind one interface: an in-process pool of worker
// threads with jobs stored in SQLite (one machine), or BullMQ on Redis when REDIS_URL is set (several servers and
// separate worker processes share one queue; results are kept in Redis).
import { randomUUID } from "node:crypto";
import { Problem } from "./problem.js";
import type { ThreadPool } from "./pool.js";
import type { Stamp, Store } from "./store.js";

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobView {
  id: string;
  kind: "uncertainty" | "sensitivity";
  status: JobStatus;
  progress: number;
  result: unknown;
  stale_result: unknown;
  error: string | null;
  model_version: string;
  data_hash: string;
  created_at: string;
  updated_at: string;
}

export interface JobQueue {
  readonly backend: "in-process" | "redis";
  /** Queue a validated job; a full queue is a 429. */
  submit(kind: JobView["kind"], request: string): Promise<string>;
  get(id: string): Promise<JobView | undefined>;
  stats(): Promise<{ queued: number; running: number }>;
  close(): Promise<void>;
}

export interface JobLimits {
  /** Jobs waiting to start, beyond which submissions get a 429. */
  readonly maxQueued: number;
}

/** A result made by other model code or another data pack is kept for reference but never served as current. */
function view(base: Omit<JobView, "result" | "stale_result" | "model_version" | "data_hash">, result: unknown, made: Stamp, current: Stamp): JobView {
  const stale = result !== null && (made.modelVersion !== current.modelVersion || made.dataHash !== current.dataHash);
  return { ...base, result: stale ? null : result, stale_result: stale ? result : null, model_version: made.modelVersion, data_hash: made.dataHash };
}

const tooMany = (queued: number, max: number) =>
  new Problem(429, "too-many-jobs", "Too many jobs", `${queued} jobs are waiting, the most this server queues is ${max}: retry later`, {
    headers: { "retry-after": "30" },
  });

/** One machine: jobs run on a pool of worker threads, their state and results in the server's SQLite database. */
export class LocalJobQueue implements JobQueue {
  readonly backend = "in-process" as const;
  /** Jobs of this process not yet finished. */
  private readonly live = new Map<string, "queued" | "running">();

  constructor(
    private readonly store: Store,
    private readonly pool: ThreadPool,
    private readonly stamp: Stamp,
    private readonly limits: JobLimits & { readonly timeoutMs: number },
  ) {
    // Jobs a previous process left unfinished cannot finish now.
    store.failInterrupted();
    store.pruneJobs();
  }

  private count(state: "queued" | "running"): number {
    let n = 0;
    for (const s of this.live.values()) if (s === state) n++;
    return n;
  }

  async submit(kind: JobView["kind"], request: string): Promise<string> {
    const queued = this.count("queued");
    if (queued >= this.limits.maxQueued) throw tooMany(queued, this.limits.maxQueued);
    const id = randomUUID();
    this.store.pruneJobs();
    this.store.insertJob(id, kind, JSON.parse(request), this.stamp);
    this.live.set(id, "queued");
    let lastWrite = 0;
    const start = () => {
      if (this.live.get(id) !== "queued") return;
      this.live.set(id, "running");
      this.store.setJob(id, { status: "running" });
    };
    const onProgress = (fraction: number) => {
      start();
      // At most a few writes a second: progress is for people watching, not a log.
      const now = Date.now();
      if (now - lastWrite > 250) {
        lastWrite = now;
        this.store.setJob(id, { progress: fraction });
      }
    };
    this.pool
      .exec({ op: "runJob", text: request }, { onProgress, timeoutMs: this.limits.timeoutMs })
      .then(
        (result) => this.store.setJob(id, { status: "done", progress: 1, result }),
        (e: Problem) => this.store.setJob(id, { status: "failed", error: e.body?.detail ?? String(e) }),
      )
      .finally(() => this.live.delete(id));
    return id;
  }

  async get(id: string): Promise<JobView | undefined> {
    const row = this.store.getJob(id);
    if (!row) return undefined;
    const result = row.result === null ? null : (JSON.parse(row.result) as unknown);
    return view(
      {
        id: row.id,
        kind: row.kind as JobView["kind"],
        status: row.status,
        progress: row.progress,
        error: row.error,
        created_at: row.created_at,
        updated_at: row.updated_at,
      },
      result,
      { modelVersion: row.model_version, dataHash: row.data_hash },
      this.stamp,
    );
  }

  async stats() {
    return { queued: this.count("queued"), running: this.count("running") };
  }

  async close(): Promise<void> {}
}

export const QUEUE_NAME = "evplan-jobs";

/** What a job carries through Redis, and what the worker process returns. */
export interface RedisJobData {
  kind: JobView["kind"];
  request: string;
  submitted: Stamp;
}
export interface RedisJobResult {
  result: string;
  modelVersion: string;
  dataHash: string;
}

/** Several machines: BullMQ on Redis. Jobs run in `evplan-worker` processes (packages/server/dist/worker-main.js). */
export class RedisJobQueue implements JobQueue {
  readonly backend = "redis" as const;
  private constructor(
    private readonly queue: import("bullmq").Queue<RedisJobData, RedisJobResult>,
    private readonly stamp: Stamp,
    private readonly limits: JobLimits,
  ) {}

  static async connect(url: string, stamp: Stamp, limits: JobLimits): Promise<RedisJobQueue> {
    const { Queue } = await import("bullmq");
    const queue = new Queue<RedisJobData, RedisJobResult>(QUEUE_NAME, { connection: redisConnection(url) });
    await queue.waitUntilReady();
    return new RedisJobQueue(queue, stamp, limits);
  }

  async submit(kind: JobView["kind"], request: string): Promise<string> {
    const waiting = await this.queue.getJobCountByTypes("waiting", "delayed", "prioritized", "waiting-children");
    if (waiting >= this.limits.maxQueued) throw tooMany(waiting, this.limits.maxQueued);
    const id = randomUUID();
    const week = 7 * 24 * 3600;
    await this.queue.add(
      kind,
      { kind, request, submitted: this.stamp },
      { jobId: id, removeOnComplete: { age: week }, removeOnFail: { age: week }, attempts: 1 },
    );
    return id;
  }

  async get(id: string): Promise<JobView | undefined> {
    // The state first, then the job: read the other way round, a job finishing in between would be "done" without
    // its return value.
    const state = await this.queue.getJobState(id);
    if (state === "unknown") return undefined;
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    const status: JobStatus = state === "completed" ? "done" : state === "failed" ? "failed" : state === "active" ? "running" : "queued";
    const rv = status === "done" ? job.returnvalue : null;
    const made: Stamp = rv ? { modelVersion: rv.modelVersion, dataHash: rv.dataHash } : job.data.submitted;
    const progress = typeof job.progress === "number" ? job.progress : 0;
    return view(
      {
        id,
        kind: job.data.kind,
        status,
        progress: status === "done" ? 1 : progress,
        error: status === "failed" ? (job.failedReason ?? "failed") : null,
        created_at: new Date(job.timestamp).toISOString(),
        updated_at: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
      },
      rv ? (JSON.parse(rv.result) as unknown) : null,
      made,
      this.stamp,
    );
  }

  async stats() {
    const c = await this.queue.getJobCounts("waiting", "active");
    return { queued: c.waiting ?? 0, running: c.active ?? 0 };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** BullMQ's connection options from a redis:// URL (workers need maxRetriesPerRequest: null). */
export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === "rediss:" ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
