#!/usr/bin/env node
// Benchmark (not a test): slider-to-every-chart-updated latency and first load time in headless Chromium.
// Usage: npm run build:web && node packages/web/bench/slider-latency.mjs [moves=60]
import { startServer, launch } from "./browser-helpers.mjs";

const moves = Number(process.argv[2] ?? 60);
const server = await startServer();
const browser = await launch();
const ready = (page) => page.waitForFunction(() => (window.__evplan?.rendered ?? 0) >= 8, null, { timeout: 30000 });

const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(server.url);
await ready(page);
const latencies = [];
const modelMs = [];
for (let i = 0; i < moves; i++) {
  const value = (1.2 + (i % 20) * 0.2).toFixed(1); // a new value each move
  const ms = await page.evaluate(
    async ({ value }) => {
      const before = window.__evplan.rendered;
      const t0 = performance.now();
      const input = document.querySelector('input[data-series="policy.subsidy_scale"]');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, String(value));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // Every chart has its new option once `rendered` has grown by the number of charts; then one more frame.
      await new Promise((resolve) => {
        const poll = () => (window.__evplan.rendered >= before + 8 ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(poll));
        poll();
      });
      return performance.now() - t0;
    },
    { value },
  );
  latencies.push(ms);
  modelMs.push(await page.evaluate(() => window.__evplan.lastRunMs));
}
await page.close();

const loads = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const p = await context.newPage();
  const t0 = Date.now();
  await p.goto(server.url);
  await ready(p);
  loads.push(Date.now() - t0);
  await context.close();
}

const q = (xs, f) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
console.log(`evplan web planner · headless Chromium · ${moves} slider moves (policy.subsidy_scale)`);
console.log(`slider -> all charts updated: p50 ${q(latencies, 0.5).toFixed(1)} ms, p95 ${q(latencies, 0.95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
console.log(`model run in the worker (compile + scenario + counterfactual): p50 ${q(modelMs, 0.5).toFixed(1)} ms, p95 ${q(modelMs, 0.95).toFixed(1)} ms`);
console.log(`first load (navigation to all charts drawn): median ${q(loads, 0.5)} ms, max ${Math.max(...loads)} ms over ${loads.length} loads`);
await browser.close();
server.stop();
