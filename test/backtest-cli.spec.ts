// `evplan backtest` as a user runs it: the JSON documents of one series and of --all, and clear errors.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CountryPack, GRID, evShareAt, runPack } from "@evplan/core";

const root = join(import.meta.dirname, "..");
const bin = join(root, "packages/cli/bin/evplan.js");
const evplan = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

// Three countries whose car and bus histories the planner's own engine generated.
const lines = ["region_country,category,parameter,mode,powertrain,year,unit,value"];
for (const [name, a, s0] of [
  ["Alpha", -0.5, 0.002],
  ["Beta", 0.5, 0.004],
  ["Gamma", 0, 0.003],
] as const) {
  const pack = new CountryPack(2013, 2024, {
    car: { share: s0, bevFraction: 1, cumulativeShare: s0 },
    bus: { share: 2 * s0, bevFraction: 1, cumulativeShare: 2 * s0 },
  });
  const out = runPack(pack, () => ({
    matureConstant: a,
    barrierDepth: GRID.barrierDepth[1],
    barrierDecay: GRID.barrierDecay[1],
    adjustmentSpeed: GRID.adjustmentSpeed[1],
  }));
  for (let t = 0; t < pack.nYears; t++) {
    lines.push(`${name},Historical,EV sales share,Cars,EV,${2013 + t},percent,${100 * evShareAt(out, pack.nYears, 2, t)}`);
    lines.push(`${name},Historical,EV sales share,Buses,EV,${2013 + t},percent,${100 * evShareAt(out, pack.nYears, 4, t)}`);
  }
}
const dir = mkdtempSync(join(tmpdir(), "evplan-backtest-"));
const file = join(dir, "history.csv");
writeFileSync(file, lines.join("\n"));

describe("evplan backtest", () => {
  it("prints one series' JSON with model, naive and persistence errors and the band", () => {
    const r = evplan("backtest", "--history", file, "--region", "Beta", "--mode", "Cars", "--fit-until", "2020", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.years).toEqual([2021, 2022, 2023, 2024]);
    expect(Object.keys(doc.mae).sort()).toEqual(["model", "naive", "persistence"]);
    expect(doc.mae.model).toBeLessThan(doc.mae.persistence);
    expect(doc.band.p5).toHaveLength(4);
    expect(doc.coverage).toBeGreaterThanOrEqual(0);
  });

  it("prints the --all document of issue 12", () => {
    const r = evplan("backtest", "--history", file, "--all", "--fit-until", "2020", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.fit_until).toBe(2020);
    expect(doc.series).toHaveLength(6);
    for (const s of doc.series) {
      expect(Object.keys(s).sort()).toEqual(["coverage", "mae", "mode", "region"]);
      expect(Object.keys(s.mae).sort()).toEqual(["model", "naive", "persistence"]);
    }
    expect(Object.keys(doc.summary.mae).sort()).toEqual(["model", "naive", "persistence"]);
    expect(Object.keys(doc.summary.wins).sort()).toEqual(["naive", "persistence"]);
    expect(doc.summary.mae.model).toBeLessThan(doc.summary.mae.persistence);
    expect(doc.summary.coverage).toBeGreaterThan(0);
  });

  it("refuses an unknown region with exit code 2 and the list of regions", () => {
    const r = evplan("backtest", "--history", file, "--region", "Atlantis", "--mode", "Cars", "--fit-until", "2020");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Atlantis.*available: Alpha, Beta, Gamma/);
  });
});
