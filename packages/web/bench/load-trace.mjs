#!/usr/bin/env node
// Where the first load goes (not a test): a Chromium trace of one cold load, the long tasks of each thread
// (page, model worker, background worker) listed in time order from navigation start.
// Usage: npm run build:web && node packages/web/bench/load-trace.mjs [build folder] [--keep=trace.json]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { launch, startServer } from "./browser-helpers.mjs";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
const keep = args.find((a) => a.startsWith("--keep="))?.slice(7);
const server = await startServer(dir);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
const file = keep ?? join(tmpdir(), `evplan-load-${process.pid}.json`);
await browser.startTracing(page, { path: file, categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing"] });
const t0 = Date.now();
await page.goto(server.url);
await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });
const wall = Date.now() - t0;
const marks = await page.evaluate(() => ({
  nav: performance.timing.navigationStart,
  resources: performance.getEntriesByType("resource").map((r) => [r.name.split("/").pop(), Math.round(r.startTime), Math.round(r.responseEnd)]),
  dcl: Math.round(performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd),
  update: Math.round(performance.now()),
}));
await browser.stopTracing();
const { traceEvents } = JSON.parse(readFileSync(file, "utf8"));
const names = new Map();
for (const e of traceEvents) if (e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
const navStart = traceEvents.find((e) => e.name === "navigationStart" || e.name === "NavigationStart")?.ts ?? traceEvents.find((e) => e.ph === "X")?.ts;
console.log(`load to all charts drawn: ${wall} ms (page clock: ${marks.update} ms; DOMContentLoaded ${marks.dcl} ms)`);
for (const [n, s, e] of marks.resources) console.log(`  fetched ${n}: ${s}-${e} ms`);
const tasks = traceEvents.filter((e) => e.ph === "X" && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.dur > 15000);
const byThread = new Map();
for (const t of tasks) {
  const th = names.get(`${t.pid}:${t.tid}`) ?? `${t.pid}:${t.tid}`;
  if (!/Main|Worker|Compositor/i.test(th)) continue;
  // What ran inside: the longest child events.
  const inner = traceEvents
    .filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === "X" && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t && e.dur > 5000)
    .filter((e) =>
      [
        "EvaluateScript",
        "v8.compile",
        "v8.compileModule",
        "v8.evaluateModule",
        "FunctionCall",
        "ParseHTML",
        "Layout",
        "Paint",
        "UpdateLayoutTree",
        "HandlePostMessage",
        "Compile",
        "CompileScript",
        "v8.run",
        "TimerFire",
        "FireAnimationFrame",
        "EventDispatch",
      ].includes(e.name),
    )
    .slice(0, 4)
    .map((e) => `${e.name} ${(e.dur / 1000).toFixed(0)}${e.args?.data?.url ? " " + e.args.data.url.split("/").pop() : ""}`);
  (byThread.get(th) ?? byThread.set(th, []).get(th)).push(
    `${((t.ts - navStart) / 1000).toFixed(0).padStart(6)} ms +${(t.dur / 1000).toFixed(0).padStart(4)} ms  ${inner.join(", ")}`,
  );
}
for (const [th, xs] of byThread) {
  console.log(`${th}:`);
  for (const x of xs) console.log(`  ${x}`);
}
await browser.close();
server.stop();
