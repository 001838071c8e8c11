#!/usr/bin/env node
// First load only (not a test): the latency benchmark's definition (a new browser context navigating to the page
// until every chart is drawn with the first run: `window.__evplan.updates >= 1`, polled each frame), with one core
// kept busy by a child process as there, for this build and for older builds in turn, load by load.
// Usage: npm run build:web && node packages/web/bench/first-load.mjs [loads=10] [--against=DIR ...] [--idle]
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { launch, startServer } from "./browser-helpers.mjs";

const args = process.argv.slice(2);
const loads = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const builds = [
  { name: "this build", dir: undefined },
  ...args.filter((a) => a.startsWith("--against=")).map((a) => ({ name: a.slice(10), dir: a.slice(10) })),
];
const busy = args.includes("--idle") ? null : spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
console.log(busy ? "one core kept busy by a child process (node -e 'for (;;) {}')" : "no busy core (--idle)");
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(", ")}`,
);
const browser = await launch();
for (const b of builds) b.server = await startServer(b.dir);
for (const b of builds) b.ms = [];
for (let i = 0; i < loads; i++)
  for (const b of i % 2 ? [...builds].reverse() : builds) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(b.server.url);
    await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });
    b.ms.push(Date.now() - t0);
    await context.close();
  }
const q = (xs, f) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
for (const b of builds)
  console.log(`${b.name}: median ${q(b.ms, 0.5)} ms, min ${Math.min(...b.ms)}, max ${Math.max(...b.ms)} over ${b.ms.length} loads (${b.ms.join(" ")})`);
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(", ")}`,
);
await browser.close();
for (const b of builds) b.server.stop();
busy?.kill();
