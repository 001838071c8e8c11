#!/usr/bin/env node
// Where the first load goes (not a test): a Chromium trace of one cold load, the long tasks of each thread
// (page, model worker, background worker) listed in time order from navigation start.
// Usage: npm run build:web && node packages/web/bench/load-trace.mjs [build folder] [--keep=trace.json]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { TAB_SETTLE_MS, launch, startServer } from "./browser-helpers.mjs";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
const keep = args.find((a) => a.startsWith("--keep="))?.slice(7);
const server = await startServer(dir);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
// As the first-load benchmark: the new tab left open a moment, so that the browser's own work for it is done.
await new Promise((r) => setTimeout(r, TAB_SETTLE_MS));
// The planner's phase marks (src/perf.ts): when the first run's charts in view, and all charts, were drawn.
await page.addInitScript(() => (window.__evplanTrace = []));
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
  marks: window.__evplanTrace ?? [],
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
// Every request of the load from the trace (the page's resource timing leaves the workers' requests out): when it
// was sent and finished, and whether it was read from the HTTP cache (a worker reading what the page preloaded).
const requests = new Map();
for (const e of traceEvents) {
  const d = e.args?.data;
  if (!d?.requestId) continue;
  const r = requests.get(d.requestId) ?? requests.set(d.requestId, { thread: names.get(`${e.pid}:${e.tid}`) }).get(d.requestId);
  if (e.name === "ResourceSendRequest") Object.assign(r, { url: d.url, sent: e.ts, thread: names.get(`${e.pid}:${e.tid}`) ?? r.thread });
  if (e.name === "ResourceReceiveResponse") r.cached = d.fromCache || d.fromServiceWorker ? "cache" : "network";
  if (e.name === "ResourceFinish") r.done = e.ts;
}
// CPU time (thread time of every task) of each thread of the page's process from navigation to all charts drawn:
// steadier on a loaded machine than the wall times above.
const drawn = marks.marks.find(([n]) => n === "all charts")?.[1];
const shown = marks.marks.find(([n]) => n === "charts in view")?.[1];
console.log(`first run drawn: charts in view at ${shown?.toFixed(0)} ms, all charts at ${drawn?.toFixed(0)} ms (page clock)`);
if (drawn !== undefined) {
  // The renderer process that ran the planner's modules (not the blank page's before navigation).
  const page = traceEvents.find((e) => e.name === "v8.evaluateModule" && names.get(`${e.pid}:${e.tid}`) === "CrRendererMain")?.pid;
  const cpu = new Map();
  for (const e of traceEvents)
    if (e.pid === page && e.ph === "X" && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.ts - navStart <= drawn * 1000) {
      const th = names.get(`${e.pid}:${e.tid}`) ?? String(e.tid);
      cpu.set(th, (cpu.get(th) ?? 0) + (e.tdur ?? e.dur) / 1000);
    }
  console.log(
    `CPU to all charts drawn: ${[...cpu]
      .sort((a, b) => b[1] - a[1])
      .map(([th, ms]) => `${th} ${ms.toFixed(0)} ms`)
      .join(", ")}`,
  );
}
console.log("requests (sent-finished, ms from navigation):");
for (const r of [...requests.values()].filter((x) => x.url).sort((a, b) => a.sent - b.sent)) {
  const at = (t) => (t === undefined ? "?" : ((t - navStart) / 1000).toFixed(0));
  console.log(`  ${at(r.sent)}-${at(r.done)} ${r.url.split("/").pop() || "/"} (${r.thread ?? "?"}${r.cached ? ", " + r.cached : ""})`);
}
for (const [th, xs] of byThread) {
  console.log(`${th}:`);
  for (const x of xs) console.log(`  ${x}`);
}
await browser.close();
server.stop();
