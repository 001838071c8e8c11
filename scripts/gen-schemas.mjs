#!/usr/bin/env node
// Generate JSON Schemas from the zod schemas so editors complete and check scenario and parameter files.
import { mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const core = await import(join(root, "packages/core/dist/index.js"));
mkdirSync(join(root, "schemas"), { recursive: true });
const emit = (file, schema, title) => {
  const json = { ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }), title };
  const text = JSON.stringify(json, null, 2) + "\n";
  const path = join(root, "schemas", file);
  // Only rewrite when changed, so a build leaves a clean tree clean.
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
};
emit("scenario.schema.json", core.scenarioSchema, "evplan scenario file");
emit("parameter.schema.json", core.parameterFileSchema, "evplan data-pack parameter file");
