#!/usr/bin/env node
// Entry point of the `evplan` command; the code lives in ../dist (built by `npm ci` / `npm run build`).
import { main } from "../dist/main.js";

// A closed pipe (`evplan run ... | head`) is not an error worth a stack trace.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
