// `evplan brief` (PDF through Debian's Chromium) and `evplan run --format xlsx` (the report workbook).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";

const root = join(import.meta.dirname, "..");
const evplan = (...args: string[]) => spawnSync(process.execPath, [join(root, "packages/cli/bin/evplan.js"), ...args], { cwd: root, encoding: "utf8" });

describe("evplan brief", () => {
  it("prints a one- or two-page A4 PDF with Debian's Chromium", () => {
    const out = join(mkdtempSync(join(tmpdir(), "evplan-brief-")), "brief.pdf");
    const r = evplan("brief", "nevp-2025-30", "--compare", "nevp-no-subsidy", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*brief\.pdf \([12] pages?\): brief for nevp-2025-30 compared with nevp-no-subsidy/);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    // A4: 595 x 842 points.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"))!;
    expect(Math.round(Number(box[1]))).toBe(595);
    expect(Math.round(Number(box[2]))).toBe(842);
  }, 120_000);

  it("a scenario file prints too, and bad arguments fail with exit code 2 and nothing written", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-brief-"));
    const file = join(root, "scenarios", "charger-first.yaml");
    const r = evplan("brief", file, "--out", join(dir, "c.pdf"));
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/brief for charger-first/);
    const bad = evplan("brief", "no-such-scenario", "--out", join(dir, "x.pdf"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no scenario named "no-such-scenario"/);
    const ext = evplan("brief", "reference", "--out", join(dir, "x.txt"));
    expect(ext.status).toBe(2);
    expect(ext.stderr).toMatch(/--out must name a \.pdf file/);
    expect(existsSync(join(dir, "x.pdf")) || existsSync(join(dir, "x.txt"))).toBe(false);
  }, 120_000);
});

describe("evplan run --format xlsx", () => {
  it("writes the report workbook beside the JSON and CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-xlsx-"));
    const r = evplan("run", "nevp-2025-30", "--format", "xlsx", "--out", dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`wrote ${join(dir, "nevp-2025-30.xlsx")}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "nevp-2025-30.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Settings",
      "Sales and fleet",
      "Energy and CO2",
      "Money",
      "Charging and grid",
      "Batteries and industry",
    ]);
    const summary = wb.getWorksheet("Summary")!.getSheetValues() as unknown[][];
    const share = summary.find((x) => x?.[1] === "30% of all new sales electric")!;
    const json = JSON.parse(readFileSync(join(dir, "nevp-2025-30.json"), "utf8"));
    expect(share[3]).toBeCloseTo(json.metrics.ev_sales_share.total[2030 - json.years[0]], 12);
    expect(summary.some((x) => String(x?.[1]).startsWith("What it takes to reach 30% in 2030: Subsidy programme scale from 2026"))).toBe(true);
    expect(existsSync(join(dir, "nevp-2025-30.csv"))).toBe(true);
    const csv = readFileSync(join(dir, "nevp-2025-30.csv"), "utf8");
    expect(csv).toContain("nevp-2025-30 minus reference,net_fiscal,total,all,all,2030,");
  }, 60_000);

  it("needs --out", () => {
    const r = evplan("run", "reference", "--format", "xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--format xlsx writes a workbook: give the folder with --out <dir>/);
  });
});
