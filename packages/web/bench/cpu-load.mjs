#!/usr/bin/env node
// Where a first load's CPU goes (not a test): Chromium's CPU time by process type (from /proc, Linux only) between
// the navigation and every chart drawn, for 6 loads in settled tabs (as first-load.mjs), one core kept busy.
// Usage: npm run build:web && node packages/web/bench/cpu-load.mjs [build folder] [--idle]
import { readFileSync, readdirSync } from "node:fs";
import { TAB_SETTLE_MS, busyCore, launch, startServer } from "./browser-helpers.mjs";
const busy = process.argv.includes("--idle") ? null : busyCore();
const server = await startServer(process.argv.slice(2).find((a) => !a.startsWith("--")));
const browser = await launch();
const cpu = () => {
  const m = new Map();
  for (const p of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
      if (!cmd.includes("chromium")) continue;
      const st = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      const type = (/--type=([\w-]+)/.exec(cmd) ?? [0, "browser"])[1];
      m.set(p, [type, (+st[11] + +st[12]) * 10]);
    } catch {}
  }
  return m;
};
for (let i = 0; i < 6; i++) {
  const c = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const p = await c.newPage();
  await new Promise((r) => setTimeout(r, TAB_SETTLE_MS));
  const a = cpu();
  const t0 = Date.now();
  await p.goto(server.url);
  await p.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });
  const wall = Date.now() - t0;
  const b = cpu();
  const by = new Map();
  for (const [pid, [type, ms]] of b) by.set(type, (by.get(type) ?? 0) + ms - (a.get(pid)?.[1] ?? 0));
  console.log(
    `wall ${wall} ms; CPU ${[...by]
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")} (total ${[...by.values()].reduce((x, y) => x + y, 0)})`,
  );
  await c.close();
}
await browser.close();
server.stop();
busy?.kill();
