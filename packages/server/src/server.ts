// Starting the server: the data pack, the database, the thread pools, the job backend and the HTTP listener.
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import type { ServerConfig } from "./config.js";
import { LocalJobQueue, RedisJobQueue, type JobQueue } from "./jobs.js";
import { createContext } from "./ops.js";
import { ThreadPool } from "./pool.js";
import { StaticFiles } from "./static.js";
import { Store } from "./store.js";

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly jobs: JobQueue;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig): Promise<Running> {
  const ctx = createContext(config.data, config.scenarios);
  const store = new Store(config.db);
  const workerConfig = { data: config.data, scenarios: config.scenarios, maxJobEvaluations: config.maxJobEvaluations };
  const compute = new ThreadPool(workerConfig, { size: config.computeThreads, maxQueue: config.maxPending, name: "compute" });
  let jobPool: ThreadPool | undefined;
  let jobs: JobQueue;
  if (config.redisUrl) {
    jobs = await RedisJobQueue.connect(config.redisUrl, ctx.stamp, { maxQueued: config.maxQueuedJobs });
  } else {
    jobPool = new ThreadPool(workerConfig, { size: config.jobThreads, maxQueue: config.maxQueuedJobs, name: "job" });
    jobs = new LocalJobQueue(store, jobPool, ctx.stamp, { maxQueued: config.maxQueuedJobs, timeoutMs: config.jobTimeoutMs });
  }
  const app = createApp({
    ctx,
    compute,
    jobs,
    store,
    web: new StaticFiles(config.web),
    limits: { maxBodyBytes: config.maxBodyBytes, requestTimeoutMs: config.requestTimeoutMs },
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
  });
  // Slow or broken clients cannot hold the server: bounded header and request times, a 400 for a malformed request.
  const http = server as import("node:http").Server;
  // Idle keep-alive connections stay open longer than clients keep them (undici: 4 s), so a client never reuses a
  // socket the server is closing at that moment (an ECONNRESET under load).
  http.keepAliveTimeout = 30_000;
  http.headersTimeout = 40_000;
  http.requestTimeout = Math.max(config.requestTimeoutMs + 10_000, 45_000);
  http.on("clientError", (_e, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/`,
    port,
    jobs,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await compute.close();
      await jobPool?.close();
      await jobs.close();
      store.close();
    },
  };
}
