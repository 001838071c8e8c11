#!/usr/bin/env node
// Where the main thread's time goes while a slider moves (not a test): a CPU profile over N moves, self time by
// function and by file. Usage: npm run build:web && node packages/web/bench/profile-slider.mjs [moves=40] [build folder]
import { startServer, launch, MOVE_SLIDER } from "./browser-helpers.mjs";

const moves = Number(process.argv[2] ?? 40);
const server = await startServer(process.argv[3]);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(server.url);
await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });
await page.waitForTimeout(300);
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
for (let i = 0; i < moves; i++) {
  const before = await page.evaluate(() => window.__evplan.updates);
  await page.evaluate(`(${MOVE_SLIDER})(${JSON.stringify({ series: "policy.subsidy_scale", value: 0.5 + (i % 20) * 0.2 })})`);
  await page.waitForFunction((b) => window.__evplan.updates > b, before);
}
const { profile } = await cdp.send("Profiler.stop");
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
const fn = new Map();
const file = new Map();
let total = 0;
for (const [id, us] of self) {
  const n = byId.get(id);
  const f = n.callFrame;
  if (f.functionName === "(idle)" || f.functionName === "(program)") continue;
  total += us;
  const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const u = f.url.split("/").pop() || f.functionName;
  file.set(u, (file.get(u) ?? 0) + us);
}
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
console.log(`busy ${(total / 1000 / moves).toFixed(1)} ms per move (main thread, sampled)`);
for (const [k, v] of top(file, 10)) console.log(`  ${(v / 1000 / moves).toFixed(2).padStart(6)} ms  ${k}`);
console.log("functions:");
for (const [k, v] of top(fn, 40)) console.log(`  ${(v / 1000 / moves).toFixed(2).padStart(6)} ms  ${k}`);
await browser.close();
server.stop();
