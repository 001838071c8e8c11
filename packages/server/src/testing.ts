// Building the app for tests and benchmarks: real thread pools and a real (in-memory or temporary) database.
import { join } from "node:path";
import { createApp } from "./app.js";
import { REPO_ROOT } from "./config.js";
import { LocalJobQueue } from "./jobs.js";
import { createContext } from "./ops.js";
import { ThreadPool } from "./pool.js";
import { StaticFiles } from "./static.js";
import { Store } from "./store.js";

export interface TestAppOptions {
  db?: string;
  computeThreads?: number;
  maxPending?: number;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
  maxQueuedJobs?: number;
  maxJobEvaluations?: number;
}

export function testApp(opts: TestAppOptions = {}) {
  const data = join(REPO_ROOT, "data", "pakistan");
  const scenarios = join(REPO_ROOT, "scenarios");
  const ctx = createContext(data, scenarios);
  const workerConfig = { data, scenarios, maxJobEvaluations: opts.maxJobEvaluations ?? 50_000 };
  const compute = new ThreadPool(workerConfig, { size: opts.computeThreads ?? 2, maxQueue: opts.maxPending ?? 16, name: "compute" });
  const jobPool = new ThreadPool(workerConfig, { size: 1, maxQueue: opts.maxQueuedJobs ?? 4, name: "job" });
  const store = new Store(opts.db ?? ":memory:");
  const jobs = new LocalJobQueue(store, jobPool, ctx.stamp, { maxQueued: opts.maxQueuedJobs ?? 4, timeoutMs: 120_000 });
  const app = createApp({
    ctx,
    compute,
    jobs,
    store,
    web: new StaticFiles(join(REPO_ROOT, "packages", "web", "dist")),
    limits: { maxBodyBytes: opts.maxBodyBytes ?? 256 * 1024, requestTimeoutMs: opts.requestTimeoutMs ?? 30_000 },
  });
  return {
    app,
    ctx,
    store,
    compute,
    jobs,
    async close() {
      await compute.close();
      await jobPool.close();
      store.close();
    },
  };
}
