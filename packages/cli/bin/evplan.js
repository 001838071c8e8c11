#!/usr/bin/env node
// Entry point of the `evplan` command; the code lives in ../dist (built by `npm ci` / `npm run build`).
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2));
