#!/usr/bin/env node
// Benchmark (not a test): slider-to-charts latency and first load time of the web planner in headless Chromium.
// Usage: npm run build:web && node packages/web/bench/slider-latency.mjs [moves=100] [--phases]
//
// Latency is from the input event to the first frame that shows every one of the nine charts redrawn with a run
// that includes the input (a requestAnimationFrame callback, which runs just before that frame is painted). Two
// ways of moving the slider (policy.subsidy_scale, the lever that changes every chart):
// - "step": one move at a time, from a settled page (50 ms idle before each), e.g. a click or an arrow key;
// - "drag": a new value every frame (as Chromium delivers a dragged slider's input), 8 drags of 30 steps. Runs
//   are superseded by newer ones, so each input's latency is to the first frame showing a run requested after it.
// --phases also prints, for the steps, when each phase ends (request sent, reply received, each chart drawn).
import { startServer, launch } from "./browser-helpers.mjs";

const moves = Number(process.argv[2] ?? 100);
const phases = process.argv.includes("--phases");
const server = await startServer();
const browser = await launch();
// Ready when one complete update (every chart drawn with the first run) has happened.
const ready = (page) => page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });

const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(server.url);
await ready(page);
await page.waitForTimeout(300);

// In the page: set the slider to the value for step i (spread over its range, never the current value).
await page.evaluate(() => {
  window.__benchMove = (i) => {
    const input = document.querySelector('input[data-series="policy.subsidy_scale"]');
    const [min, max, step] = [Number(input.min), Number(input.max), Number(input.step) || 0.01];
    let value = min + Math.round((((((i * 7) % 19) + 1) / 21) * (max - min)) / step) * step;
    if (Math.abs(value - Number(input.value)) < step / 2) value = value + step <= max ? value + step : value - step;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, String(value));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
});

const steps = [];
const modelMs = [];
const trace = {};
for (let i = 0; i < moves; i++) {
  await page.waitForTimeout(50);
  const [ms, marks] = await page.evaluate(async (i) => {
    window.__evplanTrace = [];
    const shown = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no update after 10 s: ${JSON.stringify(window.__evplan)}`)), 10000);
      window.__evplanOnUpdate = () => {
        window.__evplanOnUpdate = undefined;
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - t0));
      };
    });
    const t0 = performance.now();
    window.__benchMove(i);
    const ms = await shown;
    const marks = window.__evplanTrace.map(([k, t]) => [k, t - t0]);
    window.__evplanTrace = undefined;
    return [ms, marks];
  }, i);
  steps.push(ms);
  for (const [k, t] of marks) (trace[k] ??= []).push(t);
  modelMs.push(await page.evaluate(() => window.__evplan.lastRunMs));
}

const drag = [];
let dragRuns = 0;
for (let d = 0; d < 8; d++) {
  await page.waitForTimeout(200);
  const r = await page.evaluate(async (d) => {
    const inputs = [];
    const updates = []; // [time of a complete update, time of the frame that showed it]
    window.__evplanOnUpdate = () => {
      const u = [performance.now(), NaN];
      updates.push(u);
      requestAnimationFrame(() => (u[1] = performance.now()));
    };
    const n = 30;
    await new Promise((resolve) => {
      let k = 0;
      const tick = () => {
        inputs.push(performance.now());
        window.__benchMove(d * 100 + k);
        if (++k < n) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    // Wait until the last input's run is shown.
    const last = inputs[inputs.length - 1];
    const t = performance.now();
    while (!updates.some(([u, f]) => u > last && f > 0) && performance.now() - t < 10000) await new Promise((r) => setTimeout(r, 5));
    window.__evplanOnUpdate = undefined;
    // The first complete update after an input shows a run requested after it: the page requests a run in the
    // input's own task and drops replies to older requests.
    return { latencies: inputs.map((t) => (updates.find(([u]) => u > t)?.[1] ?? NaN) - t), frames: updates.length };
  }, d);
  drag.push(...r.latencies);
  dragRuns += r.frames;
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
const line = (xs) => `p50 ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
if (drag.some((x) => !Number.isFinite(x))) throw new Error("an input of a drag was never shown");
console.log(`evplan web planner · headless Chromium · 1400x1000 · slider policy.subsidy_scale · all nine charts`);
console.log(`step (${moves} single moves) -> every chart redrawn, next frame: ${line(steps)}`);
console.log(`drag (${drag.length} inputs, one a frame) -> every chart redrawn, next frame: ${line(drag)} (${dragRuns} updates shown)`);
console.log(`model run in the worker (scenario; counterfactual cached): p50 ${q(modelMs, 0.5).toFixed(1)} ms, p95 ${q(modelMs, 0.95).toFixed(1)} ms`);
console.log(`first load (navigation to all charts drawn): median ${q(loads, 0.5)} ms, max ${Math.max(...loads)} ms over ${loads.length} loads`);
if (phases) for (const [k, v] of Object.entries(trace)) console.log(`  ${k.padEnd(16)} ${line(v)}`);
await browser.close();
server.stop();
