// The server's settings, from the environment (every one has a default that suits one machine).
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, from this module's place (packages/server/src or packages/server/dist). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly data: string;
  readonly scenarios: string;
  readonly web: string;
  /** SQLite file of saved scenarios and in-process jobs. */
  readonly db: string;
  readonly redisUrl?: string;
  /** Threads that compute run, solve and compare. */
  readonly computeThreads: number;
  /** Requests waiting for a compute thread before new ones get a 503. */
  readonly maxPending: number;
  readonly requestTimeoutMs: number;
  readonly maxBodyBytes: number;
  /** Threads that run jobs (in-process backend). */
  readonly jobThreads: number;
  readonly maxQueuedJobs: number;
  readonly maxJobEvaluations: number;
  readonly jobTimeoutMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${text}"`);
  return v;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const cores = availableParallelism();
  return {
    host: env.HOST || "127.0.0.1",
    port: int(env, "PORT", 8080, 0),
    data: resolve(env.EVPLAN_DATA || join(REPO_ROOT, "data", "pakistan")),
    scenarios: resolve(env.EVPLAN_SCENARIOS || join(REPO_ROOT, "scenarios")),
    web: resolve(env.EVPLAN_WEB || join(REPO_ROOT, "packages", "web", "dist")),
    db: env.EVPLAN_DB === ":memory:" ? ":memory:" : resolve(env.EVPLAN_DB || join(REPO_ROOT, "var", "evplan.sqlite")),
    redisUrl: env.REDIS_URL || undefined,
    computeThreads: int(env, "EVPLAN_COMPUTE_THREADS", Math.max(1, Math.min(cores, 4)), 1),
    maxPending: int(env, "EVPLAN_MAX_PENDING", 64, 0),
    requestTimeoutMs: int(env, "EVPLAN_REQUEST_TIMEOUT_MS", 30_000, 1),
    maxBodyBytes: int(env, "EVPLAN_MAX_BODY_BYTES", 1024 * 1024, 1),
    jobThreads: int(env, "EVPLAN_JOB_THREADS", Math.max(1, Math.floor(cores / 2)), 1),
    maxQueuedJobs: int(env, "EVPLAN_MAX_QUEUED_JOBS", 16, 0),
    maxJobEvaluations: int(env, "EVPLAN_MAX_JOB_EVALUATIONS", 200_000, 1),
    jobTimeoutMs: int(env, "EVPLAN_JOB_TIMEOUT_MS", 30 * 60_000, 1),
  };
}
