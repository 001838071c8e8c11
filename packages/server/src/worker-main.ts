#!/usr/bin/env node
// A job worker process for the Redis backend (`REDIS_URL=redis://... node packages/server/dist/worker-main.js`):
// takes uncertainty and sensitivity jobs from the shared BullMQ queue, runs them on this process's model and data
// pack, and returns the report stamped with its model version and data-pack hash. Run as many as there are cores.
import { Worker } from "bullmq";
import { configFromEnv } from "./config.js";
import { QUEUE_NAME, redisConnection, type RedisJobData, type RedisJobResult } from "./jobs.js";
import { createContext, opRunJobAsync } from "./ops.js";
import { toProblem } from "./problem.js";

const config = configFromEnv();
if (!config.redisUrl) {
  console.error("evplan worker: set REDIS_URL (for example redis://127.0.0.1:6379)");
  process.exit(2);
}
const ctx = createContext(config.data, config.scenarios);
const concurrency = Number(process.env.EVPLAN_WORKER_CONCURRENCY ?? 1);

const worker = new Worker<RedisJobData, RedisJobResult>(
  QUEUE_NAME,
  async (job) => {
    let last = 0;
    try {
      const result = await opRunJobAsync(ctx, job.data.request, (fraction) => {
        const now = Date.now();
        if (now - last > 250) {
          last = now;
          void job.updateProgress(fraction);
        }
      });
      return { result, modelVersion: ctx.stamp.modelVersion, dataHash: ctx.stamp.dataHash };
    } catch (e) {
      // A failed job's reason is the problem's detail (the CLI's message), not a stack trace.
      throw new Error(toProblem(e).body.detail);
    }
  },
  { connection: redisConnection(config.redisUrl), concurrency, lockDuration: 120_000 },
);
worker.on("ready", () => console.log(`evplan worker: waiting for jobs on ${QUEUE_NAME} (model ${ctx.stamp.modelVersion}, data ${ctx.stamp.dataHash})`));
worker.on("failed", (job, e) => console.error(`evplan worker: job ${job?.id} failed: ${e.message}`));
const stop = () => {
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
