#!/usr/bin/env node
// First load only (not a test): a new browser context's tab, left open a second (TAB_SETTLE_MS: the browser's own
// work for a new tab done, as in a visitor's open browser), navigating to the page until every chart is drawn with
// the first run (the page's own signal, not a poll: browser-helpers.mjs, `firstLoad`), with one core kept busy by
// a child process as in the latency benchmark; for this build and for older builds in turn, load by load.
// --fresh-tab loads as soon as the tab is open, the browser's start-up work for it overlapping the load (the
// definition before issue 18's fifth pass, without the address bar's popup renderer that pass turned off).
// Usage: npm run build:web && node packages/web/bench/first-load.mjs [loads=10] [--against=DIR ...] [--idle] [--fresh-tab]
import { loadavg } from "node:os";
import { TAB_SETTLE_MS, busyCore, firstLoad, launch, startServer } from "./browser-helpers.mjs";

const args = process.argv.slice(2);
const loads = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const settleMs = args.includes("--fresh-tab") ? 0 : TAB_SETTLE_MS;
const builds = [
  { name: "this build", dir: undefined },
  ...args.filter((a) => a.startsWith("--against=")).map((a) => ({ name: a.slice(10), dir: a.slice(10) })),
];
const busy = args.includes("--idle") ? null : busyCore();
console.log(busy ? "one core kept busy by a child process (browser-helpers.mjs, busyCore)" : "no busy core (--idle)");
console.log(settleMs ? `each load in a new context's tab left open ${settleMs} ms first` : "each load as soon as the new tab is open (--fresh-tab)");
const avg = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");
console.log(`load average before: ${avg()}`);
const browser = await launch();
for (const b of builds) b.server = await startServer(b.dir);
for (const b of builds) Object.assign(b, { ms: [], screen: [], all: [] });
for (let i = 0; i < loads; i++)
  for (const b of i % 2 ? [...builds].reverse() : builds) {
    const l = await firstLoad(browser, b.server.url, { settleMs });
    b.ms.push(l.ms);
    b.screen.push(l.firstScreen);
    b.all.push(l.allDrawn);
  }
const q = (xs, f) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
for (const b of builds) {
  console.log(
    `${b.name}: navigation to all charts drawn, median ${q(b.ms, 0.5)} ms, min ${Math.min(...b.ms)}, max ${Math.max(...b.ms)} over ${b.ms.length} loads (${b.ms.join(" ")})`,
  );
  console.log(
    `  page clock from the navigation's start: first screen (cards, charts in view) median ${q(b.screen, 0.5).toFixed(0)} ms, all charts median ${q(b.all, 0.5).toFixed(0)} ms`,
  );
}
console.log(`load average after: ${avg()}`);
await browser.close();
for (const b of builds) b.server.stop();
busy?.kill();
