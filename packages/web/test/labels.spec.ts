// Every lever, unit, key and scenario of the data pack has an Urdu name: a new one fails here before it shows in
// English on the Urdu page.
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { INDEX_KEYS } from "@evplan/core";
import { loadRegistry } from "../../cli/src/data-pack.js";
import { URDU_TABLES } from "../src/labels";

const root = join(import.meta.dirname, "..", "..", "..");
const registry = loadRegistry(join(root, "data/pakistan"));
const URDU = /[\u0600-\u06ff]/;

describe("Urdu names", () => {
  const levers = [...registry.parameters.values()].filter((p) => p.lever);
  it("for every lever of the data pack, its unit and its keys", () => {
    expect(levers.length).toBeGreaterThan(15);
    for (const p of levers) {
      expect(URDU_TABLES.PARAMETERS_UR[p.name], p.name).toMatch(URDU);
      expect(URDU_TABLES.UNITS_UR[p.unit], `${p.name}: unit ${p.unit}`).toBeDefined();
      for (const k of p.index ? INDEX_KEYS[p.index] : []) expect(URDU_TABLES.KEYS_UR[k], `${p.name}: key ${k}`).toBeDefined();
    }
  });
  it("for every scenario", () => {
    for (const f of readdirSync(join(root, "scenarios")).filter((x) => x.endsWith(".yaml")))
      expect(URDU_TABLES.PRESETS_UR[f.replace(/\.yaml$/, "")], f).toMatch(URDU);
  });
});
