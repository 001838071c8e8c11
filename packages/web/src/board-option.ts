// The result charts composed into one ECharts option: one grid per chart, placed over the chart's box on the page.
// Why: most of the cost of redrawing an ECharts chart is per instance (merging the option, the pipeline, painting
// the canvas), so nine charts in one instance redraw in well under the time of nine instances (docs/web.md).
// Each chart's option (charts.ts) stays the single description of the chart; exports still draw it on its own.

/** Where a chart's box is, in pixels from the board's top left corner. */
export interface Slot {
  readonly id: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

interface Grid {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
}

interface ChartOption {
  color?: string[];
  grid?: Grid;
  xAxis?: object | object[];
  yAxis?: object | object[];
  tooltip?: { valueFormatter?: (v: number) => string };
  series?: Series[];
}

interface Series {
  type?: string;
  name?: string;
  stack?: string;
  data?: unknown;
  yAxisIndex?: number;
  itemStyle?: { color?: string };
  tooltip?: object;
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/**
 * One option for all charts in `slots` (a chart whose option is null is left out). Each chart's grid margins are
 * kept inside its slot; its axes and series are re-indexed to its grid; stacks are made distinct per chart; each
 * series takes its colour from its chart's palette and its chart's tooltip format; series named in `hidden` (the
 * legend entries switched off) are drawn without data.
 */
export function composeBoard(
  slots: readonly Slot[],
  options: Readonly<Record<string, object | null>>,
  hidden: Readonly<Record<string, ReadonlySet<string>>> = {},
) {
  const grid: object[] = [];
  const xAxis: object[] = [];
  const yAxis: object[] = [];
  const series: object[] = [];
  for (const slot of slots) {
    const o = options[slot.id] as ChartOption | null | undefined;
    if (!o) continue;
    const g = grid.length;
    const m = o.grid ?? {};
    grid.push({
      left: slot.left + (m.left ?? 0),
      top: slot.top + (m.top ?? 0),
      width: Math.max(1, slot.width - (m.left ?? 0) - (m.right ?? 0)),
      height: Math.max(1, slot.height - (m.top ?? 0) - (m.bottom ?? 0)),
      outerBoundsMode: "none",
    });
    for (const x of list(o.xAxis)) xAxis.push({ ...x, gridIndex: g });
    const y0 = yAxis.length;
    for (const y of list(o.yAxis)) yAxis.push({ ...y, gridIndex: g });
    const palette = o.color ?? [];
    const off = hidden[slot.id];
    (o.series ?? []).forEach((s, i) => {
      series.push({
        ...s,
        // Each chart's own palette, where the series does not set its colour.
        itemStyle: { color: palette[i % Math.max(1, palette.length)], ...s.itemStyle },
        xAxisIndex: g,
        yAxisIndex: y0 + (s.yAxisIndex ?? 0),
        stack: s.stack === undefined ? undefined : `${slot.id}:${s.stack}`,
        tooltip: { valueFormatter: o.tooltip?.valueFormatter, ...s.tooltip },
        data: s.name !== undefined && off?.has(s.name) ? [] : s.data,
        // Lines stay inside their axes' ranges (the share axis is 0-100%, the rest fit their data): no clip path
        // to build for every line on every redraw (a twentieth of a redraw, profiled).
        ...(s.type === "line" ? { clip: false } : {}),
      });
    });
  }
  return {
    animation: false,
    textStyle: { fontFamily: "inherit" },
    grid,
    xAxis,
    yAxis,
    series,
    tooltip: {
      trigger: "axis",
      textStyle: { fontSize: 12 },
      position: (point: number[], _p: unknown, _d: unknown, _r: unknown, size: { contentSize: number[] }) => placeTooltip(slots, point, size.contentSize),
    },
  };
}

/** Beside the pointer, kept within the chart under it (as `confine` would keep it within a chart of its own). */
export function placeTooltip(slots: readonly Slot[], [x, y]: number[], [w, h]: number[]): [number, number] {
  const s = slots.find((b) => x >= b.left && x <= b.left + b.width && y >= b.top && y <= b.top + b.height);
  if (!s) return [x + 16, y + 16];
  const left = x + 16 + w <= s.left + s.width ? x + 16 : x - 16 - w;
  const top = Math.min(Math.max(s.top, y - h / 2), s.top + s.height - h);
  return [Math.max(s.left, left), Math.max(s.top, top)];
}
