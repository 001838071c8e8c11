// More than one machine: with REDIS_URL, jobs go through BullMQ on Redis and a separate worker process runs them.
// Starts Debian's redis-server on a free loopback port (CI installs it: .ci/run sets EVPLAN_REQUIRE_REDIS=1, so a
// missing redis-server fails there; on a machine without it the test is reported as skipped, not passed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configFromEnv, REPO_ROOT } from "./config.js";
import { createContext, opRunJob } from "./ops.js";
import { startServer, type Running } from "./server.js";

const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;
if (!hasRedis && process.env.EVPLAN_REQUIRE_REDIS === "1") throw new Error("redis-server is missing: apt-get install -y redis-server");

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += String(d);
      if (pattern.test(out)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${what} exited with ${code}: ${out}`)));
  });
}

describe.skipIf(!hasRedis)("jobs through BullMQ on Redis", () => {
  let redis: ChildProcess;
  let worker: ChildProcess;
  let server: Running;
  let redisUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    redis = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", mkdtempSync(join(tmpdir(), "evplan-redis-"))],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    await waitForLine(redis, /Ready to accept connections/, "redis-server");
    worker = spawn(process.execPath, [join(REPO_ROOT, "packages/server/dist/worker-main.js")], {
      env: { ...process.env, REDIS_URL: redisUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await waitForLine(worker, /waiting for jobs/, "the worker process");
    const db = join(mkdtempSync(join(tmpdir(), "evplan-redis-db-")), "db.sqlite");
    server = await startServer({ ...configFromEnv({ PORT: "0", EVPLAN_DB: db, REDIS_URL: redisUrl }), computeThreads: 1 });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    worker?.kill("SIGTERM");
    redis?.kill("SIGTERM");
  });

  it("a job submitted to the server is run by the separate worker process and gives the same report", async () => {
    const base = `http://127.0.0.1:${server.port}/api/v1`;
    const health = (await (await fetch(`${base}/health`)).json()) as { jobs: { backend: string } };
    expect(health.jobs.backend).toBe("redis");
    const request = { kind: "uncertainty", scenario: "nevp-2025-30", samples: 12, seed: 5 };
    const res = await fetch(`${base}/jobs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
    expect(res.status).toBe(202);
    const { location } = (await res.json()) as { location: string };
    let job: { status: string; progress: number; result: unknown; error: string | null };
    for (;;) {
      job = (await (await fetch(`http://127.0.0.1:${server.port}${location}`)).json()) as typeof job;
      if (job.status === "done" || job.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job.error).toBeNull();
    expect(job.status).toBe("done");
    expect(job.progress).toBe(1);
    // The same report as the in-process pool computes (and the CLI prints).
    const ctx = createContext(join(REPO_ROOT, "data/pakistan"), join(REPO_ROOT, "scenarios"));
    expect(job.result).toEqual(JSON.parse(opRunJob(ctx, JSON.stringify(request), () => {})));
  });

  it("unknown ids are 404, and a bad job is refused before it reaches Redis", async () => {
    const base = `http://127.0.0.1:${server.port}/api/v1`;
    expect((await fetch(`${base}/jobs/nosuch`)).status).toBe(404);
    // Validated by the server before queueing: a bad job never reaches Redis.
    const bad = await fetch(`${base}/jobs`, { method: "POST", body: JSON.stringify({ kind: "uncertainty", scenario: "nosuch", samples: 2 }) });
    expect(bad.status).toBe(422);
  });
});
