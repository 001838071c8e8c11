#!/usr/bin/env node
// Kept for scripts and tests that start the planner from here: the planner and the API are served by one process,
// packages/server (see its README section). Same environment: PORT, HOST (127.0.0.1 by default).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../server/dist/main.js", import.meta.url));
if (!existsSync(main)) {
  console.error("packages/server/dist is missing: run `npm run build` first");
  process.exit(2);
}
await import(main);
