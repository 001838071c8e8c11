#!/usr/bin/env node
// Regenerate the golden key figures of every shipped scenario (test/golden/*.json). Run after an intended model or
// data change, read the diff, and commit it with the change that caused it.
import { execSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
execSync("npx tsc -b packages/core packages/cli", { cwd: root, stdio: "inherit" });
const { makeContext } = await import(join(root, "packages/cli/dist/context.js"));
const { goldenDocument } = await import(join(root, "packages/core/dist/index.js"));
const ctx = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
for (const f of readdirSync(join(root, "scenarios"))
  .filter((f) => f.endsWith(".yaml"))
  .sort()) {
  const name = f.replace(/\.yaml$/, "");
  const doc = goldenDocument(ctx.model.run(name));
  writeFileSync(join(root, "test/golden", `${name}.json`), JSON.stringify(doc, null, 1) + "\n");
  console.log(`wrote test/golden/${name}.json`);
}
