import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputError, Model, metricValue, parseYaml, type ScenarioSource } from "@evplan/core";
import { memoryScenarios, tinyRegistry } from "../../../../test/fixtures/tiny-pack.js";

const registry = tinyRegistry();
const builtIn = memoryScenarios({ reference: { name: "reference", counterfactual: null } });
const model = new Model(registry, builtIn);

function fromText(text: string): ScenarioSource {
  const p = parseYaml(text, "scenarios/test.yaml");
  return { file: "scenarios/test.yaml", data: p.data, locate: p.locate };
}

function issues(text: string) {
  try {
    model.compile("test", fromText(text));
  } catch (e) {
    if (e instanceof InputError) return e.issues;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("scenario overrides", () => {
  it("replace a path from the first overridden year on and interpolate from the earlier value", () => {
    const c = model.compile(
      "t",
      fromText(`name: t
extends: reference
overrides:
  adoption.target_ev_share.car:
    interpolation: linear
    values: {2030: 0.7}
`),
    );
    const r = model.evaluate(c);
    expect(metricValue(r, "ev_sales_share", "car", 2025)).toBeCloseTo(0.2, 12);
    expect(metricValue(r, "ev_sales_share", "car", 2027)).toBeCloseTo(0.2 + (0.5 * 2) / 5, 12);
    expect(metricValue(r, "ev_sales_share", "car", 2035)).toBeCloseTo(0.7, 12);
    expect(metricValue(r, "ev_sales_share", "bus", 2035)).toBeCloseTo(0.2, 12);
  });

  it("apply a scalar to every key of an indexed parameter, and take per-key maps", () => {
    const c = model.compile("t", fromText(`name: t\noverrides:\n  adoption.target_ev_share: {2026: 0.5}\n  adoption.hev_share: {2026: {car: 0.1}}\n`));
    const r = model.evaluate(c);
    expect(metricValue(r, "ev_sales_share", "truck", 2026)).toBeCloseTo(0.5, 12);
    expect(metricValue(r, "sales", "car", 2026, "hev")).toBeCloseTo(1100 * 0.1, 9);
    expect(metricValue(r, "sales", "bus", 2026, "hev")).toBe(0);
  });

  it("inherit from the parent and default the counterfactual to reference", () => {
    const c = model.compile("t", fromText(`name: t\nextends: reference\n`));
    expect(c.counterfactual).toBe("reference");
    expect(model.compile("reference").counterfactual).toBeNull();
  });
});

describe("bad scenarios give a clear error naming file, line and field", () => {
  it("unknown parameter, with a suggestion", () => {
    const [i] = issues(`name: t\noverrides:\n  adoption.target_share: {2030: 0.5}\n`);
    expect(i).toMatchObject({ file: "scenarios/test.yaml", line: 3, field: "overrides.adoption.target_share" });
    expect(i.message).toMatch(/unknown parameter/);
  });
  it("wrong unit", () => {
    const [i] = issues(`name: t\noverrides:\n  economy.oil_price:\n    unit: USD/L\n    values: {2030: 90}\n`);
    expect(i).toMatchObject({ line: 4, field: "overrides.economy.oil_price.unit" });
    expect(i.message).toMatch(/USD\/bbl/);
  });
  it("a share above 1", () => {
    const [i] = issues(`name: t\noverrides:\n  adoption.target_ev_share.car: {2030: 1.2}\n`);
    expect(i.line).toBe(3);
    expect(i.message).toMatch(/outside \[0, 1\]/);
  });
  it("a year outside the horizon", () => {
    const [i] = issues(`name: t\nend_year: 2050\noverrides:\n  economy.oil_price: {2055: 90}\n`);
    expect(i.field).toBe("overrides.economy.oil_price.2055");
    expect(i.message).toMatch(/outside the horizon 2025-2050/);
  });
  it("wrong type", () => {
    const [i] = issues(`name: t\nend_year: "soon"\n`);
    expect(i).toMatchObject({ line: 2, field: "end_year" });
  });
  it("an unknown key at the top level", () => {
    const [i] = issues(`name: t\noverride: {}\n`);
    expect(i).toMatchObject({ line: 2, field: "override" });
    expect(i.message).toMatch(/unknown key "override"/);
  });
  it("malformed YAML", () => {
    expect(() => fromText(`name: t\noverrides: {a: 1\n`)).toThrow(InputError);
    try {
      fromText(`name: t\n  bad indent: [\n`);
    } catch (e) {
      expect((e as InputError).issues[0].file).toBe("scenarios/test.yaml");
      expect((e as InputError).issues[0].line).toBeGreaterThan(0);
    }
  });
  it("an unknown metric in a target, and an unknown parent", () => {
    expect(issues(`name: t\ntargets: [{metric: happiness, year: 2030, value: 1}]\n`)[0].field).toBe("targets.0.metric");
    expect(issues(`name: t\nextends: nowhere\n`)[0].message).toMatch(/unknown scenario "nowhere"/);
  });
});

describe("malformed scenarios never crash", () => {
  const keys = ["name", "extends", "overrides", "targets", "mode", "end_year", "base_year", "ev_powertrains", "counterfactual", "junk"];
  const anyValue = fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer({ min: 1900, max: 2200 }),
    fc.constant(null),
    fc.array(fc.oneof(fc.string(), fc.double(), fc.record({ metric: fc.string(), year: fc.integer(), value: fc.double() }))),
    fc.dictionary(
      fc.oneof(fc.constantFrom("adoption.target_ev_share", "economy.oil_price", "adoption.hev_share.car", "nope"), fc.string()),
      fc.oneof(fc.double(), fc.dictionary(fc.constantFrom("2030", "2040", "1999", "x"), fc.oneof(fc.double(), fc.string()))),
    ),
  );
  it("random documents either compile or raise InputError with file and field", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), anyValue), (doc) => {
        try {
          model.compile("t", { file: "scenarios/random.yaml", data: doc });
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          for (const i of (e as InputError).issues) {
            expect(i.file).toBe("scenarios/random.yaml");
            expect(typeof i.message).toBe("string");
          }
        }
      }),
      { numRuns: 400 },
    );
  });
  it("random text either parses or raises InputError", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          model.compile("t", fromText(text));
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
