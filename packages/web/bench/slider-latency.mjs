#!/usr/bin/env node
// Benchmark (not a test): slider-to-charts latency, first load time and bundle sizes of the web planner in headless
// Chromium, with a second process keeping one core busy.
// Usage: npm run build:web && node packages/web/bench/slider-latency.mjs [moves=100] [--runs=3] [--phases] [--raw] [--idle]
//        [--against=DIR] [--top] [--gap=MS]
//
// Two latencies, each from the input event to the first frame after (a requestAnimationFrame callback, which runs
// just before that frame is painted):
// - "in view": what the user can see is redrawn with a run that includes the input: the headline cards and every
//   chart whose box is in the viewport. Since issue 18's second pass the planner draws the charts in view in the
//   task that brings the run and those out of view after that frame (or when they scroll in); a build that draws
//   all nine in one task reports this when all nine are drawn, so the two measure the same thing for it.
// - "all nine": every one of the nine charts redrawn, those out of view too.
// Two ways of moving the slider (policy.subsidy_scale, the lever that changes every chart):
// - "step": one move at a time, from a settled page (50 ms idle before each, --gap=MS), e.g. a click or an arrow key;
// - "drag": a new value every frame (as Chromium delivers a dragged slider's input), 8 drags of 30 steps, each
//   followed by the page's background answers for its last setting. Runs are superseded by newer ones, so each
//   input's latency is to the first frame showing a run requested after it.
// First load: a new browser context (empty cache), its tab left open a second, navigating to the page until every
// chart is drawn, 5 times (browser-helpers.mjs, `firstLoad`).
// Busy core: unless --idle, the benchmark starts a child node process spinning in a loop (one core at 100%) before
// the browser and stops it at the end, so that the page, its worker and the compositor share the other core.
// Latencies are taken with the page scrolled to the charts (the first chart's box at the top, four charts in
// view at 1400x1000); --top also measures the page as it opens (the headline cards in view, no chart).
// --runs repeats step, drag and first load that many times in the same browser (the machine's load drifts; each
// run is printed with the load average, then all runs pooled). --phases also prints, for the steps, when each phase
// ends (request sent, reply received, each chart drawn). --against=DIR also measures another build (a copy of an
// older packages/web/dist), interleaved with this one run by run, so that both see the same load.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { busyCore, firstLoad, launch, startServer } from "./browser-helpers.mjs";

const args = process.argv.slice(2);
const moves = Number(args.find((a) => /^\d+$/.test(a)) ?? 100);
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? 3);
const phases = args.includes("--phases");
// --raw also prints every step's latency in the order of the moves (to see whether the slow ones come first).
const raw = args.includes("--raw");
// A page is settled once its load work is done: the first run on every chart, the first screen's background answers
// ("what it takes", "how sure") shown, then 300 ms; --settle=MS waits that long after the first run instead.
const settleArg = args.find((a) => a.startsWith("--settle="));
const settle = settleArg ? Number(settleArg.slice(9)) : null;
const idle = args.includes("--idle");
// --gap=MS: the pause before each step (default 50 ms). From 300 ms on (App.tsx, SETTLE_MS) the page's background
// answers for a step start before the next step, as they do for a user who clicks now and then.
const gap = Number(args.find((a) => a.startsWith("--gap="))?.slice(6) ?? 50);
// "charts": scrolled to the charts (the figure a slider move is judged by); --top adds the page as it opens.
const views = args.includes("--top") ? ["charts", "top"] : ["charts"];
const against = args.find((a) => a.startsWith("--against="))?.slice(10);
const dist = join(import.meta.dirname, "..", "dist");

/** Bytes and gzip bytes (zlib level 9) of the files the first screen loads, of the worker, and of the rest. */
function bundleSizes(dist) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const first = new Set([...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]));
  const files = readdirSync(join(dist, "assets")).map((f) => {
    const bytes = readFileSync(join(dist, "assets", f));
    return { file: `assets/${f}`, raw: statSync(join(dist, "assets", f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (xs) => xs.reduce((a, x) => ({ raw: a.raw + x.raw, gzip: a.gzip + x.gzip }), { raw: 0, gzip: 0 });
  const worker = files.filter((f) => /model-worker/.test(f.file));
  const app = files.filter((f) => first.has(f.file));
  const js = app.filter((f) => f.file.endsWith(".js"));
  const lazy = files.filter((f) => !first.has(f.file) && !worker.includes(f) && /\.(js|css)$/.test(f.file));
  return { app: sum(app), appJs: sum(js), worker: sum(worker), lazy, files };
}

// The second process: one core at 100% for the whole benchmark.
const busy = idle ? null : busyCore();
const servers = [{ name: "this build", server: await startServer(), dist }];
if (against) servers.push({ name: `against ${against}`, server: await startServer(against), dist: against });
const browser = await launch();
// Ready when one complete update (every chart drawn with the first run) has happened.
const ready = (page) => page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });

/** A page of the planner, settled, with the slider-moving helper and the CPU counters installed. */
async function openPage(server, view) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(server.url);
  await ready(page);
  // "charts": scrolled so that the first chart's box is at the top (four charts in view); "top": the page as it
  // opens (the headline cards; no chart's box in view).
  if (view === "charts") await page.evaluate(() => document.querySelector("[data-slot]").scrollIntoView({ block: "start" }));
  if (settle === null) await page.waitForFunction(() => (window.__evplan?.analyses ?? 0) >= 1, null, { timeout: 60000 });
  await page.waitForTimeout(settle ?? 300);
  // The hooks a latency runs to. "shown": what the user sees is current (__evplanOnShown: the headline cards and
  // every chart in view; a build that draws all charts in one task calls it after drawing them all). "all": every one
  // of the nine charts is current, those out of view too (__evplanOnUpdate). At the page top (--top) no chart is
  // in view, so "shown" is the cards.
  await page.evaluate(() => {
    window.__benchHooks = (h) => {
      window.__evplanOnShown = h?.shown;
      window.__evplanOnUpdate = h?.all;
    };
  });

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
  // CPU time of the renderer's main thread and of the whole renderer process (page, worker, compositor): unlike
  // the latencies, it depends little on how many other processes want the cores.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  const cpu = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    const get = (n) => (metrics.find((m) => m.name === n)?.value ?? NaN) * 1000;
    return { thread: get("ThreadTime"), process: get("ProcessTime") };
  };
  return {
    view,
    page,
    cpu,
    steps: [],
    stepsAll: [],
    dragAll: [],
    modelMs: [],
    trace: {},
    drag: [],
    dragRuns: 0,
    cpuStep: { thread: 0, process: 0 },
    cpuDrag: { thread: 0, process: 0 },
  };
}

/** Adds the CPU time `f` takes to `acc`. */
async function timed(m, acc, f) {
  const a = await m.cpu();
  await f();
  const b = await m.cpu();
  acc.thread += b.thread - a.thread;
  acc.process += b.process - a.process;
}

async function step(m, i) {
  await m.page.waitForTimeout(gap);
  await timed(m, m.cpuStep, async () => {
    const [ms, all, marks] = await m.page.evaluate(async (i) => {
      window.__evplanTrace = [];
      const at = {};
      const shown = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no update after 10 s: ${JSON.stringify(window.__evplan)}`)), 10000);
        // Each hook's time is that of the next frame (requestAnimationFrame runs just before it is painted).
        const hook = (k) => () => {
          if (at[k] !== undefined) return;
          at[k] = NaN;
          requestAnimationFrame(() => {
            at[k] = performance.now() - t0;
            if (at.shown >= 0 && at.all >= 0) {
              clearTimeout(timer);
              resolve();
            }
          });
        };
        window.__benchHooks({ shown: hook("shown"), all: hook("all") });
      });
      const t0 = performance.now();
      window.__benchMove(i);
      await shown;
      window.__benchHooks(undefined);
      const marks = window.__evplanTrace.map(([k, t]) => [k, t - t0]);
      window.__evplanTrace = undefined;
      return [at.shown, at.all, marks];
    }, i);
    m.steps.push(ms);
    m.stepsAll.push(all);
    for (const [k, t] of marks) (m.trace[k] ??= []).push(t);
  });
  m.modelMs.push(await m.page.evaluate(() => window.__evplan.lastRunMs));
}

async function drag(m, d) {
  await m.page.waitForTimeout(200);
  const analyses = await m.page.evaluate(() => window.__evplan.analyses ?? 0);
  await timed(m, m.cpuDrag, async () => {
    const r = await m.page.evaluate(async (d) => {
      const inputs = [];
      // [time of an update, time of the frame that showed it], for what is in view and for all nine charts.
      const updates = { shown: [], all: [] };
      const hook = (k) => () => {
        const u = [performance.now(), NaN];
        updates[k].push(u);
        requestAnimationFrame(() => (u[1] = performance.now()));
      };
      window.__benchHooks({ shown: hook("shown"), all: hook("all") });
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
      // Wait until the last input's run is shown on every chart.
      const last = inputs[inputs.length - 1];
      const t = performance.now();
      const seen = (k) => updates[k].some(([u, f]) => u > last && f > 0);
      while (!(seen("shown") && seen("all")) && performance.now() - t < 10000) await new Promise((r) => setTimeout(r, 5));
      window.__benchHooks(undefined);
      // The first update after an input shows a run requested after it: the page asks for the newest input's run
      // and never shows an older one once a newer is asked for.
      const lat = (k) => inputs.map((t) => (updates[k].find(([u]) => u > t)?.[1] ?? NaN) - t);
      return { latencies: lat("shown"), all: lat("all"), frames: updates.shown.length };
    }, d);
    if ([...r.latencies, ...r.all].some((x) => !Number.isFinite(x))) throw new Error("an input of a drag was never shown");
    m.drag.push(...r.latencies);
    m.dragAll.push(...r.all);
    m.dragRuns += r.frames;
  });
  await answered(m, analyses);
}

/**
 * Waits for the page's background answers ("what it takes", "how sure") for its last setting, which come 300 ms
 * after the last move (App.tsx, SETTLE_MS) and take about 400 ms of a worker's CPU, so that they do not run in the
 * next drag; with --against that is the other build's, and measured so, each build's drags paid for the other's
 * answers. `before`: the count of answers before the moves.
 */
async function answered(m, before, { timeout = 15000, quiet = false } = {}) {
  await m.page
    .waitForFunction((n) => (window.__evplan.analyses ?? 0) > n, before, { timeout })
    .catch(() => quiet || console.warn("  (no background answers within 15 s of a drag: the next drag may share the CPU with them)"));
}

/** One run: steps, drags and first loads, alternating between the builds move by move (same load for each). */
async function measure() {
  const ms = [];
  for (const view of views) for (const x of servers) ms.push(await openPage(x.server, view));
  for (const m of ms) m.asked0 = await m.page.evaluate(() => [window.__evplan.analyses ?? 0, window.__evplan.analysesAsked ?? 0]);
  for (let i = 0; i < moves; i++) for (const m of ms) await step(m, i);
  // The background answers the steps asked for and those that came (the page drops those the next step made
  // useless); with the default gap none is asked for.
  for (const m of ms) {
    const [got, asked] = await m.page.evaluate(() => [window.__evplan.analyses ?? 0, window.__evplan.analysesAsked ?? 0]);
    m.answers = [got - m.asked0[0], asked - m.asked0[1]];
  }
  // The answers for the steps' last setting first (the steps come too close together for any other to start);
  // they may have come already, so this waits 3 s at most.
  for (const m of ms) await answered(m, await m.page.evaluate(() => window.__evplan.analyses ?? 0), { timeout: 3000, quiet: true });
  for (let d = 0; d < 8; d++) for (const m of ms) await drag(m, d);
  for (const m of ms) {
    m.loads = [];
    m.firstScreens = [];
    await m.page.close();
    for (const c of [m.cpuStep, m.cpuDrag]) {
      c.thread /= c === m.cpuStep ? moves : m.drag.length;
      c.process /= c === m.cpuStep ? moves : m.drag.length;
    }
  }
  for (let i = 0; i < 5; i++)
    for (let k = 0; k < servers.length; k++) {
      const l = await firstLoad(browser, servers[k].server.url);
      ms[k].loads.push(l.ms);
      ms[k].firstScreens.push(l.firstScreen);
    }
  return ms;
}

const q = (xs, f) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
const line = (xs) => `p50 ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");
const kb = (x) => `${(x.gzip / 1024).toFixed(1)} KiB gzip (${(x.raw / 1024).toFixed(0)} KiB)`;

console.log(`evplan web planner · headless Chromium · 1400x1000 · slider policy.subsidy_scale (changes all nine charts)`);
console.log(
  busy ? `busy core: a child node process (pid ${busy.pid}, \`node -e "for (;;) {}"\`) spins on one core for the whole benchmark` : "busy core: none (--idle)",
);
console.log(`load average before: ${load()}`);
const VIEW = { charts: "scrolled to the charts (four in view)", top: "page top (cards in view, no chart)" };
for (const x of servers)
  x.all = { charts: { steps: [], drag: [], stepsAll: [], dragAll: [] }, top: { steps: [], drag: [], stepsAll: [], dragAll: [] }, loads: [], firstScreens: [] };
const cpu = (c) => `main thread ${c.thread.toFixed(1)} ms, renderer process ${c.process.toFixed(1)} ms`;
for (let r = 1; r <= runs; r++) {
  const results = await measure();
  console.log(`run ${r} (load average ${load()}):`);
  servers.forEach((x, k) => {
    if (servers.length > 1) console.log(`  ${x.name}:`);
    const ind = servers.length > 1 ? "    " : "  ";
    for (const m of results.filter((_, i) => i % servers.length === k)) {
      x.all[m.view].steps.push(...m.steps);
      x.all[m.view].drag.push(...m.drag);
      x.all[m.view].stepsAll.push(...m.stepsAll);
      x.all[m.view].dragAll.push(...m.dragAll);
      console.log(`${ind}${VIEW[m.view]}, input to the next frame after:`);
      console.log(`${ind}  what is in view redrawn (cards and every chart in view):`);
      console.log(`${ind}    step (${moves} single moves, ${gap} ms apart): ${line(m.steps)}; the first move after load ${m.steps[0].toFixed(1)} ms`);
      if (m.answers[1] > 0) console.log(`${ind}      background answers in the steps: ${m.answers[0]} received of ${m.answers[1]} asked for`);
      console.log(`${ind}    drag (${m.drag.length} inputs, one a frame): ${line(m.drag)} (${m.dragRuns} updates shown)`);
      console.log(`${ind}  all nine charts redrawn (those out of view too):`);
      console.log(`${ind}    step: ${line(m.stepsAll)}`);
      console.log(`${ind}    drag: ${line(m.dragAll)}`);
      console.log(`${ind}  CPU per step: ${cpu(m.cpuStep)}; per drag input: ${cpu(m.cpuDrag)}`);
      console.log(
        `${ind}  model run in the worker (scenario; counterfactual cached): p50 ${q(m.modelMs, 0.5).toFixed(1)} ms, p95 ${q(m.modelMs, 0.95).toFixed(1)} ms`,
      );
      if (raw) {
        console.log(`${ind}    steps in order (ms): ${m.steps.map((x) => x.toFixed(0)).join(" ")}`);
        console.log(`${ind}    model run in the worker, in order (ms): ${m.modelMs.map((x) => x.toFixed(0)).join(" ")}`);
        for (const [key, v] of Object.entries(m.trace)) console.log(`${ind}    ${key}, in order (ms): ${v.map((x) => x.toFixed(0)).join(" ")}`);
      }
      if (phases) for (const [key, v] of Object.entries(m.trace)) console.log(`${ind}    ${key.padEnd(16)} ${line(v)}`);
      if (m.loads.length) {
        x.all.loads.push(...m.loads);
        x.all.firstScreens.push(...m.firstScreens);
        console.log(
          `${ind}first load (new context's settled tab, navigation to all charts drawn): median ${q(m.loads, 0.5)} ms, max ${Math.max(...m.loads)} ms over ${m.loads.length} loads; first screen complete (cards and charts in view) median ${q(m.firstScreens, 0.5).toFixed(0)} ms`,
        );
      }
    }
  });
}
for (const x of servers) {
  const all = x.all;
  if (runs > 1) {
    console.log(`all ${runs} runs pooled${servers.length > 1 ? `, ${x.name}` : ""}:`);
    for (const v of views) {
      console.log(`  ${VIEW[v]}, in view redrawn: step ${line(all[v].steps)}; drag ${line(all[v].drag)}`);
      console.log(`  ${VIEW[v]}, all nine redrawn: step ${line(all[v].stepsAll)}; drag ${line(all[v].dragAll)}`);
    }
    console.log(
      `  first load: median ${q(all.loads, 0.5)} ms, max ${Math.max(...all.loads)} ms over ${all.loads.length} loads; first screen complete median ${q(all.firstScreens, 0.5).toFixed(0)} ms`,
    );
  }
  const sizes = bundleSizes(x.dist);
  console.log(`bundles (${x.dist === dist ? "packages/web/dist" : x.dist}, gzip level 9):`);
  console.log(`  first screen (index.html's scripts and styles): ${kb(sizes.app)}; of it JavaScript ${kb(sizes.appJs)}`);
  console.log(`  model worker: ${kb(sizes.worker)}`);
  for (const f of sizes.lazy) console.log(`  on demand ${f.file}: ${kb(f)}`);
}
console.log(`load average after: ${load()}`);
await browser.close();
for (const x of servers) x.server.stop();
busy?.kill();
