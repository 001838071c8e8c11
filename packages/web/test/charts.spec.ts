// The results charts are declared as data: each names the metric ids it reads and shows only when they exist.
import { describe, expect, it } from "vitest";
import { METRICS } from "@evplan/core";
import { CHARTS, missingMetrics } from "../src/charts";
import { composeBoard, placeTooltip, type Slot } from "../src/board-option";

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

describe("the board that draws every result chart in one ECharts instance", () => {
  const slots: Slot[] = [
    { id: "a", left: 0, top: 0, width: 400, height: 300 },
    { id: "b", left: 420, top: 0, width: 400, height: 300 },
    { id: "c", left: 0, top: 320, width: 400, height: 300 },
  ];
  const chart = (palette: string[], series: object[], yAxis: object | object[] = { type: "value" }) => ({
    color: palette,
    grid: { left: 60, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "category", data: [2025, 2026] },
    yAxis,
    tooltip: { valueFormatter: (v: number) => `${v} u` },
    series,
  });
  const options = {
    a: chart(
      ["red", "blue"],
      [
        { name: "x", type: "bar", stack: "s", data: [1, 2] },
        { name: "y", type: "bar", stack: "s", data: [3, 4], itemStyle: { color: "green" } },
      ],
    ),
    b: chart(
      ["black"],
      [
        { name: "x", type: "bar", stack: "s", data: [5, 6] },
        { name: "z", type: "line", yAxisIndex: 1, data: [7, 8] },
      ],
      [{ type: "value" }, { type: "value" }],
    ),
    c: null,
  };

  it("gives each chart its own grid inside its box, with its axes and series indexed to it", () => {
    const o = composeBoard(slots, options);
    expect(o.grid).toEqual([
      { left: 60, top: 10, width: 320, height: 260, outerBoundsMode: "none" },
      { left: 480, top: 10, width: 320, height: 260, outerBoundsMode: "none" },
    ]);
    expect(o.xAxis.map((x) => (x as { gridIndex: number }).gridIndex)).toEqual([0, 1]);
    expect(o.yAxis.map((y) => (y as { gridIndex: number }).gridIndex)).toEqual([0, 1, 1]);
    const s = o.series as { xAxisIndex: number; yAxisIndex: number; stack?: string; itemStyle: { color: string }; data: number[] }[];
    expect(s.map((x) => [x.xAxisIndex, x.yAxisIndex])).toEqual([
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 2],
    ]);
    // Stacks stay within their chart; colours come from the chart's palette unless the series sets its own.
    expect(s.map((x) => x.stack)).toEqual(["a:s", "a:s", "b:s", undefined]);
    expect(s.map((x) => x.itemStyle.color)).toEqual(["red", "green", "black", "black"]);
  });

  it("keeps each chart's tooltip format and draws series switched off in the legend without data", () => {
    const o = composeBoard(slots, options, { a: new Set(["x"]) });
    const s = o.series as { tooltip: { valueFormatter: (v: number) => string }; data: number[] }[];
    expect(s[0].data).toEqual([]);
    expect(s[1].data).toEqual([3, 4]);
    expect(s[2].data).toEqual([5, 6]); // the same name in another chart is not switched off
    expect(s[3].tooltip.valueFormatter(2)).toBe("2 u");
  });

  it("places the tooltip beside the pointer, inside the chart under it", () => {
    expect(placeTooltip(slots, [100, 100], [150, 80])).toEqual([116, 60]);
    // Near the right edge of chart a: to the left of the pointer.
    expect(placeTooltip(slots, [350, 100], [150, 80])).toEqual([184, 60]);
    // Near the bottom of chart b: kept above its bottom edge.
    expect(placeTooltip(slots, [500, 290], [150, 80])).toEqual([516, 220]);
  });
});
