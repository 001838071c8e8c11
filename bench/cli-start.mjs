#!/usr/bin/env node
// CLI start against node's own start (a figure, not a test): each command and `node -e 0` are run in turn, round
// after round (interleaved, so both see the same load), and the medians of wall time and of CPU time are compared.
// The compiled data pack cache is warmed first (a cache hit is what a user sees from the second command on); with
// --cold every run gets an empty cache folder (a miss: every file read, parsed and validated).
// Usage: npm run bench:cli [-- --rounds 15] [--cold]   (builds first)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "packages/cli/bin/evplan.js");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? dflt : process.argv[i + 1];
};
const rounds = Number(arg("--rounds", 15));
const cold = process.argv.includes("--cold");
const cacheRoot = mkdtempSync(join(tmpdir(), "evplan-bench-cache-"));

const COMMANDS = [
  ["run", "nevp-2025-30"],
  ["params"],
  ["validate", "scenarios/nevp-2025-30.yaml"],
  ["compare", "nevp-2025-30", "reference"],
  ["solve", "nevp-2025-30", "--target", "ev_sales_share:total:2030=0.30"],
];

/** One run's wall time in ms. */
function once(argv, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr}`);
  return wall;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

let n = 0;
const envFor = () => {
  if (!cold) return { EVPLAN_CACHE: join(cacheRoot, "warm") };
  return { EVPLAN_CACHE: join(cacheRoot, `cold-${n++}`) };
};

console.log(
  `evplan CLI start benchmark · node ${process.version} · ${cpus()[0]?.model ?? "?"} x${availableParallelism()} · load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} · ${cold ? "cold cache (a miss on every run)" : "warm compiled cache"} · ${rounds} rounds, interleaved`,
);
// Warm the cache (and the OS file cache) once.
for (const c of COMMANDS) once([bin, ...c], envFor());

const base = [];
const times = COMMANDS.map(() => []);
for (let r = 0; r < rounds; r++) {
  base.push(once(["-e", "0"], {}));
  COMMANDS.forEach((c, i) => {
    times[i].push(once([bin, ...c], envFor()));
    base.push(once(["-e", "0"], {}));
  });
}
const b = median(base);
console.log(`node -e 0: median ${b.toFixed(0)} ms wall`);
COMMANDS.forEach((c, i) => {
  const m = median(times[i]);
  console.log(`evplan ${c.join(" ").padEnd(60)} median ${m.toFixed(0).padStart(5)} ms = ${(m / b).toFixed(2)}x node -e 0`);
});
console.log(
  `load after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
rmSync(cacheRoot, { recursive: true, force: true });
