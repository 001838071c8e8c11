// Every lever moves adoption the way it declares (data/pakistan/**/*.yaml, `lever.direction`), through the web
// planner's own path (planner.ts, what the worker runs) with the preset's default, binding subsidy budget: its
// segment's EV share and the national one, in 2030 and 2040. The few levers that lower the national share under
// the binding budget are named below with the reason, and the test checks the reason. EVs added never show as oil
// or fuel lost.
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
 * Where the national EV share legitimately goes the other way under the default (binding) subsidy budget. The
 * NEVP's budget is one annual allocation shared by every segment's BEV buyers, first come first served, so a lever
 * that moves claimants between segments with different subsidies per vehicle moves the budget with them: more
 * claims of Rs 200,000 per e-rickshaw or about Rs 1 million per electric car (per kWh) leave fewer Rs 50,000
 * e-bikes subsidised, and fewer such claims leave more. The e-bike share dominates the national share by sales,
 * so the national share can move against the lever. The test checks that mechanism for each: with the budget
 * unbounded the lever moves the national share the declared way, and under the binding budget moving it towards
 * more EVs reaches fewer subsidised vehicles. An exception that no longer goes the other way fails the test (the
 * 3-wheeler and LCV mandates and DC fast chargers were here before issue 12's recalibration). Rationing the shared
 * budget by segment quotas (the SBP circular's unit caps, which the engine does not read) would remove this; see
 * docs/scenarios.md, "Directions".
 */
const CROWDING_OUT: Readonly<Record<string, string>> = {
  "policy.markup_support.three_wheeler": "cheaper e-rickshaw loans draw Rs 200,000 claims from the shared budget, four e-bikes' worth each",
  "batteries.pack_cost_base.nmc":
    "dearer NMC packs make fewer electric cars claim the per-kWh subsidy, so the shared budget reaches more e-bikes, whose share carries on to 2040",
};

/** The segment a lever acts on, if it acts on one. */
const segmentOf = (l: LeverInfo): string | null => (l.key && (SEGMENTS as readonly string[]).includes(l.key) ? l.key : null);
const sharesOf = (r: RunResult, segment: string) => [2030, 2040].map((y) => metricValue(r, "ev_sales_share", segment, y));

/** An engine run of the preset with the lever set, optionally with the subsidy budget unbounded. */
function engineRun(preset: string, l: LeverInfo, value: number, unboundedBudget: boolean): RunResult {
  const c = model.compile(preset);
  const params = new Float64Array(c.params);
  if (unboundedBudget) applyLever(leverTarget(model.registry, c, "policy.subsidy_budget", 2025), c, params, 1e15);
  applyLever(leverTarget(model.registry, c, l.series, l.fromYear), c, params, value);
  return model.evaluate(c, params);
}

/** The web planner's own run (the worker's logic), as the page gets it: the preset's default, binding budget. */
function webRun(preset: string, l: LeverInfo, value: number): RunResult {
  return { scenario: model.compile(preset), out: web.run(0, preset, { [l.series]: value }, () => 0).main };
}

/** The sign a move from `low` to `high` must have under the lever's declared direction, per judged year. */
function check(l: LeverInfo, what: string, low: number[], high: number[]): void {
  for (let i = 0; i < low.length; i++) {
    const d = high[i] - low[i];
    const msg = `${l.series} (${l.direction}) moves the ${i ? 2040 : 2030} ${what} EV share by ${d}`;
    if (l.direction === "more_evs") expect(d, msg).toBeGreaterThanOrEqual(-TOL);
    else if (l.direction === "fewer_evs") expect(d, msg).toBeLessThanOrEqual(TOL);
    else if (l.direction === "none") expect(Math.abs(d), msg).toBeLessThanOrEqual(TOL);
  }
}

describe("every lever moves EV adoption the way it declares", () => {
  it("declares a direction, and a reason where it can go either way or not at all", () => {
    expect(levers.length).toBeGreaterThan(40);
    for (const l of levers) if (l.direction === "either" || l.direction === "none") expect(l.directionNote, l.series).toBeTruthy();
  });

  for (const l of levers) {
    it(`${l.series}: through the web planner with the default budget, and through the engine`, () => {
      const preset = presetFor(l);
      const c = model.compile(preset);
      const v0 = leverValue(leverTarget(model.registry, c, l.series, l.fromYear), c, c.params).value;
      const [lo, hi] = moves(l, v0);
      const low = webRun(preset, l, lo);
      const high = webRun(preset, l, hi);
      // The worker's numbers are the engine's.
      const engineHigh = engineRun(preset, l, hi, false);
      expect(sharesOf(high, "total")).toEqual(sharesOf(engineHigh, "total"));
      const seg = segmentOf(l);
      // A lever on one segment moves that segment's share the declared way.
      if (seg) check(l, seg, sharesOf(low, seg), sharesOf(high, seg));
      const reason = CROWDING_OUT[l.series];
      if (!reason) {
        // The done-when: the national EV share, as the page shows it, moves the declared way.
        check(l, "total", sharesOf(low, "total"), sharesOf(high, "total"));
        return;
      }
      // A named exception: it must still go the other way (else it is taken off the list), and for the reason given.
      const sign = l.direction === "fewer_evs" ? -1 : 1;
      const fall = sharesOf(high, "total").map((x, i) => sign * (x - sharesOf(low, "total")[i]));
      expect(Math.min(...fall), `${l.series} is listed as crowding out but no longer lowers the total: take it off the list`).toBeLessThan(-TOL);
      check(l, "total (budget unbounded)", sharesOf(engineRun(preset, l, lo, true), "total"), sharesOf(engineRun(preset, l, hi, true), "total"));
      const reached = (r: RunResult) => metricValue(r, "subsidised_vehicles", "total", 2030);
      expect(sign * (reached(high) - reached(low)), `${l.series}: ${reason}; moved towards more EVs it should reach fewer subsidised vehicles`).toBeLessThan(0);
    });
  }

  it("a higher subsidy per vehicle never lowers its own segment's EV share when the budget does not bind", () => {
    // Under the binding budget these levers declare "either": more per vehicle, fewer vehicles reached.
    for (const l of levers.filter((x) => /^policy\.subsidy_per_(vehicle|kwh)\./.test(x.series))) {
      const seg = segmentOf(l)!;
      const c = model.compile("nevp-2025-30");
      const v0 = leverValue(leverTarget(model.registry, c, l.series, l.fromYear), c, c.params).value;
      const [lo, hi] = moves(l, v0);
      check({ ...l, direction: "more_evs" }, seg, sharesOf(engineRun("nevp-2025-30", l, lo, true), seg), sharesOf(engineRun("nevp-2025-30", l, hi, true), seg));
    }
  });

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
