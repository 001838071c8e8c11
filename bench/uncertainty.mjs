#!/usr/bin/env node
// Monte Carlo throughput (a figure, not a test): samples per second on one and two threads, and the wall time of
// 10,000 samples, each sample = the scenario and its counterfactual with the same draws, plus the percentiles.
// Then (issue 18): one and two threads interleaved (three rounds each, median ratio), the memory a sweep holds per
// sample (peak RSS of whole `evplan uncertainty` commands at two sample counts), and Sobol at its defaults.
// Usage: npm run bench:uncertainty [-- <scenario> <samples> [--rounds <r>] [--rss <n> | --no-rss] [--no-sobol]]  (builds first)
// Uses data/pakistan when it validates and declares distributions; otherwise the synthetic pack of
// bench/synthetic-pack.mjs (the tiny test pack with synthetic uncertainty blocks, 2025-2060, market mode).
import { spawnSync } from "node:child_process";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSyntheticPack } from "./synthetic-pack.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { compileJob, sweepFromCompiled } = await import(join(root, "packages/cli/dist/sweep/job.js"));
const { runRange, runReport } = await import(join(root, "packages/cli/dist/sweep/pool.js"));
const { readFileSync } = await import("node:fs");
const { makeContext } = await import(join(root, "packages/cli/dist/context.js"));

const samples = Number(process.argv[3] ?? 10_000);
let spec = { kind: "uncertainty", scenario: process.argv[2] ?? "nevp-2025-30", samples, seed: 1 };
let packNote = "data/pakistan";
try {
  const ctx = await makeContext({}, { compiled: true });
  const n = [...ctx.model.registry.parameters.values()].filter((p) => p.uncertainty).length;
  if (n === 0) throw new Error("no parameter declares a distribution");
  await ctx.scenarioArg(spec.scenario);
  packNote = "data/pakistan";
} catch (e) {
  const syn = await writeSyntheticPack();
  spec = { ...spec, scenario: syn.scenario, data: syn.data, scenarios: syn.scenarios };
  packNote = `synthetic pack (data/pakistan not usable: ${String(e.message ?? e).split("\n")[0]})`;
}

const job = await compileJob(spec);
const input = { spec, job };
const sweep = sweepFromCompiled(spec, job);
const m = sweep.meta;
console.log(
  `evplan uncertainty benchmark · node ${process.version} · ${process.platform}/${process.arch} · ${cpus()[0]?.model ?? "?"} x${availableParallelism()}`,
);
console.log(
  `scenario ${m.scenario} vs ${m.counterfactual ?? "(none)"} · ${packNote} · ${m.parameters.length} uncertain parameters · ${m.years.length} years · ${m.cells.length} metric rows kept`,
);

// Warm-up, then the in-thread engine rate.
await runRange(input, sweep, { from: 0, to: 200, threads: 1 });
const warm = 2000;
let t0 = performance.now();
await runRange(input, sweep, { from: 0, to: warm, threads: 1 });
let dt = (performance.now() - t0) / 1000;
console.log(`one thread, in process: ${(warm / dt).toFixed(0)} samples/s (${(((dt / warm) * 1e6) / 2) | 0} µs per evaluation)`);

/** CPU seconds of this process's main thread (Linux /proc; NaN elsewhere): the workers are the rest. */
const mainCpu = () => {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** One whole report (runs and percentiles, as `evplan uncertainty` does): wall, CPU of all threads, of the main. */
const timed = async (threads) => {
  const t = performance.now();
  const c = cpu();
  const mc = mainCpu();
  await runReport(input, sweep, { threads });
  return { wall: (performance.now() - t) / 1000, cpu: cpu() - c, main: mainCpu() - mc };
};

// Interleaved: 1, 2, 1, 2, ... threads on the same sweep, so both see the same load; the ratio of the medians.
// On a loaded machine wall time measures the other processes too, so the CPU figures are printed beside it: with
// two free cores, two threads take about the main thread's CPU plus half the workers' (they run in parallel), and
// "CPU estimate" is one thread's CPU over that.
const rounds = Number(process.argv.includes("--rounds") ? process.argv[process.argv.indexOf("--rounds") + 1] : 3);
const runs = { 1: [], 2: [] };
for (let r = 0; r < rounds; r++)
  for (const threads of [1, 2]) {
    const x = await timed(threads);
    runs[threads].push(x);
    console.log(
      `  round ${r + 1}, ${threads} thread${threads > 1 ? "s" : " "}: ${x.wall.toFixed(2)} s wall, ${x.cpu.toFixed(2)} s CPU (main thread ${x.main.toFixed(2)} s) · load ${loadavg()[0].toFixed(2)}`,
    );
  }
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const w1 = med(runs[1].map((x) => x.wall));
const w2 = med(runs[2].map((x) => x.wall));
const c1 = med(runs[1].map((x) => x.cpu));
const ideal2 = med(runs[2].map((x) => x.main + (x.cpu - x.main) / 2));
console.log(
  `interleaved, ${rounds} rounds of ${samples} samples (runs + percentiles, ${m.quantiles} percentiles): 1 thread median ${w1.toFixed(2)} s, 2 threads ${w2.toFixed(2)} s: 2 threads ${(w1 / w2).toFixed(2)}x faster (wall); CPU estimate ${(c1 / ideal2).toFixed(2)}x · load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);

// Memory: peak RSS of the whole command at two sample counts; the slope is what one sample holds.
const bin = join(root, "packages/cli/bin/evplan.js");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? dflt : process.argv[i + 1];
};
/** Peak RSS in bytes of `evplan uncertainty` with n samples on two threads (GNU time's %M: the process tree's peak). */
const rssAt = (n, quantiles = "auto") => {
  const args = [bin, "uncertainty", spec.scenario, "--samples", String(n), "--threads", "2", "--format", "json", "--quantiles", quantiles];
  if (spec.data) args.push("--data", spec.data, "--scenarios", spec.scenarios);
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  return r.status === 0 ? Number(r.stderr.trim().split("\n").pop()) * 1024 : NaN;
};
const rssN = Number(arg("--rss", 20000));
for (const q of process.argv.includes("--no-rss") ? [] : ["exact", "sketch"]) {
  const small = rssAt(1000, q);
  const large = rssAt(rssN, q);
  if (Number.isFinite(small) && Number.isFinite(large) && large > 0)
    console.log(
      `peak RSS of evplan uncertainty (2 threads, ${q} percentiles): ${(small / 2 ** 20).toFixed(0)} MB at 1,000 samples, ${(large / 2 ** 20).toFixed(0)} MB at ${rssN} samples: ${((large - small) / (rssN - 1000) / 1024).toFixed(2)} KiB per sample (${m.width} values per record)`,
    );
  else console.log("peak RSS: /usr/bin/time not available (apt-get install -y time)");
}

if (!process.argv.includes("--no-sobol")) {
  const sobolArgs = ["sensitivity", spec.scenario, "--method", "sobol", "--metric", "ev_sales_share:total:2030", "--format", "json"];
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, ...sobolArgs, ...(spec.data ? ["--data", spec.data, "--scenarios", spec.scenarios] : [])], {
    encoding: "utf8",
  });
  const s = (performance.now() - t) / 1000;
  console.log(
    r.status === 0
      ? `Sobol at its defaults (1,000 base samples, --threads default ${availableParallelism()}): evplan ${sobolArgs.join(" ")}: ${s.toFixed(1)} s wall · load ${loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}`
      : `Sobol failed: ${r.stderr}`,
  );
}
