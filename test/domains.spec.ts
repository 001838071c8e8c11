// Domains make nonsense impossible: every accepted value of every parameter, at the edges of its domain, alone
// or together with others, gives finite outputs and non-negative physical quantities; values that used to give
// NaN or negative fuel are refused with file, line and field.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import {
  InputError,
  Model,
  applyDraws,
  buildDrawPlan,
  buildRegistry,
  closedBounds,
  drawAt,
  inDomain,
  parseYaml,
  physicalViolations,
  violationText,
  type CompiledScenario,
} from "@evplan/core";
import { loadRegistry, readParameterSources } from "../packages/cli/src/data-pack.js";
import { makeContext, readScenarioFile } from "../packages/cli/src/context.js";

const root = join(import.meta.dirname, "..");
const registry = loadRegistry(join(root, "data/pakistan"), root);
const ctx = await makeContext({});
const model: Model = ctx.model;
const market = model.compile("nevp-2025-30");
const targets = model.compile("nevp-2025-30-targets");

/** Set every year of every series of `name` to `x` in a copy of the compiled buffer, and run it. */
function runWith(c: CompiledScenario, settings: readonly (readonly [string, number])[]) {
  const params = new Float64Array(c.params);
  for (const [name, x] of settings)
    for (const s of registry.parameters.get(name)!.series) {
      const slot = c.slots.get(s.name)!;
      params.fill(x, slot * c.nYears, (slot + 1) * c.nYears);
    }
  return model.evaluate(c, params);
}

function violations(c: CompiledScenario, settings: readonly (readonly [string, number])[]): string[] {
  return physicalViolations(runWith(c, settings).out, c.nYears, c.baseYear).map(violationText);
}

function issuesOf(yaml: string) {
  const p = parseYaml(yaml, "scenarios/edge.yaml");
  try {
    model.check("edge", { file: "scenarios/edge.yaml", data: p.data, locate: p.locate });
  } catch (e) {
    if (e instanceof InputError) return e.issues;
    throw e;
  }
  return [];
}

const names = [...registry.parameters.keys()].sort();

describe("parameter domains", () => {
  it("are finite for every parameter, and every data-pack value and lever range lies inside", () => {
    for (const p of registry.parameters.values()) {
      expect(Number.isFinite(p.domain.min) && Number.isFinite(p.domain.max), `${p.name} has an unbounded domain`).toBe(true);
      for (const s of p.series) for (const v of s.values) expect(inDomain(p.domain, v), `${s.name} = ${v}`).toBe(true);
    }
  });

  it("keep every output finite and non-negative with each parameter alone at either edge", () => {
    const bad: string[] = [];
    for (const name of names) {
      const [lo, hi] = closedBounds(registry.parameters.get(name)!.domain);
      for (const x of [lo, hi])
        for (const c of [market, targets]) {
          const v = violations(c, [[name, x]]);
          if (v.length) bad.push(`${name} = ${x} (${c.name}): ${v[0]}`);
        }
    }
    expect(bad).toEqual([]);
  });

  it("keep every output finite and non-negative with many parameters at their edges at once", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(0, 1, 0.5, 1e-3, 0.999)), { minLength: 1, maxLength: 25 }), (picks) => {
        const settings = picks.map(([name, f]) => {
          const [lo, hi] = closedBounds(registry.parameters.get(name)!.domain);
          return [name, lo + f * (hi - lo)] as const;
        });
        expect(violations(market, settings)).toEqual([]);
      }),
      { numRuns: 150, seed: 15 },
    );
  });
});

describe("values that gave NaN, Infinity or negative fuel (issue 15) are refused", () => {
  const base = "name: edge\nextends: nevp-2025-30\noverrides:\n";
  it.each([
    ["batteries.chemistry_cost_sensitivity", "1300", /outside \[0, 50\].*exponential/],
    ["economy.exchange_rate", "0", /outside \(0, .*must be positive/],
    ["energy.energy_content_petrol", "0", /outside \(0, .*must be positive/],
    ["activity.vkt_decline", "10", /outside \[-0.5, 0.5\]/],
    ["sales.growth_rate", "10", /outside \[-0.5, 1\]/],
    ["fleet.survival_shape", "-1", /outside \(0, 20\]/],
  ])("%s: %s", (name, value, message) => {
    const issues = issuesOf(`${base}  ${name}: ${value}\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0].file).toBe("scenarios/edge.yaml");
    expect(issues[0].line).toBe(4);
    expect(issues[0].field).toBe(`overrides.${name}`);
    expect(issues[0].message).toMatch(message);
  });
});

describe("sampled draws", () => {
  it("are clamped into the domain, however wide the declared distribution, and give physical outputs", () => {
    // Distributions far wider than any data-pack file declares: factors that go negative, absolute values far
    // outside the domain.
    const wild: Record<string, unknown> = {
      "economy.exchange_rate": { distribution: "normal", mean: 1, sd: 5 },
      "activity.vkt_decline": { distribution: "normal", mean: 1, sd: 60 },
      "fleet.survival_shape": { distribution: "normal", mean: 1, sd: 5 },
      "energy.fuel_economy_improvement": { distribution: "uniform", min: -80, max: 80 },
      "batteries.chemistry_cost_sensitivity": { distribution: "uniform", scale: "absolute", min: -100, max: 5000 },
    };
    const sources = readParameterSources(join(root, "data/pakistan"), root).map((src) =>
      wild[src.name] ? { ...src, data: { ...(src.data as object), uncertainty: wild[src.name] } } : src,
    );
    const wide = buildRegistry(sources);
    const m = new Model(wide, (name) => readScenarioFile(join(root, "scenarios", `${name}.yaml`)));
    const c = m.compile("nevp-2025-30");
    const plan = buildDrawPlan(wide, c, Object.keys(wild));
    const values = new Float64Array(plan.dims);
    const buf = new Float64Array(c.params.length);
    let clamped = 0;
    for (let i = 0; i < 40; i++) {
      drawAt(plan, 7, i, values);
      applyDraws(plan, c.params, values, buf);
      for (let d = 0; d < plan.dims; d++) {
        const p = plan.parameters[d];
        for (let r = plan.rowStart[d]; r < plan.rowStart[d + 1]; r++)
          for (let t = 0; t < c.nYears; t++) {
            const x = buf[plan.rows[r] + t];
            expect(inDomain(p.domain, x), `${p.name} drawn as ${x}`).toBe(true);
            if (x === p.bounds[0] || x === p.bounds[1]) clamped++;
          }
      }
      expect(physicalViolations(m.evaluate(c, buf).out, c.nYears, c.baseYear).map(violationText)).toEqual([]);
    }
    // The distributions did reach beyond the domain: the clamp was exercised.
    expect(clamped).toBeGreaterThan(0);
  });
});
