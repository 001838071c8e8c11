#!/usr/bin/env node
// Entry point of the `evplan` command; the code lives in ../dist (built by `npm ci` / `npm run build`). It loads the
// bundle `npm run build` makes of it (scripts/bundle-cli.mjs: a few files instead of about 100 modules to resolve
// and compile at every start), or the unbundled modules where no bundle was built (a `tsc -b` alone).
let main;
try {
  ({ main } = await import("../dist/bundle/main.mjs"));
} catch (e) {
  if (e?.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("bundle")) throw e;
  ({ main } = await import("../dist/main.js"));
}

// A closed pipe (`evplan run ... | head`) is not an error worth a stack trace.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
