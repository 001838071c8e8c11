// Every lever moves adoption the way it declares (data/pakistan/**/*.yaml, `lever.direction`), through the
// engine and through the web planner's own path, and EVs added never show as oil or fuel lost.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { SEGMENTS, applyLever, leverCatalogue, leverTarget, leverValue, metricValue, type LeverInfo, type RunResult } from "@evplan/core";
import { makeContext } from "../packages/cli/src/context.js";
import { PlannerModel } from "../packages/web/src/planner.js";

const root = join(import.meta.dirname, "..");
const ctx = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
const { model } = ctx;
const levers = leverCatalogue(model.registry, 2025);
const web = new PlannerModel(model, model.registry, 2025);
const TOL = 1e-9;

/** The preset a lever is tested on: a targets-mode lever on the targets scenario, every other on the market one. */
function presetFor(l: LeverInfo): string {
  return l.actsIn.includes("market") ? "nevp-2025-30" : "nevp-2025-30-targets";
}

/** Values below and above the preset's value, inside the lever's range. */
function moves(l: LeverInfo, v0: number): [number, number] {
  const d = 0.2 * (l.max - l.min);
  return [Math.max(l.min, v0 - d), Math.min(l.max, v0 + d)];
}

/**
 * How a lever is judged. A lever on one segment: its segment's 2030 and 2040 EV shares, as the preset runs. A
 * national lever: the total shares with the subsidy budget unbounded. Under a binding budget the segments share
 * one budget, so a lever that makes one segment's EVs more attractive (more chargers for cars, a mandate for
 * three-wheelers) leaves less for the others and can lower the total: that is the budget at work, not the lever
 * going backwards, and the total of a segment lever is not judged for the same reason. Charging is shared too:
 * more home solar for cars means less public energy, so demand-sized public charging grows less for everyone.
 */
function judged(l: LeverInfo): string {
  return l.key && (SEGMENTS as readonly string[]).includes(l.key) ? l.key : "total";
}
const sharesOf = (r: RunResult, segment: string) => [2030, 2040].map((y) => metricValue(r, "ev_sales_share", segment, y));

function engineRun(preset: string, l: LeverInfo, value: number, unboundedBudget: boolean): RunResult {
  const c = model.compile(preset);
  const params = new Float64Array(c.params);
  if (unboundedBudget) applyLever(leverTarget(model.registry, c, "policy.subsidy_budget", 2025), c, params, 1e15);
  applyLever(leverTarget(model.registry, c, l.series, l.fromYear), c, params, value);
  return model.evaluate(c, params);
}

function check(l: LeverInfo, low: number[], high: number[]): void {
  for (let i = 0; i < 2; i++) {
    const d = high[i] - low[i];
    const what = `${l.series} (${l.direction}) moves the ${i ? 2040 : 2030} EV share by ${d}`;
    if (l.direction === "more_evs") expect(d, what).toBeGreaterThanOrEqual(-TOL);
    else if (l.direction === "fewer_evs") expect(d, what).toBeLessThanOrEqual(TOL);
    else if (l.direction === "none") expect(Math.abs(d), what).toBeLessThanOrEqual(TOL);
  }
}

describe("every lever moves EV adoption the way it declares", () => {
  it("declares a direction, and a reason where it can go either way or not at all", () => {
    expect(levers.length).toBeGreaterThan(40);
    for (const l of levers) if (l.direction === "either" || l.direction === "none") expect(l.directionNote, l.series).toBeTruthy();
  });

  for (const l of levers) {
    it(`${l.series}: through the engine and through the web planner`, () => {
      const preset = presetFor(l);
      const c = model.compile(preset);
      const v0 = leverValue(leverTarget(model.registry, c, l.series, l.fromYear), c, c.params).value;
      const [lo, hi] = moves(l, v0);
      const seg = judged(l);
      const national = seg === "total" && l.parameter !== "policy.subsidy_budget";
      const low = engineRun(preset, l, lo, national);
      const high = engineRun(preset, l, hi, national);
      check(l, sharesOf(low, seg), sharesOf(high, seg));
      if (national) return;
      // The web planner's own path (the worker's logic) moves the same way and gives the engine's numbers.
      const webRun = (v: number): RunResult => ({ scenario: c, out: web.run(0, preset, { [l.series]: v }, () => 0).main });
      const wl = webRun(lo);
      const wh = webRun(hi);
      check(l, sharesOf(wl, seg), sharesOf(wh, seg));
      expect(sharesOf(wh, "total")).toEqual(sharesOf(high, "total"));
    });
  }

  it("EVs added over the counterfactual never show as fuel or oil lost", () => {
    for (const l of levers.filter((x) => x.direction === "more_evs" && x.actsIn.includes("market"))) {
      const reply = web.run(0, "nevp-2025-30", { [l.series]: l.max }, () => 0);
      const run = { main: { out: reply.main, scenario: model.compile("nevp-2025-30") }, counterfactual: { out: reply.counterfactual! } };
      const T = reply.nYears;
      let evAdded = true;
      for (let y = 2025; y < 2025 + T; y++)
        if (
          metricValue(run.main as RunResult, "ev_stock", "total", y) <
          metricValue({ ...run.main, out: run.counterfactual.out } as RunResult, "ev_stock", "total", y) - 1e-6
        )
          evAdded = false;
      if (!evAdded) continue;
      const oil = reply.headlines.find((h) => h.id === "oil_avoided_2030")!.value;
      const fuel = reply.figures.find((f) => f.id === "fuel_saved_cum_2030")!.value;
      expect(oil, `${l.series} at its maximum: oil import bill avoided`).toBeGreaterThanOrEqual(-1e-6);
      expect(fuel, `${l.series} at its maximum: fuel saved`).toBeGreaterThanOrEqual(-1e-6);
    }
  });
});
