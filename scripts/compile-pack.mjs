#!/usr/bin/env node
// Part of `npm run build`: compiles the built-in data pack (data/pakistan) and every scenario of scenarios/ into
// packages/cli/dist/compiled, the read-only entries of the compiled data pack cache (docs/performance.md, "Data pack
// and CLI start"). The evplan command then starts without the YAML parser and zod from the first run on. A pack or
// scenario that does not validate is left out (the command reports its errors when it is used).
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const { BUILT_CACHE } = await import(join(root, "packages/cli/dist/pack-cache.js"));
process.env.EVPLAN_CACHE = BUILT_CACHE;
const { makeContext } = await import(join(root, "packages/cli/dist/context.js"));

let ctx;
try {
  ctx = await makeContext({}, { compiled: true });
} catch (e) {
  console.error(`compile-pack: data/pakistan not compiled: ${e.message ?? e}`);
  process.exit(0);
}
const names = readdirSync(join(root, "scenarios"))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => f.replace(/\.ya?ml$/, ""))
  .sort();
let ok = 0;
for (const name of names) {
  try {
    await ctx.scenarioArg(name);
    ok++;
  } catch (e) {
    console.error(`compile-pack: scenario ${name} not compiled: ${String(e.message ?? e).split("\n")[0]}`);
  }
}
console.log(`compile-pack: data/pakistan and ${ok} of ${names.length} scenarios compiled into ${join("packages/cli/dist/compiled")}`);
