// A scenario and its counterfactual differ in policy only (docs/scenarios.md, "Counterfactuals"): a context
// override reaches both runs, a market-mode scenario is compared with a market-mode counterfactual, and a scenario
// without new measures shows no difference anywhere.
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DATA_PACK_ONLY, Model, runDocument, type ScenarioSource } from "@evplan/core";
import { makeContext } from "../packages/cli/src/context.js";

const root = join(import.meta.dirname, "..");
const ctx = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
const registry = ctx.model.registry;
const shipped = readdirSync(join(root, "scenarios"))
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.replace(/\.yaml$/, ""));

/** A model whose scenario lookup also knows the given in-memory scenarios. */
function withScenarios(extra: Record<string, object>): Model {
  const base = ctx.model;
  return new Model(registry, (name): ScenarioSource | undefined =>
    extra[name] ? { file: `${name}.yaml`, data: extra[name] } : (base as unknown as { lookup: (n: string) => ScenarioSource | undefined }).lookup(name),
  );
}

function maxAbsDifference(a: Float64Array, b: Float64Array, t?: number, T?: number): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (t !== undefined && i % T! !== t) continue;
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
  }
  return worst;
}

describe("counterfactuals differ from their scenario in policy only", () => {
  it("every context parameter set in a scenario reaches its counterfactual; a policy parameter does not", () => {
    // Parameters dated before the base year (DATA_PACK_ONLY) cannot be set in a scenario at all.
    const context = [...registry.parameters.values()].filter((p) => p.kind !== "policy" && !DATA_PACK_ONLY.includes(p.name));
    expect(context.length).toBeGreaterThan(50);
    for (const p of context) {
      // A value inside the parameter's domain that differs from the base-year one.
      const s0 = p.series[0];
      const v0 = s0.values[0];
      const [lo, hi] = p.bounds;
      let v = v0 === 0 ? Math.min(hi, 0.5) : v0 * 1.1;
      if (v > hi || v < lo) v = v0 * 0.9;
      if (v === v0) continue;
      const model = withScenarios({ probe: { name: "probe", extends: "nevp-2025-30", overrides: { [s0.name]: { 2030: v } } } });
      const c = model.compile("probe");
      const cf = model.counterfactualOf(c)!;
      const slot = c.slots.get(s0.name)! * c.nYears + (2030 - c.baseYear);
      expect(c.params[slot], p.name).toBe(v);
      expect(cf.params[slot], `${p.name} (${p.kind}) in the counterfactual`).toBe(v);
    }
    const model = withScenarios({ probe: { name: "probe", extends: "nevp-2025-30", overrides: { "policy.subsidy_scale": { 2030: 2 } } } });
    const c = model.compile("probe");
    const cf = model.counterfactualOf(c)!;
    const slot = c.slots.get("policy.subsidy_scale")! * c.nYears + 5;
    expect(c.params[slot]).toBe(2);
    expect(cf.params[slot]).toBe(0);
  });

  it("an oil price shock moves both runs: oil imports avoided stay positive and the EV share rises", () => {
    const model = withScenarios({ shock: { name: "shock", extends: "nevp-2025-30", overrides: { "economy.oil_price": { 2026: 100 } } } });
    const shock = model.run("shock");
    const base = ctx.model.run("nevp-2025-30");
    const avoided = (r: typeof shock) => {
      const d = runDocument(r).difference!.metrics.oil_import_cost.total;
      return -d.slice(0, 6).reduce((a, b) => a + b, 0);
    };
    expect(avoided(base)).toBeGreaterThan(0);
    expect(avoided(shock)).toBeGreaterThan(avoided(base));
  });

  it("market-mode scenarios are compared with a market-mode counterfactual", () => {
    for (const name of shipped) {
      const c = ctx.model.compile(name);
      const cf = ctx.model.counterfactualOf(c);
      if (!cf) continue;
      expect([...cf.modes], name).toEqual([...c.modes]);
      expect(cf.baseYear).toBe(c.baseYear);
      expect(cf.endYear).toBe(c.endYear);
    }
  });

  it("a scenario without new measures shows zero difference in every metric and year", () => {
    const model = withScenarios({
      "context-only": {
        name: "context-only",
        extends: "reference",
        counterfactual: "reference",
        mode: "market",
        overrides: { "economy.oil_price": { 2027: 90 }, "batteries.learning_rate": 0.2 },
      },
    });
    for (const name of ["market-baseline", "context-only"]) {
      const run = (name === "market-baseline" ? ctx.model : model).run(name);
      expect(run.counterfactual, name).not.toBeNull();
      expect(maxAbsDifference(run.main.out, run.counterfactual!.out), name).toBe(0);
    }
  });

  it("every shipped scenario equals its counterfactual in the base year", () => {
    for (const name of shipped) {
      const run = ctx.model.run(name);
      if (!run.counterfactual) continue;
      const T = run.main.scenario.nYears;
      expect(maxAbsDifference(run.main.out, run.counterfactual.out, 0, T), name).toBe(0);
    }
  });

  it("a counterfactual follows its scenario's horizon", () => {
    const model = withScenarios({ short: { name: "short", extends: "nevp-2025-30", end_year: 2040 } });
    const run = model.run("short");
    expect(run.counterfactual!.scenario.endYear).toBe(2040);
  });
});
