#!/usr/bin/env node
// Benchmarks (not tests): they print figures. `npm run bench` builds first.
// evaluation: one evaluation of the national model = the scenario and its counterfactual, on compiled inputs.
import { Bench } from "tinybench";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { makeContext } = await import(join(root, "packages/cli/dist/context.js"));

const scenario = process.argv[2] ?? "nevp-2025-30-targets";
const ctx = await makeContext();
const { model } = ctx;
const main = model.compile(scenario);
const cf = model.counterfactualOf(main) ?? model.compile("reference");
const outA = new Float64Array(model.evaluate(main).out.length);
const outB = new Float64Array(outA.length);

const bench = new Bench({ time: 2000, warmupTime: 500 });
bench
  .add(`evaluate ${scenario} + counterfactual (engine only)`, () => {
    model.evaluate(main, main.params, outA);
    model.evaluate(cf, cf.params, outB);
  })
  .add(`compile + evaluate ${scenario} + counterfactual (from scenario files)`, () => {
    model.run(scenario);
  });
await bench.run();

console.log(`evplan benchmarks · node ${process.version} · ${process.platform}/${process.arch}`);
for (const task of bench.tasks) {
  const r = task.result;
  const lat = r.latency;
  const med = (lat.p50 ?? lat.median) * 1000;
  console.log(
    `${task.name}\n  median ${med.toFixed(1)} µs  p99 ${((lat.p99 ?? 0) * 1000).toFixed(1)} µs  mean ${(lat.mean * 1000).toFixed(1)} µs  runs ${lat.samplesCount ?? r.samples?.length ?? "?"}`,
  );
}
