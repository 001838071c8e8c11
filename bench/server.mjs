#!/usr/bin/env node
// Load test of the server on loopback (a benchmark, not a test): starts packages/server on 127.0.0.1 with a
// temporary database, runs autocannon against the planner's files and the API, and prints requests per second,
// p99 latency, errors and the server's memory before and after. Bounded: every phase has a request count and a
// time cap, and the server is stopped at the end. `npm run bench:server` (part of `npm run bench`).
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "evplan-bench-server-"));
const child = spawn(process.execPath, [join(root, "packages/server/dist/main.js")], {
  env: { ...process.env, HOST: "127.0.0.1", PORT: "0", EVPLAN_DB: join(dir, "bench.sqlite"), REDIS_URL: "" },
  stdio: ["ignore", "pipe", "inherit"],
});
const stopServer = () => {
  if (child.exitCode === null) child.kill("SIGTERM");
};
process.on("exit", stopServer);
// A hard cap on the whole benchmark, whatever happens.
setTimeout(() => {
  console.error("bench/server.mjs: over 3 minutes, stopping");
  stopServer();
  process.exit(1);
}, 180_000).unref();

const base = await new Promise((resolve, reject) => {
  let out = "";
  child.on("exit", (code) => reject(new Error(`the server exited with ${code}`)));
  child.stdout.on("data", (d) => {
    out += String(d);
    const m = /http:\/\/localhost:(\d+)\//.exec(out);
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
});

const health = async () => await (await fetch(`${base}/api/v1/health`)).json();
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const json = { "content-type": "application/json" };
let saveNo = 0;

const PHASES = [
  { title: "GET / (the planner's page)", url: "/", connections: 20, amount: 20_000 },
  { title: "GET /api/v1/parameters", url: "/api/v1/parameters", connections: 10, amount: 2_000 },
  { title: "GET /% (malformed URL; 400 expected)", url: "/%", connections: 10, amount: 5_000, expect: 400 },
  {
    title: "POST /api/v1/run (nevp-2025-30, full document)",
    url: "/api/v1/run",
    method: "POST",
    headers: json,
    body: JSON.stringify({ name: "x", extends: "nevp-2025-30" }),
    connections: 4,
    amount: 400,
  },
  {
    title: "POST /api/v1/saved (validate, run, store)",
    url: "/api/v1/saved",
    method: "POST",
    headers: json,
    connections: 4,
    amount: 400,
    expect: 201,
    setupRequest: (req) => ({
      ...req,
      body: JSON.stringify({
        name: `bench-${process.pid}-${saveNo++}`,
        scenario: { name: "b", extends: "reference", overrides: { "taxes.carbon_levy": { 2027: 5 } } },
      }),
    }),
  },
  { title: "GET /api/v1/saved (list of 400)", url: "/api/v1/saved", connections: 10, amount: 3_000 },
  // The same load again: memory should level off, not grow with the number of requests.
  {
    title: "POST /api/v1/run again",
    url: "/api/v1/run",
    method: "POST",
    headers: json,
    body: JSON.stringify({ name: "x", extends: "nevp-2025-30" }),
    connections: 4,
    amount: 400,
  },
  { title: "GET / again", url: "/", connections: 20, amount: 20_000 },
];

// Measure from a warm start: every compute thread has loaded the data pack.
let before = await health();
for (let i = 0; i < 200 && before.compute.ready < before.compute.size; i++) {
  await new Promise((r) => setTimeout(r, 50));
  before = await health();
}
console.log(`evplan server load test · node ${process.version} · loopback ${base} · model ${before.model_version}`);
// Other work on the machine shows in every figure: say how busy it was.
console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the start`);
console.log(`server memory before: ${mb(before.memory_rss_bytes)} RSS (one process: HTTP thread, ${before.compute.size} compute threads, job threads)`);
console.log("");
console.log(
  "phase".padEnd(52) + "req/s".padStart(9) + "p50 ms".padStart(9) + "p99 ms".padStart(9) + "errors".padStart(8) + "unexpected".padStart(11) + "  RSS after",
);
let failures = 0;
for (const p of PHASES) {
  const want = p.expect ?? 200;
  let unexpected = 0;
  const result = await autocannon({
    url: base + p.url,
    method: p.method ?? "GET",
    headers: p.headers,
    body: p.body,
    connections: p.connections,
    amount: p.amount,
    duration: 30, // seconds: the cap if `amount` takes longer
    timeout: 30,
    requests: p.setupRequest ? [{ setupRequest: p.setupRequest }] : undefined,
    setupClient: (client) =>
      client.on("response", (status) => {
        if (status !== want) unexpected++;
      }),
  });
  const h = await health();
  const errors = result.errors + result.timeouts;
  failures += errors + unexpected;
  console.log(
    p.title.padEnd(52) +
      String(Math.round(result.requests.total / ((result.finish - result.start) / 1000))).padStart(9) +
      String(result.latency.p50).padStart(9) +
      String(result.latency.p99).padStart(9) +
      String(errors).padStart(8) +
      String(unexpected).padStart(11) +
      `  ${mb(h.memory_rss_bytes)}`,
  );
}
const after = await health();
console.log("");
console.log(`server memory after: ${mb(after.memory_rss_bytes)} RSS (before ${mb(before.memory_rss_bytes)}); still answering: ${after.status}`);
console.log(`errors and unexpected statuses in all phases: ${failures}`);
stopServer();
rmSync(dir, { recursive: true, force: true });
process.exit(failures === 0 ? 0 : 1);
