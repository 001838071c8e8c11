// The worker's build-time compiled presets (vite.config.ts writes them with encodeCompiled; the worker reads them
// back with decodeCompiled): read back bit for bit, and a planner run from them equal to one from a fresh
// compilation of the scenario files.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { Model, storedParameter } from "@evplan/core";
import { listScenarioNames, openModel } from "@evplan/core/node";
import type { CheckedScenario } from "@evplan/core/runtime";
import { decodeCompiled, encodeCompiled } from "../src/compiled-form";
import { registryFromText } from "../src/pack";
import { PlannerModel } from "../src/planner";

const root = join(import.meta.dirname, "..", "..", "..");
const { model } = openModel({ data: join(root, "data", "pakistan"), scenarios: join(root, "scenarios") });
const names = listScenarioNames(join(root, "scenarios"));

/** Every float64 compared by its bits (NaN, -0 and infinities included), everything else deeply. */
function sameBits(a: unknown, b: unknown, path = "$"): void {
  if (a instanceof Float64Array || a instanceof Uint8Array) {
    expect(b, path).toBeInstanceOf(a.constructor);
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array((b as Float64Array).buffer, (b as Float64Array).byteOffset, (b as Float64Array).byteLength);
    expect(y.length, path).toBe(x.length);
    expect(Buffer.compare(Buffer.from(x), Buffer.from(y)), path).toBe(0);
  } else if (a instanceof Map) {
    expect(b, path).toBeInstanceOf(Map);
    expect([...(b as Map<unknown, unknown>).keys()], path).toEqual([...a.keys()]);
    for (const [k, v] of a) sameBits(v, (b as Map<unknown, unknown>).get(k), `${path}.${String(k)}`);
  } else if (typeof a === "number") expect(Object.is(a, b), `${path}: ${a} against ${String(b)}`).toBe(true);
  else if (a !== null && typeof a === "object") {
    expect(b, path).toBeTypeOf("object");
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    expect(Object.keys(b as object).sort(), path).toEqual(ka.sort());
    for (const k of ka) sameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else expect(b, path).toBe(a);
}

describe("build-time compiled presets", () => {
  it("lists every scenario", () => expect(names.length).toBeGreaterThan(5));

  it.each(names)("%s reads back bit for bit", (name) => {
    const checked = model.check(name);
    sameBits(checked, decodeCompiled(encodeCompiled(checked)));
  });

  it("reads back what JSON cannot hold: -0, infinities, NaN, bytes and maps", () => {
    // A NaN with a payload of its own, to check that values travel by their bits.
    const payload = new Float64Array(1);
    new Uint32Array(payload.buffer).set([1, 0x7ff80000]);
    const f = new Float64Array([-0, -0, 0, NaN, payload[0], payload[0], 2 ** -1074, Infinity, Infinity, 1, 1, 1]);
    const x = { a: -0, b: [Infinity, -Infinity, NaN, 1.5], f, empty: new Float64Array(0), u: new Uint8Array([0, 255]), m: new Map([["k", -0]]) };
    const back = decodeCompiled(encodeCompiled(x)) as typeof x;
    sameBits(x, back);
    expect(new Uint32Array(back.f.buffer)[8]).toBe(1);
  });

  it("keeps a preset to a fraction of its plain size (runs of equal values)", () => {
    const text = encodeCompiled(model.check("nevp-2025-30"));
    const plain = model.check("nevp-2025-30").scenario.params.byteLength * 4;
    expect(text.length).toBeLessThan(plain / 2);
  });

  it("reads the registry back with every parameter and series", () => {
    const stored = [...model.registry.parameters.values()].map(storedParameter);
    const back = registryFromText(encodeCompiled(stored));
    expect([...back.parameters.keys()]).toEqual([...model.registry.parameters.keys()]);
    expect([...back.series.keys()]).toEqual([...model.registry.series.keys()]);
    for (const s of back.series.values()) expect(back.parameters.get(s.parameter.name)?.series).toContain(s);
    sameBits(model.registry.parameters.get("policy.subsidy_scale")?.domain, back.parameters.get("policy.subsidy_scale")?.domain);
  });

  it("rejects a tag it does not know", () => {
    expect(() => decodeCompiled(JSON.stringify({ data: { a: 0 }, patches: [[["a"], "f32", "AAAA"]] }))).toThrow(/unknown tag f32/);
    expect(() => encodeCompiled({ a: new Float32Array(1) })).toThrow(/Float32Array has no compact form/);
  });

  it.each(["nevp-2025-30", "reference", "market-baseline"].filter((n) => names.includes(n)))(
    "%s: a planner run from the compiled form equals one from the scenario files, levers moved or not",
    (name) => {
      const compiled = new Map([[name, decodeCompiled(encodeCompiled(model.check(name))) as CheckedScenario]]);
      // No lookup: every scenario the run needs must come from the compiled form.
      const fromBuild = new PlannerModel(
        new Model(model.registry, () => undefined, { precompiled: (n, from) => (from ? undefined : compiled.get(n)) }),
        model.registry,
        2025,
      );
      const fresh = new PlannerModel(model, model.registry, 2025);
      const lever = fresh.levers.find((l) => l.series === "policy.subsidy_scale") ?? fresh.levers[0];
      for (const overrides of [{}, { [lever.series]: (lever.min + lever.max) / 2 }]) {
        const a = fresh.run(1, name, overrides, () => 0);
        const b = fromBuild.run(1, name, overrides, () => 0);
        sameBits(a.main, b.main);
        if (a.counterfactual) sameBits(a.counterfactual, b.counterfactual);
        else expect(b.counterfactual).toBeNull();
        expect(b.headlines).toEqual(a.headlines);
        expect(b.leverDefaults).toEqual(a.leverDefaults);
        expect(b.events).toEqual(a.events);
      }
    },
  );

  it("a preset's levers, worked out once per preset, are those of every run's reply, levers moved or not", () => {
    const planner = new PlannerModel(model, model.registry, 2025);
    const before = planner.presetLevers("nevp-2025-30");
    expect(Object.keys(before.leverDefaults).length).toBeGreaterThan(10);
    const lever = planner.levers.find((l) => l.series === "policy.subsidy_scale")!;
    const unmoved = before.leverDefaults[lever.series];
    for (const overrides of [{}, { [lever.series]: unmoved === lever.max ? lever.min : lever.max }]) {
      const r = planner.run(1, "nevp-2025-30", overrides, () => 0);
      // The controls' defaults stay the preset's own when a lever moves: the moved value is in `applied`.
      expect(r.leverDefaults).toEqual(before.leverDefaults);
      expect(r.leverYears).toEqual(before.leverYears);
      expect(r.leverPaths).toEqual(before.leverPaths);
    }
    expect(planner.run(1, "nevp-2025-30", { [lever.series]: lever.max }, () => 0).applied[lever.series]).not.toEqual(before.leverPaths[lever.series]);
    // Another preset has levers of its own, worked out from its own parameters.
    const other = names.find((n) => n !== "nevp-2025-30" && JSON.stringify(planner.presetLevers(n).leverPaths) !== JSON.stringify(before.leverPaths));
    expect(other).toBeDefined();
    expect(planner.presetLevers(other!)).toEqual({
      leverDefaults: planner.run(1, other!, {}, () => 0).leverDefaults,
      leverYears: planner.run(1, other!, {}, () => 0).leverYears,
      leverPaths: planner.run(1, other!, {}, () => 0).leverPaths,
    });
  });

  it("a warm-up run (the worker's, before the first move) changes nothing a later run gives", () => {
    const planner = new PlannerModel(model, model.registry, 2025);
    // No lever moved, a policy lever moved, and a context lever moved (which moves the counterfactual too).
    const context = planner.levers.find((l) => model.registry.series.get(l.series)?.parameter.kind !== "policy")!;
    expect(context).toBeDefined();
    const settings = [{}, { "policy.subsidy_scale": 2 }, { [context.series]: (context.min + context.max) / 2 }];
    for (const overrides of settings) {
      const before = planner.run(1, "nevp-2025-30", overrides, () => 0);
      const main = new Float64Array(before.main);
      const cf = before.counterfactual && new Float64Array(before.counterfactual);
      for (let i = 0; i < 3; i++) planner.warmRun("nevp-2025-30", overrides);
      const after = planner.run(2, "nevp-2025-30", overrides, () => 0);
      sameBits(main, after.main);
      if (cf) sameBits(cf, after.counterfactual);
      expect(after.counterfactualKey).toBe(before.counterfactualKey);
      expect(after.headlines).toEqual(before.headlines);
      // The warm-up writes into its own buffer, never into one a reply holds.
      sameBits(main, before.main);
    }
  });
});
