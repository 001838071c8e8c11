// The results charts are declared as data: each names the metric ids it reads and shows only when they exist.
import { describe, expect, it } from "vitest";
import { METRICS } from "@evplan/core";
import { CHARTS, missingMetrics } from "../src/charts";

describe("chart declarations", () => {
  it("name only metric ids the core produces today", () => {
    const ids = new Set(METRICS.map((m) => m.id));
    for (const c of CHARTS) for (const m of c.metrics) expect(ids.has(m), `${c.id}: ${m}`).toBe(true);
    expect(CHARTS.map((c) => c.id)).toEqual(["share", "fleet", "co2", "ledger", "oil", "chargers", "peak", "battery", "jobs"]);
  });

  it("report the metrics a chart lacks, so that it shows a placeholder instead", () => {
    expect(missingMetrics({ metrics: ["ev_sales_share"] })).toEqual([]);
    expect(missingMetrics({ metrics: ["ev_sales_share", "hydrogen_demand"] })).toEqual(["hydrogen_demand"]);
  });
});
