// Names look type-checked and are: a misspelled metric or parameter name does not compile (checked by
// `npm run typecheck`, which covers the specs), and a metric named at run time that does not exist throws.
import { describe, expect, it } from "vitest";
import { METRIC_INDEX, isMetricId, metricIndex, metricValue, Model, type ParamLayout } from "@evplan/core";
import { memoryScenarios, tinyRegistry } from "../../../../test/fixtures/tiny-pack.js";

describe("typed names", () => {
  it("a misspelled metric id or parameter name is a type error", () => {
    // @ts-expect-error: "salse" is not a metric id.
    const misspelled = METRIC_INDEX.salse;
    expect(misspelled).toBeUndefined();
    const layout = {} as ParamLayout;
    // @ts-expect-error: "energy.charging_efficiencyy" is not an engine input.
    const wrongInput = () => layout.one["energy.charging_efficiencyy"];
    // @ts-expect-error: a segment-indexed input is not a scalar.
    const wrongKind = () => layout.one["sales.base_year"];
    expect(typeof wrongInput).toBe("function");
    expect(typeof wrongKind).toBe("function");
    expect(METRIC_INDEX.sales).toBe(0);
  });

  it("a metric named at run time must exist: unknown ids throw instead of reading or writing index NaN", () => {
    expect(isMetricId("sales")).toBe(true);
    expect(isMetricId("salse")).toBe(false);
    expect(() => metricIndex("salse")).toThrow(/unknown metric "salse"/);
    const model = new Model(tinyRegistry(), memoryScenarios({ reference: { name: "reference", counterfactual: null, end_year: 2030 } }));
    const run = model.evaluate(model.compile("reference"));
    expect(() => metricValue(run, "salse", "total", 2026)).toThrow(/unknown metric/);
    expect(() => metricValue(run, "sales", "cars", 2026)).toThrow(/unknown segment/);
  });
});
