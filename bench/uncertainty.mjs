#!/usr/bin/env node
// Monte Carlo throughput (a figure, not a test): samples per second on one and two threads, and the wall time of
// 10,000 samples, each sample = the scenario and its counterfactual with the same draws, plus the percentiles.
// Usage: npm run bench:uncertainty [-- <scenario> <samples>]  (builds first)
// Uses data/pakistan when it validates and declares distributions; otherwise the synthetic pack of
// bench/synthetic-pack.mjs (the tiny test pack with synthetic uncertainty blocks, 2025-2060, market mode).
import { availableParallelism, cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSyntheticPack } from "./synthetic-pack.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { createSweep } = await import(join(root, "packages/cli/dist/sweep/job.js"));
const { runRange } = await import(join(root, "packages/cli/dist/sweep/pool.js"));
const { summarise } = await import(join(root, "packages/cli/dist/sweep/render.js"));
const { makeContext } = await import(join(root, "packages/cli/dist/context.js"));

const samples = Number(process.argv[3] ?? 10_000);
let spec = { kind: "uncertainty", scenario: process.argv[2] ?? "nevp-2025-30", samples, seed: 1 };
let packNote = "data/pakistan";
try {
  const ctx = makeContext();
  const n = [...ctx.model.registry.parameters.values()].filter((p) => p.uncertainty).length;
  if (n === 0) throw new Error("no parameter declares a distribution");
  ctx.scenarioArg(spec.scenario);
  packNote = "data/pakistan";
} catch (e) {
  const syn = await writeSyntheticPack();
  spec = { ...spec, scenario: syn.scenario, data: syn.data, scenarios: syn.scenarios };
  packNote = `synthetic pack (data/pakistan not usable: ${String(e.message ?? e).split("\n")[0]})`;
}

const sweep = createSweep(spec);
const m = sweep.meta;
console.log(
  `evplan uncertainty benchmark · node ${process.version} · ${process.platform}/${process.arch} · ${cpus()[0]?.model ?? "?"} x${availableParallelism()}`,
);
console.log(
  `scenario ${m.scenario} vs ${m.counterfactual ?? "(none)"} · ${packNote} · ${m.parameters.length} uncertain parameters · ${m.years.length} years · ${m.cells.length} metric rows kept`,
);

// Warm-up, then the in-thread engine rate.
runRange(spec, sweep, { from: 0, to: 200, threads: 1 });
const warm = 2000;
let t0 = performance.now();
await runRange(spec, sweep, { from: 0, to: warm, threads: 1 });
let dt = (performance.now() - t0) / 1000;
console.log(`one thread, in process: ${(warm / dt).toFixed(0)} samples/s (${(((dt / warm) * 1e6) / 2) | 0} µs per evaluation)`);

for (const threads of [1, 2]) {
  t0 = performance.now();
  const records = await runRange(spec, sweep, { from: 0, to: samples, threads });
  const tRun = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  summarise(m, records);
  const tSum = (performance.now() - t1) / 1000;
  console.log(
    `${threads} thread${threads > 1 ? "s" : " "}: ${samples} samples in ${(tRun + tSum).toFixed(2)} s (runs ${tRun.toFixed(2)} s = ${(samples / tRun).toFixed(0)} samples/s, percentiles ${tSum.toFixed(2)} s)`,
  );
}
