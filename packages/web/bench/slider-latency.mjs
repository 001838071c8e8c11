#!/usr/bin/env node
// Benchmark (not a test): slider-to-charts-updated latency and first load time in headless Chromium.
// Usage: npm run build:web && node packages/web/bench/slider-latency.mjs [moves=60]
// "in view": input event until the next frame after every chart on screen has been redrawn with the new run.
// "all nine": the same until every chart, on screen or not, has been redrawn (those out of view draw a frame later).
import { startServer, launch } from "./browser-helpers.mjs";

const moves = Number(process.argv[2] ?? 60);
const phases = process.argv.includes("--phases"); // also print when each phase ends (ms after the input event)
const server = await startServer();
const browser = await launch();
// Ready when one complete update (every chart drawn with the first run) has happened.
const ready = (page) => page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });

const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(server.url);
await ready(page);
await page.waitForTimeout(300);
const inView = [];
const all = [];
const modelMs = [];
const trace = {};
for (let i = 0; i < moves; i++) {
  const ms = await page.evaluate(
    async ({ i }) => {
      const input = document.querySelector('input[data-series="policy.subsidy_scale"]');
      // A new value on every move, spread over the slider's range, never the current one.
      const [min, max, step] = [Number(input.min), Number(input.max), Number(input.step) || 0.01];
      let value = min + Math.round((((((i * 7) % 19) + 1) / 21) * (max - min)) / step) * step;
      if (Math.abs(value - Number(input.value)) < step / 2) value = value + step <= max ? value + step : value - step;
      const e = window.__evplan; // one object for the page's life
      const before = e.updates;
      const beforeVisible = e.visibleUpdates;
      window.__evplanTrace = [];
      const t0 = performance.now();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, String(value));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // The time of the first frame after the condition holds: the frame that shows the redrawn charts.
      const until = (cond) =>
        new Promise((resolve, reject) => {
          const poll = () =>
            cond()
              ? requestAnimationFrame(() => resolve(performance.now() - t0))
              : performance.now() - t0 > 10000
                ? reject(new Error(`no update after 10 s (value ${value}): ${JSON.stringify(e)}`))
                : setTimeout(poll, 0);
          poll();
        });
      const visible = until(() => e.visibleUpdates > beforeVisible);
      const complete = until(() => e.updates > before);
      const r = [await visible, await complete, window.__evplanTrace.map(([k, t]) => [k, t - t0])];
      window.__evplanTrace = undefined;
      return r;
    },
    { i },
  );
  inView.push(ms[0]);
  all.push(ms[1]);
  for (const [k, t] of ms[2]) (trace[k] ??= []).push(t);
  modelMs.push(await page.evaluate(() => window.__evplan.lastRunMs));
}
const visibleCharts = await page.evaluate(
  () => [...document.querySelectorAll(".charts [data-chart]")].filter((f) => f.getBoundingClientRect().top < innerHeight).length,
);
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
const line = (xs) => `p50 ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`evplan web planner · headless Chromium · 1400x1000 · ${moves} slider moves (policy.subsidy_scale)`);
console.log(`slider -> charts in view updated (${visibleCharts} of 9) and painted: ${line(inView)}`);
console.log(`slider -> all nine charts updated:                ${line(all)}`);
console.log(`model run in the worker (scenario; counterfactual cached): p50 ${q(modelMs, 0.5).toFixed(1)} ms, p95 ${q(modelMs, 0.95).toFixed(1)} ms`);
console.log(`first load (navigation to all charts drawn): median ${q(loads, 0.5)} ms, max ${Math.max(...loads)} ms over ${loads.length} loads`);
if (phases) for (const [k, v] of Object.entries(trace)) console.log(`  ${k.padEnd(16)} ${line(v)}`);
await browser.close();
server.stop();
