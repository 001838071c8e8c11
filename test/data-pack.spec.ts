// The built-in Pakistan data pack: provenance of every number, consistency, and a base year that reproduces it.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ALL_INPUTS, CALIBRATION_INPUTS, Model, SEGMENTS, SEGMENT_LABELS, baseYearCalibration, checkContract, metricValue, withinBand } from "@evplan/core";
import { loadRegistry } from "../packages/cli/src/data-pack.js";
import { makeContext } from "../packages/cli/src/context.js";

const root = join(import.meta.dirname, "..");
const registry = loadRegistry(join(root, "data/pakistan"), root);

describe("data pack provenance", () => {
  it("has every parameter the engine and calibration read, with the right unit and index", () => {
    expect(() => checkContract(registry, [...ALL_INPUTS, ...CALIBRATION_INPUTS])).not.toThrow();
  });
  it("gives every parameter a full reference or an assumption with its reasoning", () => {
    for (const p of registry.parameters.values()) {
      const ok = p.references.length > 0 || (p.assumption?.length ?? 0) >= 20;
      expect(ok, `${p.file} has neither a reference nor an assumption`).toBe(true);
      for (const r of p.references) {
        expect(r.title.length, `${p.file}: reference without title`).toBeGreaterThan(0);
        expect(r.publisher.length, `${p.file}: reference without publisher`).toBeGreaterThan(0);
        expect(r.date, `${p.file}: reference without date`).toMatch(/^\d{4}/);
      }
    }
  });
  it("gives every pure assumption an uncertainty range, unless it is a policy lever", () => {
    for (const p of registry.parameters.values()) {
      if (p.references.length === 0 && !p.lever) expect(p.uncertainty, `${p.file} is an assumption without an uncertainty range`).toBeDefined();
    }
  });
});

describe("data pack consistency", () => {
  const at = (name: string) => registry.series.get(name)!.values[0];
  it("fuel mixes, chemistry shares and charger access weights each sum to 1 per segment", () => {
    for (const s of SEGMENTS) {
      expect(at(`energy.fuel_mix_petrol.${s}`) + at(`energy.fuel_mix_diesel.${s}`) + at(`energy.fuel_mix_cng.${s}`)).toBeCloseTo(1, 9);
      expect(at(`batteries.chemistry_share_lfp.${s}`) + at(`batteries.chemistry_share_nmc.${s}`) + at(`batteries.chemistry_share_sodium_ion.${s}`)).toBeCloseTo(
        1,
        9,
      );
      expect(at(`charging.access_weight_ac.${s}`) + at(`charging.access_weight_dc_fast.${s}`) + at(`charging.access_weight_swap_station.${s}`)).toBeCloseTo(
        1,
        9,
      );
    }
  });
  it("sodium-ion packs need no lithium", () => {
    expect(at("batteries.lithium_intensity.sodium_ion")).toBe(0);
  });
});

const baseYearCtx = await makeContext();
describe("base year", () => {
  const ctx = baseYearCtx;
  const model: Model = ctx.model;
  const run = model.run("reference");
  it("reproduces base-year sales, EV share and EVs in use from the data pack", () => {
    for (const s of SEGMENTS) {
      expect(metricValue(run.main, "sales", s, 2025)).toBeCloseTo(at(`sales.base_year.${s}`) * at(`sales.market_coverage.${s}`), 6);
      expect(metricValue(run.main, "ev_sales_share", s, 2025)).toBeCloseTo(at(`adoption.target_ev_share.${s}`), 9);
      // Vehicles in use include the base year's own sales: per powertrain, the larger of the two.
      const inUse = (p: string) => Math.max(at(`fleet.base_${p}_stock.${s}`), metricValue(run.main, "sales", s, 2025, p));
      expect(metricValue(run.main, "ev_stock", s, 2025)).toBeCloseTo(inUse("bev") + inUse("phev"), 3);
    }
  });
  it("is the same in market mode: the choice constants reproduce the observed shares", () => {
    const market = model.evaluate(model.compile("m", { file: "m.yaml", data: { name: "m", extends: "reference", mode: "market" } }));
    // The observed split, with a zero BEV or ICE share on the documented floor (zero PHEV, HEV: not offered).
    const floor = at("choice.base_share_floor");
    for (const s of SEGMENTS) {
      const ev = at(`adoption.target_ev_share.${s}`);
      const bevF = at(`adoption.bev_fraction_of_ev.${s}`);
      const hev = Math.min(at(`adoption.hev_share.${s}`), 1 - ev);
      const parts = [1 - ev - hev, hev, ev * (1 - bevF), ev * bevF].map((x, q) => (x > 0 || q === 1 || q === 2 ? x : floor));
      const expected = (parts[2] + parts[3]) / parts.reduce((x, y) => x + y, 0);
      expect(Math.abs(metricValue(market, "ev_sales_share", s, 2025) - expected)).toBeLessThan(1e-6);
    }
  });
  it("holds every calibration row inside its band: fleet by national category, petrol, diesel and each segment's sales", () => {
    const rows = baseYearCalibration(registry, run.main);
    const items = rows.map((r) => r.item);
    for (const needed of ["road petrol vs petrol sales", "road diesel vs road diesel sales", "buses in use (PBS category)", "trucks in use (excl. mini)"])
      expect(items, needed).toContain(needed);
    for (const s of SEGMENTS)
      expect(
        items.some((i) => i.endsWith("sold vs PAMA") && i.startsWith(SEGMENT_LABELS[s])),
        s,
      ).toBe(true);
    for (const r of rows) {
      expect(r.band[0], `${r.item}: band`).toBeLessThanOrEqual(r.band[1]);
      expect(r.note.length, `${r.item}: the band needs its reason`).toBeGreaterThan(20);
      const ratio = r.model / r.reference;
      expect(ratio, `${r.item}: model/reference ${ratio.toFixed(3)} outside [${r.band.join(", ")}]`).toBeGreaterThanOrEqual(r.band[0]);
      expect(ratio, `${r.item}: model/reference ${ratio.toFixed(3)} outside [${r.band.join(", ")}]`).toBeLessThanOrEqual(r.band[1]);
      expect(withinBand(r), r.item).toBe(true);
    }
    // Petrol and diesel are separate rows whose sum is the road fuel row.
    const byItem = new Map(rows.map((r) => [r.item, r]));
    expect(byItem.get("road petrol vs petrol sales")!.model + byItem.get("road diesel vs road diesel sales")!.model).toBeCloseTo(
      byItem.get("road fuel vs road transport")!.model,
      9,
    );
  });
  it("builds the base-year fleet from the dated sales history: stock = base-year sales x sum of history ratio x survival", () => {
    // Two-wheeler sales in FY2018-22 were well above FY2025's; with dated sales those vintages weigh more than one growth rate gives.
    const h = registry.series.get("sales.historical.two_wheeler")!;
    const hAt = (y: number) => h.values[h.years.indexOf(y)];
    expect(hAt(2021) / hAt(2025)).toBeGreaterThan(1.2);
    for (const s of SEGMENTS) {
      const hs = registry.series.get(`sales.historical.${s}`)!;
      const g = at(`sales.historical_growth_rate.${s}`);
      const lambda = at(`fleet.survival_lambda.${s}`);
      const k = at(`fleet.survival_shape.${s}`);
      const first = hs.years[0];
      const hv = (y: number) => {
        if (y < first) return hs.values[0] * Math.pow(1 + g, y - first);
        const i = hs.years.findIndex((yy) => yy >= y);
        if (hs.years[i] === y) return hs.values[i];
        const f = (y - hs.years[i - 1]) / (hs.years[i] - hs.years[i - 1]);
        return hs.values[i - 1] + f * (hs.values[i] - hs.values[i - 1]);
      };
      let sum = 0;
      for (let a = 0; a <= 40; a++) {
        const surv = Math.exp(-Math.pow(a / lambda, k));
        if (surv >= 1e-12) sum += (hv(2025 - a) / hv(2025)) * surv;
      }
      const expected = metricValue(run.main, "sales", s, 2025) * sum;
      expect(metricValue(run.main, "stock", s, 2025) / expected, s).toBeCloseTo(1, 6);
    }
  });
  function at(name: string) {
    return registry.series.get(name)!.values[0];
  }
});

describe("the data pack's README", () => {
  it("lists every parameter with the values of its files (scripts/data-table.mjs --check)", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync(process.execPath, ["scripts/data-table.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d+ parameters, up to date/);
  });
});
