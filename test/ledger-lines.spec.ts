// The ledger's lines add up to the engine's net fiscal cost, in every year, for scenarios that exercise every line.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { LEDGER_LINES, LEDGER_MEMO, LEDGER_NET, METRICS, metricValue } from "@evplan/core";
import { makeContext } from "../packages/cli/src/context.js";

const root = join(import.meta.dirname, "..");
const { model } = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });

describe("the fiscal ledger's lines", () => {
  it("are metrics the engine writes, each once, in PKR", () => {
    const ids = [...LEDGER_LINES.map((l) => l.metric), LEDGER_NET, LEDGER_MEMO];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(METRICS.find((m) => m.id === id)?.unit, id).toBe("PKR");
  });

  for (const name of ["nevp-2025-30", "oil-shock-2026", "reference"])
    it(`add up to net_fiscal in every year of ${name}, and the revenue lines to revenue_change`, () => {
      const r = model.evaluate(model.compile(name));
      let lines = 0;
      for (let y = r.scenario.baseYear; y <= r.scenario.endYear; y++) {
        let net = 0;
        let revenue = 0;
        for (const l of LEDGER_LINES) {
          const v = metricValue(r, l.metric, "total", y);
          if (v !== 0) lines++;
          net += l.inNet * v;
          if (l.kind === "revenue") revenue -= l.inNet * v;
        }
        const scale = 1 + Math.abs(metricValue(r, LEDGER_NET, "total", y));
        expect(Math.abs(net - metricValue(r, LEDGER_NET, "total", y)) / scale, `${name} ${y}`).toBeLessThan(1e-9);
        expect(Math.abs(revenue - metricValue(r, "revenue_change", "total", y)) / (1 + Math.abs(revenue)), `${name} ${y}`).toBeLessThan(1e-9);
      }
      // Not a sum of zeros: the scenario moves several lines.
      if (name !== "reference") expect(lines).toBeGreaterThan(20);
    });
});

describe("the CLI's ledger table", () => {
  it("lists the core's lines, and its column adds up to the net fiscal cost it prints", () => {
    const r = spawnSync(process.execPath, [join(root, "packages/cli/bin/evplan.js"), "run", "nevp-2025-30"], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf("Fiscal ledger"));
    const row = (label: string) => {
      const line = section.split("\n").find((l) => l.startsWith(label + "  "));
      expect(line, label).toBeDefined();
      return line!
        .slice(label.length)
        .trim()
        .split(/\s+/)
        .map((x) => Number(x.replace(/,/g, "")));
    };
    for (const col of [0, 1]) {
      const sum = LEDGER_LINES.reduce((a, l) => a + row(l.label)[col], 0);
      // Each printed figure is rounded to 0.1 bn.
      expect(Math.abs(sum - row("net fiscal cost")[col])).toBeLessThanOrEqual(0.05 * (LEDGER_LINES.length + 1));
    }
  });
});
