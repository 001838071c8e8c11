#!/usr/bin/env node
// Engine benchmark (issue 18): the engine against the floor of bench/floor.mjs, measured interleaved in one process.
//
//   npm run bench:engine                  # nevp-2025-30 (market mode), the default
//   node bench/engine.mjs nevp-2025-30-targets --rounds 40
//
// Timing: rounds of three batches in turn — the engine on the scenario and its counterfactual, the floor on the
// same two parameter buffers, the engine on the scenario alone (its counterfactual cached, as the web planner and a
// sweep over policy levers hold it) — each batch a fixed number of evaluations timed in the process's CPU time
// (process.cpuUsage: on a shared, loaded machine wall time mostly measures the other processes). A ratio
// is taken within each round (so that the load of the shared machine, which drifts over seconds, cancels) and the
// median over rounds is printed. Both ratios divide by the floor for the scenario plus its counterfactual: the work
// of one comparison, which the cached counterfactual halves for the engine.
//
// Allocation: bytes allocated in V8's young generation (new space) across a window of many runs, from
// v8.getHeapSpaceStatistics() before and after; a window during which a garbage collection ran (seen by a
// PerformanceObserver of "gc" entries) is discarded and measured again. The figure per run is the window's growth
// over its number of runs, after subtracting what the counter allocates itself in a window (measured on windows of
// no runs: getHeapSpaceStatistics builds its result between the readings, about 2 KB); a window of the floor (which
// allocates nothing) checks that subtraction. A double boxed once per run would show as 16 B per run.
//
// EVPLAN_ENGINE_ROOT=<checkout> times that checkout's engine (built) instead of this one, against the same floor:
// how the "before" figures of docs/performance.md were taken.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import { Floor } from "./floor.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const scenario = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--"))) ?? "nevp-2025-30";
const ROUNDS = opt("--rounds", 30);
const BATCH = opt("--batch", 40);

const engineRoot = process.env.EVPLAN_ENGINE_ROOT ?? root;
const { makeContext } = await import(join(engineRoot, "packages/cli/dist/context.js"));
const core = await import(join(root, "packages/core/dist/index.js"));
const { BRK_SLOTS, SEG_SLOTS, SEG_TOTAL, N_SEG, N_PT, MAX_AGE, METRIC_INDEX, cell, outputLength } = core;

const ctx = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
const { model } = ctx;
const main = model.compile(scenario);
const cf = model.counterfactualOf(main) ?? model.compile("reference");
const engine = model.engineFor(main);
const engineCf = model.engineFor(cf);
const T = main.nYears;
const outMain = new Float64Array(outputLength(T));
const outCf = new Float64Array(outputLength(T));

// --- The floor's shape, taken from the engine -----------------------------------------------------------------------

/** The cells the engine writes: run it into a NaN-filled buffer whose fill() does nothing. */
function writtenRows(m, c) {
  const probe = new Float64Array(outputLength(T)).fill(NaN);
  probe.fill = function () {
    return this;
  };
  m.engineFor(c).run(c.params, c, probe);
  const rows = [];
  for (let r = 0; r < probe.length / T; r++) {
    let w = 0;
    for (let t = 0; t < T; t++) if (!Number.isNaN(probe[r * T + t])) w++;
    if (w !== 0 && w !== T) throw new Error(`row ${r} is written in ${w} of ${T} years`);
    if (w) rows.push(r);
  }
  return rows;
}

function floorFor(m, c) {
  const rows = writtenRows(m, c);
  const written = new Set(rows);
  const yearRows = [];
  const totalRows = [];
  const totalParts = [];
  for (const r of rows) {
    const brk = r % BRK_SLOTS;
    const seg = ((r - brk) / BRK_SLOTS) % SEG_SLOTS;
    const first = r - seg * BRK_SLOTS; // the same metric and breakdown, segment 0
    if (seg === SEG_TOTAL && written.has(first)) {
      totalRows.push(r);
      totalParts.push(first);
    } else yearRows.push(r);
  }
  const offsets = (name) => Int32Array.from(core.SEGMENTS, (s) => c.slots.get(`${name}.${s}`) * T);
  const floor = new Floor({
    nYears: T,
    nSeg: N_SEG,
    nPt: N_PT,
    maxAge: MAX_AGE,
    outputLength: outputLength(T),
    yearRows: Int32Array.from(yearRows),
    totalRows: Int32Array.from(totalRows),
    totalParts: Int32Array.from(totalParts),
    segStride: BRK_SLOTS,
    vktOffsets: offsets("activity.vkt_new"),
    declineOffsets: offsets("activity.vkt_decline"),
    nParamRows: c.slots.size,
  });
  // The engine's own fleet tables for these parameters (TypeScript-private fields, read only): the base-year stock
  // by vintage after a run stopped at the base year, the survival ratios and last living ages, and the sales entering.
  const e = m.engineFor(c);
  const full = new Float64Array(outputLength(T));
  e.run(c.params, c, full);
  const salesIn = new Float64Array(T * N_SEG * N_PT);
  for (let t = 0; t < T; t++)
    for (let s = 0; s < N_SEG; s++) for (let q = 0; q < N_PT; q++) salesIn[(t * N_SEG + s) * N_PT + q] = full[cell(METRIC_INDEX.sales, s, q, T, t)];
  const base = new Float64Array(outputLength(T));
  e.run(c.params, { modes: c.modes, evMask: c.evMask, observed: c.observed, untilYearIndex: 0 }, base);
  const fleet = e.fleet;
  floor.setFleet(fleet.survivalRatio, fleet.lastAge, fleet.stockV, salesIn);
  return { floor, cells: rows.length * T, yearRows: yearRows.length, totalRows: totalRows.length };
}

// The floor's shape comes from this checkout's engine, whichever engine is timed.
const local = process.env.EVPLAN_ENGINE_ROOT
  ? (await (await import(join(root, "packages/cli/dist/context.js"))).makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") }))
      .model
  : model;
const localMain = local.compile(scenario);
const shape = floorFor(local, localMain);
const floorMain = shape.floor;
const floorCf = floorFor(local, local.counterfactualOf(localMain) ?? local.compile("reference")).floor;
const floorOutMain = new Float64Array(outputLength(T));
const floorOutCf = new Float64Array(outputLength(T));

// --- What is timed ---------------------------------------------------------------------------------------------------

const both = () => {
  engine.run(main.params, main, outMain);
  engineCf.run(cf.params, cf, outCf);
};
const alone = () => engine.run(main.params, main, outMain);
const floorBoth = () => {
  floorMain.run(main.params, floorOutMain);
  floorCf.run(cf.params, floorOutCf);
};

/**
 * µs of this process's CPU time per call (user + system, from getrusage): unlike wall time it does not count the
 * time the process waits while other processes hold the cores, which on a loaded machine is most of the wall time.
 */
function batch(fn, n) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Warm up until every function is optimised.
for (let i = 0; i < 400; i++) {
  both();
  floorBoth();
  alone();
}

const tBoth = [];
const tAlone = [];
const tFloor = [];
const rBoth = [];
const rAlone = [];
for (let r = 0; r < ROUNDS; r++) {
  // Rotate the order within the round so that no batch always follows the same one.
  const order = [0, 1, 2].map((k) => (k + r) % 3);
  const got = [0, 0, 0];
  for (const k of order) got[k] = batch(k === 0 ? both : k === 1 ? floorBoth : alone, BATCH);
  tBoth.push(got[0]);
  tFloor.push(got[1]);
  tAlone.push(got[2]);
  rBoth.push(got[0] / got[1]);
  rAlone.push(got[2] / got[1]);
}

// --- Allocation ------------------------------------------------------------------------------------------------------

let gcCount = 0;
const obs = new PerformanceObserver((list) => (gcCount += list.getEntries().length));
obs.observe({ entryTypes: ["gc"] });
const newSpaceUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_used_size;
const tick = () => new Promise((r) => setImmediate(r));

/**
 * Bytes the counter itself allocates in a window (getHeapSpaceStatistics builds its result objects between the two
 * readings): the growth over a window of no runs, the minimum of several. Subtracted from every window below.
 */
function counterOwnBytes() {
  let least = Infinity;
  for (let i = 0; i < 20; i++) {
    const before = newSpaceUsed();
    const after = newSpaceUsed();
    if (after >= before) least = Math.min(least, after - before);
  }
  return least;
}

/** Bytes allocated per call of fn, net of the counter's own: the minimum over windows free of garbage collection. */
async function allocation(fn, own, runs = 2000, windows = 7) {
  const per = [];
  for (let tries = 0; per.length < windows && tries < windows * 6; tries++) {
    await tick();
    const gc0 = gcCount;
    const before = newSpaceUsed();
    for (let i = 0; i < runs; i++) fn();
    const after = newSpaceUsed();
    await tick();
    if (gcCount !== gc0 || after < before) continue;
    per.push((after - before - own) / runs);
  }
  if (per.length === 0) return { min: NaN, median: NaN };
  return { min: Math.min(...per), median: median(per) };
}
const ownBytes = counterOwnBytes();
const allocBoth = await allocation(both, ownBytes);
const allocAlone = await allocation(alone, ownBytes);
const allocFloor = await allocation(floorBoth, ownBytes);
obs.disconnect();

// --- Report ----------------------------------------------------------------------------------------------------------

const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(" ");
const fmtB = (a) => `${a.min.toFixed(1)} B per run (median of windows ${a.median.toFixed(1)} B)`;
console.log(`engine benchmark · ${scenario} + ${cf.name} · ${T} years · node ${process.version} · load average ${load}`);
if (process.env.EVPLAN_ENGINE_ROOT) console.log(`engine timed from ${engineRoot}`);
console.log(
  `floor: ${shape.cells} output cells per run (${shape.yearRows} rows written in the year, ${shape.totalRows} total rows summed after), ${outputLength(T)} in the buffer`,
);
console.log(`${ROUNDS} rounds x ${BATCH} evaluations per batch, interleaved`);
console.log(`median engine, scenario + counterfactual: ${median(tBoth).toFixed(1)} µs`);
console.log(`median engine, scenario alone: ${median(tAlone).toFixed(1)} µs`);
console.log(`median floor, scenario + counterfactual: ${median(tFloor).toFixed(1)} µs`);
console.log(`allocation counter's own bytes per window of 2,000 runs (subtracted below): ${ownBytes}`);
console.log(`allocation, engine scenario + counterfactual: ${fmtB(allocBoth)}`);
console.log(`allocation, engine scenario alone: ${fmtB(allocAlone)}`);
console.log(`allocation, floor scenario + counterfactual: ${fmtB(allocFloor)}`);
console.log(`floor ratio, scenario + counterfactual: ${median(rBoth).toFixed(2)}`);
console.log(`floor ratio, scenario with cached counterfactual: ${median(rAlone).toFixed(2)}`);
