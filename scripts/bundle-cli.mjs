#!/usr/bin/env node
// Part of `npm run build` (issue 18, CLI start): bundles the evplan command (packages/cli/dist/main.js and the core
// modules it imports) into a few files under packages/cli/dist/bundle, which packages/cli/bin/evplan.js loads. On a
// compiled-pack cache hit Node then resolves, reads and compiles about 10 files instead of about 100 (module loading
// was the largest part of a command's start after Node's own). Dynamic imports stay separate chunks, loaded only
// when a command needs them (the YAML parser and zod on a cache miss, exceljs for a workbook); npm packages stay
// outside the bundle. Every `import.meta.url` of a bundled module is rewritten to that module's own address in
// dist, so that paths found from it (the built cache entries, the core's code version, the repository root, the
// package version) are the same as when the modules run unbundled. Uses rolldown, which vite installs.
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { rmSync } from "node:fs";
import { rolldown } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "packages/cli/dist/bundle");

/** import.meta.url of a bundled module, as the address of its unbundled file relative to the chunk it lands in. */
const keepModuleUrl = {
  name: "evplan-keep-module-url",
  transform(code, id) {
    if (!code.includes("import.meta.url") || !/\/packages\/(core|cli)\/dist\//.test(id)) return null;
    const rel = relative(outDir, id).split("\\").join("/");
    return { code: code.replaceAll("import.meta.url", `new URL(${JSON.stringify(rel)}, import.meta.url).href`), map: null };
  },
};

rmSync(outDir, { recursive: true, force: true });
const bundle = await rolldown({
  // The sweep worker is an entry of its own, sharing the core's chunks with the command: a worker thread then loads
  // a few files too, not about 100 modules (it was most of a Monte Carlo worker's 0.7 s start).
  input: { main: join(root, "packages/cli/dist/main.js"), "sweep-worker": join(root, "packages/cli/dist/sweep/worker.js") },
  platform: "node",
  // Only this repository's own modules are bundled; npm packages are loaded from node_modules as before.
  external: (id, importer) => !id.startsWith(".") && !id.startsWith("/") && !id.startsWith("@evplan/core") && importer !== undefined,
  plugins: [keepModuleUrl],
  logLevel: "warn",
});
await bundle.write({ dir: outDir, format: "esm", entryFileNames: "[name].mjs", chunkFileNames: "[name]-[hash].mjs", sourcemap: false });
await bundle.close();
