// The adoption model's required properties (shared/MODEL.md section 3, issue 12), on the planner's engine with
// the Pakistan data pack in market mode.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { BEV, ICE, PHEV, HEV, SEGMENTS, buildParamLayout, equilibriumDepth, metricValue, type RunResult } from "@evplan/core";
import { makeContext } from "../packages/cli/src/context.js";

const root = join(import.meta.dirname, "..");
const ctx = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
const model = ctx.model;
const c = model.compile("market-baseline");
const T = c.nYears;
const Y0 = c.baseYear;
const slot = (name: string, key?: string) => {
  const s = c.slots.get(key ? `${name}.${key}` : name);
  if (s === undefined) throw new Error(`no slot ${name}.${key}`);
  return s * T;
};
const layout = buildParamLayout(c.slots, T);
const run = (p: Float64Array): RunResult => model.evaluate(c, p);
const share = (r: RunResult, seg: string, year: number) => metricValue(r, "ev_sales_share", seg, year);
const logitBev = (r: RunResult, seg: string, year: number) => Math.log(metricValue(r, "sales", seg, year, "bev") / metricValue(r, "sales", seg, year, "ice"));
const base = run(c.params);
const ALL = [...SEGMENTS, "total"];
const seg = fc.constantFrom(...SEGMENTS);
const OPTS = { numRuns: 12 };

describe("the base year", () => {
  it("reproduces the data pack's base-year shares to 1e-6", () => {
    const floor = c.params[slot("choice.base_share_floor")];
    for (const s of SEGMENTS) {
      const ev = c.params[slot("adoption.target_ev_share", s)];
      const bevF = c.params[slot("adoption.bev_fraction_of_ev", s)];
      const hev = Math.min(c.params[slot("adoption.hev_share", s)], 1 - ev);
      // Zero BEV or ICE shares take the floor; zero PHEV or HEV shares stay zero (not offered).
      const raw = [1 - ev - hev, hev, ev * (1 - bevF), ev * bevF].map((x, q) => (x > 0 || q === HEV || q === PHEV ? x : floor));
      const sum = raw.reduce((a, b) => a + b, 0);
      const total = metricValue(base, "sales", s, Y0);
      [ICE, HEV, PHEV, BEV].forEach((q) => {
        const pt = ["ice", "hev", "phev", "bev"][q];
        expect(Math.abs(metricValue(base, "sales", s, Y0, pt) / total - raw[q] / sum)).toBeLessThan(1e-6);
      });
    }
  });

  it("is an equilibrium where the barrier depth is not bounded by the panel (the data pack's calibration)", () => {
    const e = model.engineFor(c);
    e.run(c.params, c, e.newOutput());
    SEGMENTS.forEach((s, i) => {
      const depth = c.params[slot("choice.barrier_depth", s)];
      // The depth the run's base year implies, given the barrier it used, equals the data pack's depth unless
      // the data pack bounded it (then the market starts below its attractor).
      const implied = equilibriumDepth(c.params, layout, e.choiceState, i);
      if (implied <= depth + 1e-3) expect(Math.abs(implied - depth), s).toBeLessThan(0.01);
      else expect(implied).toBeGreaterThan(depth);
    });
  });
});

describe("adoption properties (fast-check)", () => {
  it("with the BEV at least 10% cheaper per km than ICE in every year from Y, the segment passes 50% by Y+15", () => {
    fc.assert(
      fc.property(seg, fc.integer({ min: Y0 + 1, max: c.endYear - 15 }), (s, Y) => {
        const p = c.params.slice();
        const price = slot("vehicles.price_bev_ex_battery", s);
        // Lower the BEV's price (before battery) year by year until it is 10% cheaper per km in every year from Y.
        for (let i = 0; i < 40; i++) {
          const r = run(p);
          let ok = true;
          for (let y = Y; y <= c.endYear; y++) {
            const ratio = metricValue(r, "tco_per_km", s, y, "bev") / metricValue(r, "tco_per_km", s, y, "ice");
            if (ratio > 0.9) {
              ok = false;
              p[price + y - Y0] = Math.max(0, p[price + y - Y0] * 0.85 - 0.01 * p[slot("vehicles.price_ice", s) + y - Y0]);
            }
          }
          if (ok) return share(r, s, Y + 15) > 0.5;
        }
        return fc.pre(false);
      }),
      OPTS,
    );
  });

  it("a larger base-year EV stock never lowers a later share", () => {
    fc.assert(
      fc.property(seg, fc.double({ min: 1, max: 20, noNaN: true }), (s, f) => {
        const p = c.params.slice();
        for (const n of ["fleet.base_bev_stock", "fleet.base_phev_stock"]) p[slot(n, s)] *= f;
        const r = run(p);
        for (const g of ALL) for (let y = Y0; y <= c.endYear; y++) expect(share(r, g, y)).toBeGreaterThanOrEqual(share(base, g, y) - 1e-9);
      }),
      OPTS,
    );
  });

  it("moving the floor for zero base shares between 1e-4 and 1e-2 moves no 2040 share by more than 2 pp", () => {
    const at = (floor: number) => {
      const p = c.params.slice();
      p.fill(floor, slot("choice.base_share_floor"), slot("choice.base_share_floor") + T);
      return run(p);
    };
    const lo = at(1e-4);
    const hi = at(1e-2);
    for (const g of ALL) expect(Math.abs(share(lo, g, 2040) - share(hi, g, 2040)), g).toBeLessThan(0.02);
  });

  it("a cheaper battery path (any year, the base year included) never lowers the EV share", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("lfp", "nmc", "sodium_ion"),
        fc.integer({ min: Y0, max: c.endYear }),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        (chem, Y, f) => {
          const p = c.params.slice();
          if (Y === Y0) p[slot("batteries.pack_cost_base", chem)] *= f;
          else {
            // Cheaper from Y on: more experience on the learning curve, and a lower floor.
            const q = slot("batteries.global_cumulative_production", chem);
            const fl = slot("batteries.pack_cost_floor", chem);
            for (let t = Y - Y0; t < T; t++) {
              p[q + t] /= f;
              p[fl + t] *= f;
            }
          }
          const r = run(p);
          // Tolerance 1e-5 (0.001 pp): the chemistry tilt is a logit, so a cheaper but still dearer chemistry draws
          // weight from a cheaper one and can raise the mix-weighted cost by parts per million (measured: 2e-6).
          for (const g of ALL) for (let y = Y0; y <= c.endYear; y++) expect(share(r, g, y)).toBeGreaterThanOrEqual(share(base, g, y) - 1e-5);
        },
      ),
      OPTS,
    );
  });

  it("no share moves faster in one year than the adjustment allows: a shock moves the logit by lambda times its full effect", () => {
    fc.assert(
      fc.property(seg, fc.integer({ min: Y0 + 1, max: c.endYear }), fc.double({ min: 0.3, max: 0.9, noNaN: true }), (s, Y, f) => {
        const t = Y - Y0;
        // A BEV on the floor takes its attractor in full in the first projected year (docs/model.md).
        const floored = c.params[slot("adoption.target_ev_share", s)] * c.params[slot("adoption.bev_fraction_of_ev", s)] === 0;
        if (floored && t === 1) return;
        const lam = slot("choice.adjustment_speed", s);
        const shock = (p: Float64Array) => {
          const q = p.slice();
          q[slot("vehicles.price_bev_ex_battery", s) + t] *= f; // cheaper in year Y only
          return q;
        };
        const full = c.params.slice();
        full[lam + t] = 1; // no inertia in year Y alone: the history up to Y-1 is the same
        const dLam = logitBev(run(shock(c.params)), s, Y) - logitBev(base, s, Y);
        const dFull = logitBev(run(shock(full)), s, Y) - logitBev(run(full), s, Y);
        expect(dFull).toBeGreaterThan(0);
        expect(Math.abs(dLam - c.params[lam + t] * dFull)).toBeLessThan(1e-6 * Math.max(1, Math.abs(dFull)));
      }),
      OPTS,
    );
  });
});

describe("uncertain runs are conditioned on the observed world's base year", () => {
  it("calibrates the barrier on the observed base year under the draw, not on the scenario's own base year", () => {
    const e = model.engineFor(c);
    const out = e.newOutput();
    // A draw: deeper barriers, so that the cap (the drawn depth) does not bind and the equilibrium is what is used.
    const draw = c.params.slice();
    for (const s of SEGMENTS) {
      const d = slot("choice.barrier_depth", s);
      for (let t = 0; t < T; t++) draw[d + t] *= 3;
    }
    const flags = { modes: c.modes, evMask: c.evMask, observed: draw, conditionOnBaseYear: true };
    e.run(draw, flags, out);
    const observedWorld = Array.from(e.choiceState.depthScale);
    expect(observedWorld.some((x) => x < 0.99)).toBe(true);
    // The same draw under a scenario whose BEVs are 30% cheaper in the base year itself (a base-year policy).
    const scenario = draw.slice();
    for (const s of SEGMENTS) scenario[slot("vehicles.price_bev_ex_battery", s)] *= 0.7;
    e.run(scenario, flags, out);
    Array.from(e.choiceState.depthScale).forEach((x, i) => expect(x, SEGMENTS[i]).toBeCloseTo(observedWorld[i], 12));
    // Calibrated on the scenario's own base year instead, the cheaper base-year BEV would deepen the barrier.
    e.run(scenario, { ...flags, observed: undefined }, out);
    expect(Array.from(e.choiceState.depthScale).some((x, i) => x > observedWorld[i] + 1e-6)).toBe(true);
  });
});
