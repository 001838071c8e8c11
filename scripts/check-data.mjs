#!/usr/bin/env node
// Validate the data pack: schema, references or assumptions, and the engine's input contract.
// Usage: node scripts/check-data.mjs [DIR]   (builds the core first if needed)
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
execSync("npx tsc -b packages/core packages/cli", { cwd: root, stdio: "inherit" });
const { loadRegistry } = await import(join(root, "packages/cli/dist/data-pack.js"));
const core = await import(join(root, "packages/core/dist/index.js"));
const dir = process.argv[2] ?? join(root, "data/pakistan");
if (!existsSync(dir)) {
  console.error(`no such folder ${dir}`);
  process.exit(2);
}
try {
  const registry = loadRegistry(dir);
  core.checkContract(registry, [...core.ENGINE_INPUTS, ...core.CALIBRATION_INPUTS]);
  const params = [...registry.parameters.values()];
  const assumed = params.filter((p) => p.references.length === 0).length;
  console.log(`ok: ${params.length} parameters (${registry.series.size} series), ${assumed} pure assumptions`);
} catch (e) {
  if (e instanceof core.InputError) {
    console.error(e.issues.map(core.formatIssue).join("\n"));
    process.exit(2);
  }
  throw e;
}
