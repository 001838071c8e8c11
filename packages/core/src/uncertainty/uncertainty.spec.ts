import { describe, expect, it, vi } from "vitest";
import { Engine } from "../engine/engine.js";
import { Model, buildRegistry, type Registry } from "@evplan/core";
import { memoryScenarios, tinySources } from "../../../../test/fixtures/tiny-pack.js";
import { UncertaintySweep, runUncertainty, summariseUncertainty } from "./uncertainty.js";
import { runSweep } from "./sweep.js";
import { applyDraws, buildDrawPlan, planQuantile } from "./plan.js";
import { saltelliPoint } from "./sobol.js";
import { BRK_ALL, SEG_TOTAL, rowOffset } from "../engine/layout.js";
import { metricIndex } from "../engine/metrics.js";
import { TornadoSweep, SobolSweep, parseMetricCell, runSensitivity, summariseSensitivity, type SobolReport, type TornadoReport } from "./sensitivity.js";

/** The tiny pack with synthetic uncertainty blocks. */
export function uncertainRegistry(): Registry {
  const u: Record<string, object> = {
    "adoption.target_ev_share": { distribution: "triangular", min: 0.8, mode: 1, max: 1.3 },
    "economy.oil_price": { distribution: "normal", mean: 1, sd: 0.15, min: 0.5 },
    "sales.growth_rate": { distribution: "uniform", min: 0.5, max: 1.5 },
    "emissions.grid_intensity": { distribution: "uniform", scale: "absolute", min: 0.3, max: 0.5 },
    "batteries.learning_rate": { distribution: "lognormal", mean: 1, sd: 0.1 },
  };
  return buildRegistry(tinySources().map((s) => (u[s.name] ? { ...s, data: { ...(s.data as object), uncertainty: u[s.name] } } : s)));
}

const scenarios = memoryScenarios({
  reference: { name: "reference", counterfactual: null, end_year: 2035 },
  push: {
    name: "push",
    extends: "reference",
    counterfactual: "reference",
    overrides: { "adoption.target_ev_share": { 2030: 0.5 } },
    targets: [{ metric: "ev_sales_share", segment: "total", year: 2030, value: 0.55 }],
  },
});
const model = new Model(uncertainRegistry(), scenarios);
const push = model.compile("push");
const ref = model.compile("reference");
// Median and upper tail of triangular(0.8, 1, 1.3).
const TRI_MEDIAN = 1.3 - Math.sqrt(0.5 * 0.5 * 0.3);

describe("Monte Carlo", () => {
  it("a seed reproduces its result, another seed does not", () => {
    const a = runUncertainty(model, push, { samples: 40, seed: 5, metrics: ["ev_sales_share", "co2_wtw"] });
    const b = runUncertainty(model, push, { samples: 40, seed: 5, metrics: ["ev_sales_share", "co2_wtw"] });
    const c = runUncertainty(model, push, { samples: 40, seed: 6, metrics: ["ev_sales_share", "co2_wtw"] });
    expect(b).toEqual(a);
    expect(c.metrics.co2_wtw.total.p50).not.toEqual(a.metrics.co2_wtw.total.p50);
  });

  it("records do not depend on how the samples are split", () => {
    const sweep = new UncertaintySweep(model, push, ref, { samples: 30, metrics: ["ev_stock"], bySegment: true });
    const whole = runSweep(sweep);
    const parts = new Float64Array(whole.length);
    const w = sweep.meta.width;
    for (const [f, t] of [
      [17, 30],
      [0, 5],
      [5, 17],
    ])
      sweep.runRange(f, t, parts, f * w);
    expect(parts).toEqual(whole);
    // Shuffled sample order gives the same report: percentiles are order-free.
    const rev = new Float64Array(whole.length);
    for (let i = 0; i < 30; i++) rev.set(whole.subarray(i * w, (i + 1) * w), (29 - i) * w);
    expect(summariseUncertainty(sweep.meta, rev)).toEqual(summariseUncertainty(sweep.meta, whole));
  });

  it("without the difference no counterfactual is run, and the scenario's bands and targets are the same", () => {
    const opts = { samples: 12, metrics: ["ev_sales_share", "co2_ttw"] };
    const run = vi.spyOn(Engine.prototype, "run");
    const paired = runUncertainty(model, push, opts);
    expect(run).toHaveBeenCalledTimes(24);
    run.mockClear();
    const alone = runUncertainty(model, push, { ...opts, difference: false });
    expect(run).toHaveBeenCalledTimes(12);
    run.mockRestore();
    expect(alone.difference).toBeUndefined();
    expect(alone.metrics).toEqual(paired.metrics);
    expect(alone.targets).toEqual(paired.targets);
  });

  it("percentiles and target probabilities agree with the declared distribution", () => {
    const r = runUncertainty(model, push, { samples: 1500, params: ["adoption.target_ev_share"], metrics: ["ev_sales_share"] });
    const t2030 = 2030 - 2025;
    expect(r.metrics.ev_sales_share.total.p50[t2030]).toBeCloseTo(0.5 * TRI_MEDIAN, 2);
    // P(0.5 f >= 0.55) = P(f >= 1.1) = (1.3 - 1.1)^2 / ((1.3 - 0.8)(1.3 - 1)).
    expect(Math.abs(r.targets[0].probability_met - 0.04 / 0.15)).toBeLessThan(0.035);
    // Paired: the same draw scales the scenario's 0.5 and the reference's 0.2, so every difference percentile is
    // 0.6 times the scenario's.
    for (const k of ["p5", "p25", "p50", "p75", "p95"] as const)
      expect(r.difference!.metrics.ev_sales_share.total[k][t2030]).toBeCloseTo(0.6 * r.metrics.ev_sales_share.total[k][t2030], 12);
    expect(r.metrics.ev_sales_share.total.p5[t2030]).toBeLessThan(r.metrics.ev_sales_share.total.p95[t2030]);
  });

  it("draws multiply every year of a factor parameter, replace an absolute one, and stay in bounds", () => {
    const plan = buildDrawPlan(model.registry, push, ["adoption.target_ev_share", "emissions.grid_intensity"]);
    const out = new Float64Array(push.params.length);
    applyDraws(plan, push.params, Float64Array.of(3, 0.42), out);
    const T = push.nYears;
    const share = push.slots.get("adoption.target_ev_share.car")! * T;
    expect(out[share]).toBeCloseTo(0.6, 12); // 0.2 * 3 in 2025
    expect(out[share + 5]).toBe(1); // 0.5 * 3 clamped into [0, 1] in 2030
    expect(out[push.slots.get("emissions.grid_intensity")! * T + 7]).toBe(0.42);
    expect(out[push.slots.get("economy.oil_price")! * T]).toBe(push.params[push.slots.get("economy.oil_price")! * T]);
  });

  it("refuses a parameter without a distribution and an unknown metric", () => {
    expect(() => runUncertainty(model, push, { samples: 2, params: ["economy.exchange_rate"] })).toThrow(/declares no uncertainty/);
    expect(() => runUncertainty(model, push, { samples: 2, metrics: ["nope"] })).toThrow(/unknown metric/);
    expect(() => runUncertainty(model, push, { samples: 0 })).toThrow(/positive integer/);
  });
});

describe("sensitivity", () => {
  const cell = parseMetricCell("ev_sales_share:total:2030");

  it("tornado: a parameter the metric ignores has no swing; the share moves with its factor's 5th and 95th percentiles", () => {
    const r = runSensitivity(model, push, { method: "tornado", metric: cell }) as TornadoReport;
    expect(r.base).toBeCloseTo(0.5, 12);
    const share = r.parameters.find((p) => p.name === "adoption.target_ev_share")!;
    expect(r.parameters[0].name).toBe("adoption.target_ev_share");
    expect(share.low).toBeCloseTo(0.5 * share.low_input, 12);
    expect(share.high).toBeCloseTo(0.5 * share.high_input, 12);
    expect(r.parameters.find((p) => p.name === "economy.oil_price")!.swing).toBe(0);
  });

  it("Sobol: the only parameter that moves the metric carries all its variance", () => {
    const r = runSensitivity(model, push, { method: "sobol", metric: cell, samples: 400, bootstrap: 50 }) as SobolReport;
    expect(r.evaluations).toBe(400 * 7);
    const share = r.parameters[0];
    expect(share.name).toBe("adoption.target_ev_share");
    expect(share.first).toBeGreaterThan(0.9);
    expect(Math.abs(share.total - 1)).toBeLessThan(0.1); // the metric is a function of this input alone
    for (const p of r.parameters.slice(1)) expect(p.total).toBeLessThan(1e-9);
    expect(share.first_ci[0]).toBeLessThanOrEqual(share.first_ci[1]);
  });

  it("sweeps split into pieces give the same report", () => {
    const sweep = new SobolSweep(model, push, null, { metric: cell, samples: 20 });
    const whole = runSweep(sweep);
    const parts = new Float64Array(whole.length);
    sweep.runRange(50, whole.length, parts, 50);
    sweep.runRange(0, 50, parts, 0);
    expect(summariseSensitivity(sweep.meta, parts)).toEqual(summariseSensitivity(sweep.meta, whole));
    const t = new TornadoSweep(model, push, ref, { metric: cell, difference: true });
    expect((summariseSensitivity(t.meta, runSweep(t)) as TornadoReport).base).toBeCloseTo(0.3, 12);
  });

  it("Sobol records equal a full apply of every evaluation's draws (the per-base-sample reuse changes nothing)", () => {
    for (const difference of [false, true]) {
      const sweep = new SobolSweep(model, push, ref, { metric: cell, samples: 6, difference });
      // Odd pieces that start inside a base sample and cross into the next.
      const got = new Float64Array(sweep.meta.count);
      for (const [f, t] of [
        [9, 23],
        [0, 9],
        [23, sweep.meta.count],
      ])
        sweep.runRange(f, t, got, f);
      const plan = sweep.plan;
      const k = plan.dims;
      const u = new Float64Array(k);
      const v = new Float64Array(k);
      const pm = new Float64Array(push.params.length);
      const po = new Float64Array(push.params.length);
      const pc = new Float64Array(push.params.length);
      const eng = model.engineFor(push);
      const out = eng.newOutput();
      const at = rowOffset(metricIndex("ev_sales_share"), SEG_TOTAL, BRK_ALL, push.nYears) + 5;
      for (let e = 0; e < sweep.meta.count; e++) {
        saltelliPoint(e, k, sweep.meta.seed!, plan.keys, u);
        for (let d = 0; d < k; d++) v[d] = planQuantile(plan, d, u[d]);
        applyDraws(plan, push.params, v, pm);
        applyDraws(plan, push.observed, v, po);
        applyDraws(plan, ref.params, v, pc);
        const flags = { observed: po, conditionOnBaseYear: true, untilYearIndex: 5 };
        eng.run(pm, { ...flags, modes: push.modes, evMask: push.evMask }, out);
        let y = out[at];
        if (difference) {
          model.engineFor(ref).run(pc, { ...flags, modes: ref.modes, evMask: ref.evMask }, out);
          y -= out[at];
        }
        expect(got[e]).toBe(y);
      }
    }
  });
});
