import { describe, expect, it } from "vitest";
import { buildRegistry, InputError, parseYaml, valueAt } from "@evplan/core";

function fromYaml(text: string, name = "test.param") {
  const p = parseYaml(text, "data/test/param.yaml");
  return buildRegistry([{ name, file: "data/test/param.yaml", data: p.data, locate: p.locate }]);
}

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.issues;
    throw e;
  }
  throw new Error("expected an InputError");
}

const good = `description: A test parameter.
label: Test
unit: fraction
index: segment
values:
  2025: {two_wheeler: 0.1, three_wheeler: 0.1, car: 0.1, lcv: 0.1, bus: 0.1, truck: 0.1}
reference:
  - title: A report
    publisher: A publisher
    date: 2025-06-01
    url: https://example.org/report
kind: behaviour
`;

describe("parameter files", () => {
  it("expand an indexed parameter into one series per key", () => {
    const r = fromYaml(good);
    expect(r.series.get("test.param.car")?.values).toEqual([0.1]);
    expect(r.parameters.get("test.param")?.series).toHaveLength(6);
  });

  it("refuse an unknown key, naming file, line and key (the schema is closed)", () => {
    const issues = issuesOf(() => fromYaml(good.replace("label: Test", "label: Test\nsource: somewhere")));
    expect(issues[0].file).toBe("data/test/param.yaml");
    expect(issues[0].message).toMatch(/unknown key "source"/);
    expect(issues[0].line).toBeDefined();
  });

  it("refuse a key misplaced inside a reference", () => {
    const issues = issuesOf(() => fromYaml(good.replace("    url: https://example.org/report", "    url: https://example.org/report\n    unit: fraction")));
    expect(issues[0].field).toBe("reference.0.unit");
    expect(issues[0].line).toBe(12);
  });

  it("require a reference or an assumption", () => {
    const text = good.slice(0, good.indexOf("reference:")) + "kind: behaviour\n";
    const issues = issuesOf(() => fromYaml(text));
    expect(issues[0].message).toMatch(/reference.*assumption/);
    expect(() => fromYaml(text + "assumption: Chosen for the test because nothing is published on it.\n")).not.toThrow();
  });

  it("refuse a value outside the unit's domain, with its line", () => {
    const issues = issuesOf(() => fromYaml(good.replace("car: 0.1", "car: 1.5")));
    expect(issues[0].message).toMatch(/outside the domain/);
    expect(issues[0].line).toBe(6);
  });

  it("require a kind: policy, or the context the parameter describes", () => {
    expect(fromYaml(good).parameters.get("test.param")?.kind).toBe("behaviour");
    expect(issuesOf(() => fromYaml(good.replace("kind: behaviour\n", "")))[0].field).toBe("kind");
    const wrong = issuesOf(() => fromYaml(good.replace("kind: behaviour", "kind: weather")));
    expect(wrong[0].message).toMatch(/kind must be one of policy, economy, prices, technology, behaviour, observed/);
  });

  it("refuse a missing segment and an unknown unit", () => {
    expect(issuesOf(() => fromYaml(good.replace("truck: 0.1", "")))[0].message).toMatch(/missing segment "truck"/);
    expect(issuesOf(() => fromYaml(good.replace("unit: fraction", "unit: furlongs")))[0].field).toBe("unit");
  });
});

describe("dated values", () => {
  it("step: a value holds until the next date; linear: interpolates; flat outside", () => {
    const years = [2025, 2030];
    const values = [0, 10];
    expect(valueAt(years, values, "step", 2029)).toBe(0);
    expect(valueAt(years, values, "linear", 2027)).toBeCloseTo(4, 12);
    expect(valueAt(years, values, "linear", 2040)).toBe(10);
    expect(valueAt(years, values, "step", 2020)).toBe(0);
  });
});
