#!/usr/bin/env node
// Where a first load's CPU goes (not a test): Chromium's CPU time by process type (from /proc, Linux only) between
// the navigation and every chart drawn, for 6 loads in settled tabs (as first-load.mjs), one core kept busy.
// Usage: npm run build:web && node packages/web/bench/cpu-load.mjs [build folder] [--idle]
import { readFileSync, readdirSync } from "node:fs";
import { busyCore, firstLoad, launch, startServer } from "./browser-helpers.mjs";
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
  let before = new Map();
  let after = new Map();
  const { ms } = await firstLoad(browser, server.url, { onStart: () => (before = cpu()), onEnd: () => (after = cpu()) });
  const by = new Map();
  for (const [pid, [type, t]] of after) by.set(type, (by.get(type) ?? 0) + t - (before.get(pid)?.[1] ?? 0));
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
