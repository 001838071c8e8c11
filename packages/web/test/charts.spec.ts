// The results charts are declared as data: each names the metric ids it reads and shows only when they exist.
import { describe, expect, it } from "vitest";
import { METRICS } from "@evplan/core";
import { CHARTS, missingMetrics } from "../src/charts";
import { arrange, niceStep, valueScale, type PlotOption, type PlotSeries } from "../src/plot";

describe("chart declarations", () => {
  it("name only metric ids the core produces today", () => {
    const ids = new Set<string>(METRICS.map((m) => m.id));
    for (const c of CHARTS) for (const m of c.metrics) expect(ids.has(m), `${c.id}: ${m}`).toBe(true);
    expect(CHARTS.map((c) => c.id)).toEqual(["share", "fleet", "co2", "ledger", "oil", "chargers", "peak", "battery", "jobs"]);
  });

  it("report the metrics a chart lacks, so that it shows a placeholder instead", () => {
    expect(missingMetrics({ metrics: ["ev_sales_share"] })).toEqual([]);
    expect(missingMetrics({ metrics: ["ev_sales_share", "hydrogen_demand"] })).toEqual(["hydrogen_demand"]);
  });
});

describe("the page's chart renderer (plot.ts): what it draws, before any pixel", () => {
  const chart = (palette: string[], series: PlotSeries[], yAxis: PlotOption["yAxis"] = { type: "value" }): PlotOption => ({
    color: palette,
    grid: { left: 60, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "category", data: [2025, 2026, 2027] },
    yAxis,
    series,
  });

  it("steps its value axes as ECharts does: 1, 2, 3, 5 or 10 times a power of ten", () => {
    expect([0.23, 0.35, 0.8, 1.4, 1.5, 9.4, 548, 7000].map(niceStep)).toEqual([0.2, 0.3, 1, 1, 2, 10, 500, 10000]);
    expect(valueScale(3, 47)).toEqual({ min: 0, max: 50, ticks: [0, 10, 20, 30, 40, 50] });
    // Zero is on the axis, below and above it.
    expect(valueScale(-480, 2260)).toMatchObject({ min: -500, max: 2500 });
    expect(valueScale(12, 14).min).toBe(0);
    // A fixed range (the share chart's 0-100%) is kept, with ticks that print cleanly.
    expect(valueScale(0.02, 0.64, { min: 0, max: 1 }).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("stacks bars with positives and negatives apart, and fits the axis to the stacks", () => {
    const a = arrange(
      chart(
        ["red", "blue", "green"],
        [
          { name: "outlay", type: "bar", stack: "s", data: [10, 20, 30] },
          { name: "revenue", type: "bar", stack: "s", data: [-5, -6, -7] },
          { name: "more", type: "bar", stack: "s", data: [1, 2, 3] },
          { name: "net", type: "line", data: [6, 16, 26] },
        ],
      ),
    );
    expect(a.laid.map((x) => x.base)).toEqual([[0, 0, 0], [0, 0, 0], [10, 20, 30], null]);
    expect(a.scales[0]).toMatchObject({ min: -10, max: 40 });
    // Each series takes its chart's palette in order.
    expect(a.laid.map((x) => x.color)).toEqual(["red", "blue", "green", "red"]);
  });

  it("stacks areas on those before them, and leaves series switched off out of the axes", () => {
    const o = chart(
      ["grey", "teal"],
      [
        { name: "ice", type: "line", stack: "fleet", areaStyle: {}, data: [100, 90, 80] },
        { name: "bev", type: "line", stack: "fleet", areaStyle: {}, data: [1, 30, 300] },
      ],
    );
    expect(arrange(o).laid[1].base).toEqual([100, 90, 80]);
    expect(arrange(o).scales[0].max).toBe(400);
    const off = arrange(o, new Set(["bev"]));
    expect(off.laid.map((x) => x.s.name)).toEqual(["ice"]);
    expect(off.scales[0].max).toBe(100);
  });

  it("puts points given as [year, value] in their year, and scales a second axis on its own", () => {
    const a = arrange(
      chart(
        ["black"],
        [
          { name: "targets", type: "scatter", data: [["2026", 0.3]] },
          { name: "cumulative", type: "line", yAxisIndex: 1, data: [1000, 2000, 3000] },
        ],
        [{ type: "value" }, { type: "value" }],
      ),
    );
    expect(a.laid[0].values).toEqual([null, 0.3, null]);
    expect(a.scales[0].max).toBeCloseTo(0.3, 12);
    expect(a.scales[1]).toMatchObject({ min: 0, max: 3000 });
  });
});
