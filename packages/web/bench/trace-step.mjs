#!/usr/bin/env node
// Where a slider step's CPU goes (not a test): a Chromium trace over N single moves, scrolled to the charts as the
// latency benchmark is, with one core kept busy by a child process (unless --idle). Prints, per move, each
// renderer thread's CPU time and the main thread's time by kind of work (script, style, layout, paint, ...), the
// top script functions of a sampled CPU profile, and the paint invalidations.
// Usage: npm run build:web && node packages/web/bench/trace-step.mjs [moves=30] [build folder] [--idle]
//        [--invalidations] [--profile] [--profile-main] [--css=RULES] [--script=JS] [--save=FILE] [--warmup=N] (these two add tracing overhead: read the thread times without them)
//        [--drag] (the moves as drags of 30 inputs, one a frame, as the latency benchmark drags; figures per input)
import { busyCore, launch, startServer } from "./browser-helpers.mjs";

const args = process.argv.slice(2);
const dragging = args.includes("--drag");
// A drag is 30 inputs; the figures below are per input, so a drag trace covers whole drags of at least `moves` inputs.
const DRAG_INPUTS = 30;
const moves = dragging
  ? Math.ceil(Number(args.find((a) => /^\d+$/.test(a)) ?? 30) / DRAG_INPUTS) * DRAG_INPUTS
  : Number(args.find((a) => /^\d+$/.test(a)) ?? 30);
const folder = args.find((a) => !/^\d+$/.test(a) && !a.startsWith("--"));
const busy = args.includes("--idle") ? null : busyCore();
const server = await startServer(folder);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(server.url);
await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });
await page.evaluate(() => document.querySelector("[data-slot]").scrollIntoView({ block: "start" }));
// --css=RULES adds a style sheet before tracing (to try a containment or a hidden section without a rebuild).
const css = args.find((a) => a.startsWith("--css="))?.slice(6);
if (css) await page.addStyleTag({ content: css });
// --script=JS runs in the page before tracing (e.g. to stub a canvas call and see what it costs).
const script = args.find((a) => a.startsWith("--script="))?.slice(9);
if (script) await page.evaluate(script);
await page.waitForTimeout(1500);
/** One move of the subsidy slider (spread over its range as in the latency benchmark), until its run is on every chart and a frame has followed. */
const moveOnce = async (i) => {
  const input = document.querySelector('input[data-series="policy.subsidy_scale"]');
  const [min, max, step] = [Number(input.min), Number(input.max), Number(input.step) || 0.01];
  let value = min + Math.round((((((i * 7) % 19) + 1) / 21) * (max - min)) / step) * step;
  if (Math.abs(value - Number(input.value)) < step / 2) value = value + step <= max ? value + step : value - step;
  const before = window.__evplan.updates;
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, String(value));
  input.dispatchEvent(new Event("input", { bubbles: true }));
  while (window.__evplan.updates <= before) await new Promise((r) => setTimeout(r, 2));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
};
/** One drag: a new value each frame (from a requestAnimationFrame callback), then until its last run is shown. */
const dragOnce = async ([d, n]) => {
  const input = document.querySelector('input[data-series="policy.subsidy_scale"]');
  const [min, max, step] = [Number(input.min), Number(input.max), Number(input.step) || 0.01];
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  let before = window.__evplan.updates;
  await new Promise((resolve) => {
    let k = 0;
    const tick = () => {
      // Up and down the range, a step of the slider each frame, as a hand drags.
      const i = (d * n + k) % 40;
      const value = min + Math.round(((i < 20 ? i : 40 - i) / 20) * ((max - min) / step)) * step;
      before = window.__evplan.updates;
      setter.call(input, String(value));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      if (++k < n) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  const t = performance.now();
  while (window.__evplan.updates <= before && performance.now() - t < 5000) await new Promise((r) => setTimeout(r, 2));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
};
// --warmup=N moves before tracing (the JIT's first compilations of the step's code then fall outside the trace).
const warmup = Number(args.find((a) => a.startsWith("--warmup="))?.slice(9) ?? 0);
for (let i = 0; i < warmup; i++) await page.evaluate(moveOnce, 1000 + i);
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
await cdp.send("Tracing.start", {
  transferMode: "ReportEvents",
  traceConfig: {
    includedCategories: [
      "devtools.timeline",
      "disabled-by-default-devtools.timeline",
      ...(args.includes("--invalidations") ? ["disabled-by-default-devtools.timeline.invalidationTracking"] : []),
      ...(args.includes("--profile") ? ["disabled-by-default-v8.cpu_profiler"] : []),
      "blink",
      "cc",
      "v8",
      "toplevel",
      "__metadata",
    ],
  },
});
if (dragging)
  for (let d = 0; d < moves / DRAG_INPUTS; d++) {
    await page.waitForTimeout(200);
    await page.evaluate(dragOnce, [d, DRAG_INPUTS]);
  }
else
  for (let i = 0; i < moves; i++) {
    await page.waitForTimeout(50);
    await page.evaluate(moveOnce, i);
  }
await cdp.send("Tracing.end");
await done;
// --save=FILE keeps the raw trace (open it in chrome://tracing or Perfetto).
const save = args.find((a) => a.startsWith("--save="))?.slice(7);
if (save) (await import("node:fs")).writeFileSync(save, JSON.stringify({ traceEvents: events }));

// Threads of the renderer (the page's process).
const names = new Map();
for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args.name === "CrRendererMain");
const pid = main.pid;
// CPU per thread: top-level task durations by thread time (tdur) where present.
const perThread = new Map();
for (const e of events) {
  if (e.pid !== pid || e.ph !== "X") continue;
  // Top-level tasks only ("RunTask" wraps "ThreadControllerImpl::RunTask" on some threads: count one of them).
  if (!["ThreadControllerImpl::RunTask", "ThreadPool_RunTask"].includes(e.name)) continue;
  const k = names.get(`${e.pid}:${e.tid}`) ?? `tid ${e.tid}`;
  perThread.set(k, (perThread.get(k) ?? 0) + (e.tdur ?? e.dur ?? 0));
}
const ms = (us) => (us / 1000 / moves).toFixed(2).padStart(7);
console.log(`per ${dragging ? "drag input" : "move"} (${moves} ${dragging ? "inputs" : "moves"}), thread time of top-level tasks by thread:`);
for (const [k, v] of [...perThread].sort((a, b) => b[1] - a[1])) console.log(`  ${ms(v)} ms  ${k}`);

// Main thread tasks by what they ran: a rendering frame (BeginMainFrame), script, or other; thread time.
{
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === main.tid && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask")
    .sort((a, b) => a.ts - b.ts);
  const inner = events.filter((e) => e.pid === pid && e.tid === main.tid && e.ph === "X" && !/RunTask$/.test(e.name)).sort((a, b) => a.ts - b.ts);
  const kinds = new Map();
  let j = 0;
  for (const t of tasks) {
    while (j < inner.length && inner[j].ts < t.ts) j++;
    let kind = "other";
    for (let k = j; k < inner.length && inner[k].ts < t.ts + t.dur; k++) {
      const n = inner[k].name;
      if (n === "ProxyMain::BeginMainFrame" || n === "WebFrameWidgetImpl::BeginMainFrame") {
        kind = "frame";
        break;
      }
      if (n === "FunctionCall" || n === "EventDispatch" || n === "v8.callFunction" || n === "TimerFire" || n === "FireAnimationFrame") kind = "script";
    }
    const c = kinds.get(kind) ?? { tdur: 0, n: 0 };
    c.tdur += t.tdur ?? t.dur;
    c.n++;
    kinds.set(kind, c);
  }
  console.log("main thread tasks per move, thread time by kind:");
  for (const [k, c] of kinds) console.log(`  ${ms(c.tdur)} ms  ${(c.n / moves).toFixed(1).padStart(5)}x  ${k}`);
  // Thread time (tdur) of the lifecycle phases, inclusive.
  const phase = new Map();
  for (const e of inner)
    if (e.tdur !== undefined) {
      const c = phase.get(e.name) ?? 0;
      phase.set(e.name, c + e.tdur);
    }
  console.log("main thread, thread time inclusive (top events):");
  for (const [k, v] of [...phase].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms(v)} ms  ${k}`);
}
// Main thread: self time by event name (nested X events on the main thread, self = dur - children).
const mainEv = events.filter((e) => e.pid === pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const selfBy = new Map();
const stack = [];
for (const e of mainEv) {
  while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
  const parent = stack[stack.length - 1];
  if (parent) parent.child = (parent.child ?? 0) + e.dur;
  stack.push(e);
}
for (const e of mainEv) selfBy.set(e.name, (selfBy.get(e.name) ?? 0) + e.dur - (e.child ?? 0));
console.log("main thread, wall self time by event:");
for (const [k, v] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms(v)} ms  ${k}`);
// Totals of the layout/style/paint events (inclusive) and counts.
const incl = new Map();
for (const e of mainEv) {
  const c = incl.get(e.name) ?? { dur: 0, n: 0 };
  c.dur += e.dur;
  c.n++;
  incl.set(e.name, c);
}
console.log("main thread, inclusive wall time and count per move:");
for (const k of [
  "UpdateLayoutTree",
  "Layout",
  "PrePaint",
  "Paint",
  "PaintArtifactCompositor",
  "Layerize",
  "UpdateLayer",
  "CompositeLayers",
  "Commit",
  "FunctionCall",
  "EventDispatch",
  "v8.run",
  "HitTest",
  "ScheduleStyleRecalculation",
  "ParseHTML",
  "MajorGC",
  "MinorGC",
  "V8.GC_SCAVENGER",
  "BlinkGC.AtomicPhase",
])
  if (incl.has(k)) console.log(`  ${ms(incl.get(k).dur)} ms  ${(incl.get(k).n / moves).toFixed(1).padStart(5)}x  ${k}`);
// Style recalc element counts and layout object counts.
let styled = 0,
  laidOut = 0,
  dirty = 0;
for (const e of mainEv) {
  if (e.name === "UpdateLayoutTree") styled += e.args?.elementCount ?? 0;
  if (e.name === "Layout") {
    laidOut += e.args?.endData?.layoutObjects ?? 0;
    dirty += e.args?.beginData?.dirtyObjects ?? 0;
  }
}
console.log(
  `  style: ${(styled / moves).toFixed(0)} elements per move; layout: ${(dirty / moves).toFixed(0)} dirty, ${(laidOut / moves).toFixed(0)} laid out per move`,
);
// Invalidations: what set style/layout/paint dirty.
const inval = new Map();
for (const e of events) {
  if (e.pid !== pid || !/Invalidat|StyleRecalcInvalidation|LayoutInvalidation|PaintInvalidation/.test(e.name)) continue;
  const d = e.args?.data ?? {};
  const k = `${e.name}: ${d.reason ?? ""} ${d.nodeName ?? ""}`.trim();
  inval.set(k, (inval.get(k) ?? 0) + 1);
}
console.log("invalidations per move (top):");
for (const [k, v] of [...inval].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${(v / moves).toFixed(1).padStart(6)}  ${k}`);

// Sampled CPU profile of the main thread's script (ProfileChunk events).
// --profile-main keeps the main thread's samples only (a profile's chunks carry the sampled thread's tid; the
// Profile event that starts them names it).
const mainOnly = args.includes("--profile-main");
const mainProfiles = new Set(events.filter((e) => e.name === "Profile" && e.pid === pid && e.tid === main.tid).map((e) => e.id));
const nodes = new Map();
const selfFn = new Map();
for (const e of events) {
  if (e.name !== "ProfileChunk" || e.pid !== pid) continue;
  if (mainOnly && !mainProfiles.has(e.id)) continue;
  const p = e.args.data.cpuProfile ?? {};
  for (const n of p.nodes ?? []) nodes.set(`${e.id}:${n.id}`, n.callFrame);
  const dts = e.args.data.timeDeltas ?? [];
  (p.samples ?? []).forEach((s, i) => {
    const f = nodes.get(`${e.id}:${s}`);
    if (!f) return;
    const k = `${f.functionName || "(anon)"} ${(f.url ?? "").split("/").pop()}:${f.lineNumber}`;
    selfFn.set(k, (selfFn.get(k) ?? 0) + (dts[i + 1] ?? dts[i] ?? 0));
  });
}
console.log(`script, sampled self time (${mainOnly ? "the main thread" : "all threads of the renderer with a profile"}):`);
for (const [k, v] of [...selfFn].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${ms(v)} ms  ${k}`);
await browser.close();
server.stop();
busy?.kill();
