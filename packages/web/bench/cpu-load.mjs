#!/usr/bin/env node
// Where a first load's CPU goes (not a test): Chromium's CPU time by process type (from /proc, Linux only) between
// the navigation and every chart drawn, for 6 loads in settled tabs (as first-load.mjs), one core kept busy.
// Usage: npm run build:web && node packages/web/bench/cpu-load.mjs [build folder] [--idle]
import { busyCore, chromiumCpu, cpuByType, firstLoad, launch, startServer } from "./browser-helpers.mjs";
const busy = process.argv.includes("--idle") ? null : busyCore();
const server = await startServer(process.argv.slice(2).find((a) => !a.startsWith("--")));
const browser = await launch();
for (let i = 0; i < 6; i++) {
  let before = new Map();
  let after = new Map();
  const { ms } = await firstLoad(browser, server.url, { onStart: () => (before = chromiumCpu()), onEnd: () => (after = chromiumCpu()) });
  const by = cpuByType(before, after);
  console.log(
    `wall ${ms} ms; CPU ${[...by]
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")} (total ${[...by.values()].reduce((x, y) => x + y, 0)})`,
  );
}
await browser.close();
server.stop();
busy?.kill();
