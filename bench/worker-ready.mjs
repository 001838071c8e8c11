#!/usr/bin/env node
// How long a sweep worker takes to be ready (a figure, not a test): from `new Worker` to its "ready" message, for one
// worker and for two started together, with the compiled inputs handed over as the CLI does (issue 18: before, each
// worker re-imported the core and re-read and re-validated the YAML pack: 0.6 s, 1.1 s for two).
// Usage: node bench/worker-ready.mjs [scenario] [rounds]   (after npm run build)
import { Worker } from "node:worker_threads";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { compileJob } = await import(join(root, "packages/cli/dist/sweep/job.js"));
const { WORKER_SCRIPT } = await import(join(root, "packages/cli/dist/sweep/pool.js"));
const spec = { kind: "uncertainty", scenario: process.argv[2] ?? "nevp-2025-30", samples: 1000, seed: 1 };
const rounds = Number(process.argv[3] ?? 5);
const job = await compileJob(spec);

// As before issue 18, for comparison in the same run: the worker reads, parses and validates the pack itself.
const FROM_FILES = `
  const { parentPort, workerData } = await import("node:worker_threads");
  const { createSweep } = await import(${JSON.stringify(pathToFileURL(join(root, "packages/cli/dist/sweep/job.js")).href)});
  await createSweep(workerData.spec);
  parentPort.postMessage({ ready: true });
`;

const ready = (n, fromFiles) =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    let left = n;
    const ws = [];
    for (let i = 0; i < n; i++) {
      const w = fromFiles
        ? new Worker(`import(${JSON.stringify("data:text/javascript," + encodeURIComponent(FROM_FILES))})`, {
            eval: true,
            workerData: { spec },
            env: { ...process.env, EVPLAN_CACHE: "off" },
          })
        : new Worker(WORKER_SCRIPT, { workerData: { spec, job } });
      ws.push(w);
      w.on("message", (m) => {
        if ("error" in m) return reject(new Error(m.error));
        if ((m.op === "ready" || m.ready === true) && --left === 0) {
          const dt = performance.now() - t0;
          Promise.all(ws.map((x) => x.terminate())).then(() => resolve(dt));
        }
      });
      w.on("error", reject);
    }
  });

const t = { c1: [], c2: [], f1: [], f2: [] };
for (let r = 0; r < rounds; r++) {
  t.c1.push(await ready(1, false));
  t.f1.push(await ready(1, true));
  t.c2.push(await ready(2, false));
  t.f2.push(await ready(2, true));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  `sweep worker ready, ${rounds} rounds interleaved · load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log(`  compiled inputs handed over: one worker median ${med(t.c1).toFixed(0)} ms, two together ${med(t.c2).toFixed(0)} ms`);
console.log(`  reading the YAML pack itself (before issue 18): one worker ${med(t.f1).toFixed(0)} ms, two together ${med(t.f2).toFixed(0)} ms`);
