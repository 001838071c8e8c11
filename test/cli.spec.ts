// The evplan command as a user runs it: exit codes, output formats, files written or not.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = join(root, "packages/cli/bin/evplan.js");

function evplan(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("evplan run", () => {
  it("prints a summary with every target, met or missed", () => {
    const r = evplan("run", "nevp-2025-30-targets");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/30% of all new sales electric/);
    expect(r.stdout).toMatch(/met|MISSED/);
    expect(r.stdout).toMatch(/Fiscal ledger/);
  });

  it("prints one JSON document of the documented shape", () => {
    const r = evplan("run", "nevp-2025-30-targets", "--format", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenario).toBe("nevp-2025-30-targets");
    expect(doc.counterfactual).toBe("reference");
    expect(doc.years[0]).toBe(2025);
    expect(doc.targets[0]).toHaveProperty("met");
    expect(doc.targets[0]).toHaveProperty("gap");
    for (const id of ["sales", "ev_sales_share", "stock", "ev_stock", "vkt", "fuel_use", "electricity_demand", "co2_ttw", "co2_wtw", "oil_import_cost"]) {
      expect(doc.metrics[id].total).toHaveLength(doc.years.length);
      expect(Object.keys(doc.metrics[id].by_segment)).toHaveLength(6);
      expect(doc.difference.metrics[id].total).toHaveLength(doc.years.length);
    }
  });

  it("writes tidy CSV and JSON with --out", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-"));
    const r = evplan("run", "nevp-2025-30-targets", "--format", "json", "--out", dir);
    expect(r.code).toBe(0);
    const csv = readFileSync(join(dir, "nevp-2025-30-targets.csv"), "utf8").split("\n");
    expect(csv[0]).toBe("scenario,metric,segment,powertrain,breakdown,year,value,unit");
    expect(csv.some((l) => l.startsWith("nevp-2025-30-targets minus reference,ev_sales_share,total,all,all,2030,"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "nevp-2025-30-targets.json"), "utf8")).scenario).toBe("nevp-2025-30-targets");
  });

  it("refuses a bad scenario with file, line and field, exit code 2, and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "name: bad\nextends: reference\noverrides:\n  adoption.target_ev_share.car: {2030: 1.4}\n");
    const out = join(dir, "out");
    const r = evplan("run", file, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:4:\d+: overrides\.adoption\.target_ev_share\.car/);
    expect(r.stderr).toMatch(/outside \[0, 1\]/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(["bad.yaml"]);
  });

  it("refuses an unknown scenario and a bad format with exit code 2", () => {
    expect(evplan("run", "no-such-scenario").code).toBe(2);
    const r = evplan("run", "reference", "--format", "xml");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format/);
  });
});

describe("evplan validate and params", () => {
  it("validates the shipped scenarios", () => {
    for (const f of readdirSync(join(root, "scenarios")).filter((f) => f.endsWith(".yaml"))) {
      const r = evplan("validate", join("scenarios", f));
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
  });
  it("names the malformed YAML line", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-"));
    const file = join(dir, "broken.yaml");
    writeFileSync(file, "name: broken\noverrides: {a: 1\n");
    const r = evplan("validate", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: malformed YAML/);
  });
  it("lists every parameter with provenance, as JSON", () => {
    const r = evplan("params", "--format", "json");
    expect(r.code).toBe(0);
    const params = JSON.parse(r.stdout);
    expect(params.length).toBeGreaterThan(100);
    for (const p of params) expect(["sourced", "assumption", "sourced+assumption"]).toContain(p.provenance);
  });
});
