// What a run may reuse from earlier runs, and what it must not: early stop (RunFlags.untilYearIndex), output buffers
// the engine has seen before, caches keyed on their inputs, and state left by a previous run.
import { describe, expect, it } from "vitest";
import { Model, outputLength, type CompiledScenario, type RunFlags } from "@evplan/core";
import { memoryScenarios, tinyRegistry } from "../../../../test/fixtures/tiny-pack.js";

// A market with choices to make, a subsidy budget that binds and markup support (so the budget's root, the loan's
// recovery factors and the survival tables are all on the path).
const registry = tinyRegistry({
  "adoption.target_ev_share": { 2025: { two_wheeler: 0.02, three_wheeler: 0.05, car: 0.01, lcv: 0, bus: 0.1, truck: 0 } },
  "adoption.bev_fraction_of_ev": { 2025: { two_wheeler: 1, three_wheeler: 1, car: 0.6, lcv: 1, bus: 1, truck: 1 } },
  "fleet.base_bev_stock": 0,
  "policy.subsidy_per_vehicle": 50000,
  "policy.subsidy_budget": 2e8,
  "policy.markup_support": 0.05,
  "finance.loan_cap": 2e6,
  "finance.ev_loan_uptake": 0.5,
});
const scenarios = memoryScenarios({ reference: { name: "reference", counterfactual: null, mode: "market", end_year: 2045 } });

function fresh(): { model: Model; c: CompiledScenario } {
  const model = new Model(registry, scenarios);
  return { model, c: model.compile("reference") };
}

function same(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Set a parameter's series (every year) in a parameter buffer. */
function setSeries(c: CompiledScenario, p: Float64Array, name: string, value: number): void {
  const slot = c.slots.get(name);
  if (slot === undefined) throw new Error(`no slot ${name}`);
  p.fill(value, slot * c.nYears, (slot + 1) * c.nYears);
}

describe("early stop: RunFlags.untilYearIndex", () => {
  const { model, c } = fresh();
  const T = c.nYears;
  const full = model.evaluate(c).out;
  // Subsidy outlays are non-zero in the years run: the test reads rows that hold data.
  expect(full.some((x) => x !== 0)).toBe(true);

  it.each([0, 1, 4, 10, T - 2])("stopping at year index %i gives the full run's values up to it and 0 after", (u) => {
    const e = model.engineFor(c);
    const out = e.newOutput();
    e.run(c.params, { ...flagsOf(c), untilYearIndex: u }, out);
    let checked = 0;
    for (let i = 0; i < out.length; i++) {
      const t = i % T;
      if (t <= u) {
        expect(Object.is(out[i], full[i]), `cell ${i} (year index ${t})`).toBe(true);
        if (full[i] !== 0) checked++;
      } else expect(out[i], `cell ${i} (year index ${t})`).toBe(0);
    }
    expect(checked).toBeGreaterThan(100 * (u + 1));
  });

  it("a buffer that held a full run reads 0 after the stop, and the full run again after a full run", () => {
    const e = model.engineFor(c);
    const out = e.newOutput();
    e.run(c.params, flagsOf(c), out);
    e.run(c.params, { ...flagsOf(c), untilYearIndex: 3 }, out);
    for (let i = 0; i < out.length; i++) if (i % T > 3) expect(out[i]).toBe(0);
    e.run(c.params, flagsOf(c), out);
    expect(same(out, full)).toBe(true);
  });

  it("an index at or past the end runs every year; a negative or fractional one is an error", () => {
    const e = model.engineFor(c);
    const out = e.newOutput();
    e.run(c.params, { ...flagsOf(c), untilYearIndex: T + 5 }, out);
    expect(same(out, full)).toBe(true);
    expect(() => e.run(c.params, { ...flagsOf(c), untilYearIndex: -1 }, out)).toThrow(/untilYearIndex/);
    expect(() => e.run(c.params, { ...flagsOf(c), untilYearIndex: 2.5 }, out)).toThrow(/untilYearIndex/);
  });
});

function flagsOf(c: CompiledScenario): RunFlags {
  return { modes: c.modes, evMask: c.evMask, observed: c.observed };
}

describe("what a run reuses is keyed on its inputs", () => {
  // Each input feeds a cache: survival tables (lambda, shape), capital recovery (discount rate, ownership years),
  // the km average (decline), the loan's recovery factors (loan rate, term, markup).
  const inputs: [string, number][] = [
    ["fleet.survival_lambda.car", 9],
    ["fleet.survival_shape.bus", 1.7],
    ["finance.discount_rate.two_wheeler", 0.31],
    ["finance.ownership_years.car", 4],
    ["activity.vkt_decline.lcv", 0.06],
    ["finance.loan_rate", 0.12],
    ["finance.loan_term", 6],
    ["policy.markup_support.car", 0.08],
  ];
  it.each(inputs)("changing %s (to %d) in place changes the output, as a fresh engine computes it", (name, value) => {
    const { model, c } = fresh();
    const e = model.engineFor(c);
    const base = e.newOutput();
    e.run(c.params, c, base);
    // A sweep changes its parameter buffer in place and runs again into the same output.
    const p = c.params.slice();
    const out = e.newOutput();
    e.run(p, c, out);
    expect(same(out, base)).toBe(true);
    setSeries(c, p, name, value);
    e.run(p, c, out);
    expect(same(out, base), `${name} changed nothing`).toBe(false);
    const other = fresh();
    const expected = other.model.engineFor(other.c).newOutput();
    other.model.engineFor(other.c).run(p, other.c, expected);
    expect(same(out, expected), `${name}: the reused engine differs from a fresh one`).toBe(true);
    // And back: the cache follows the input back to its old value.
    setSeries(c, p, name, c.params[c.slots.get(name)! * c.nYears]);
    e.run(p, c, out);
    expect(same(out, base)).toBe(true);
  });
});

describe("nothing leaks from one run into the next", () => {
  it("a run after a run with pathological parameters (NaN barrier depth, conditioned) equals a fresh run", () => {
    const { model, c } = fresh();
    const e = model.engineFor(c);
    const expected = e.newOutput();
    e.run(c.params, c, expected);
    const bad = c.params.slice();
    setSeries(c, bad, "choice.barrier_depth.car", NaN);
    const scratch = e.newOutput();
    e.run(bad, { ...flagsOf(c), observed: bad, conditionOnBaseYear: true }, scratch);
    expect(scratch.some((x) => Number.isNaN(x))).toBe(true);
    const out = new Float64Array(outputLength(c.nYears));
    e.run(c.params, c, out);
    expect(same(out, expected)).toBe(true);
  });

  it("a buffer the engine has not seen is cleared first, whatever it holds", () => {
    const { model, c } = fresh();
    const e = model.engineFor(c);
    const expected = e.newOutput();
    e.run(c.params, c, expected);
    const dirty = new Float64Array(outputLength(c.nYears)).fill(7);
    e.run(c.params, c, dirty);
    expect(same(dirty, expected)).toBe(true);
  });
});
