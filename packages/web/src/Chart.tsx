// One chart figure: title, unit, HTML legend, PNG and SVG export, and the chart: an ECharts chart of its own,
// updated in place (never re-created) when its option changes, or a box that a ChartBoard draws over (board.ts).
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GraphicComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer, CanvasRenderer } from "echarts/renderers";
import { applyOption, nothingShown } from "./chart-update";
import { saveUrl } from "./exports";

// Only what the charts on the page use: every registered component type is visited on every update of every chart.
// The title and the caption of exported files are registered on the first export (see exportAs).
echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer, CanvasRenderer]);

export interface ChartProps {
  id: string;
  title: string;
  /** Unit line under the title. */
  unit?: string;
  option: echarts.EChartsCoreOption | null;
  docAnchor: string;
  methodLabel: string;
  pngLabel: string;
  svgLabel?: string;
  /** Shown instead of the chart when the metrics it needs are not in the model yet. */
  placeholder?: string | null;
  /**
   * Drawn by a board laid over the figures: the figure then only marks out the chart's box (`data-slot`), forwards
   * the pointer over it, and reports legend clicks.
   */
  board?: BoardLink;
}

export interface BoardLink {
  pointer(kind: "mousemove" | "mouseout", clientX: number, clientY: number): void;
  toggle(id: string, name: string): void;
}

interface LegendItem {
  name: string;
  color: string;
  kind: "line" | "dashed" | "bar" | "marker";
}

type SeriesOption = {
  name?: string;
  type?: string;
  lineStyle?: { color?: string; type?: string; opacity?: number };
  itemStyle?: { color?: string; borderColor?: string };
  legend?: false;
};

/**
 * The legend is drawn as HTML beside the canvas, not by ECharts: it does not change when a slider moves, and an
 * ECharts legend costs about a millisecond per chart on every redraw. Clicking an entry still toggles its series.
 */
function legendItems(option: echarts.EChartsCoreOption | null): LegendItem[] {
  if (!option) return [];
  const palette = ((option as { color?: string[] }).color ?? []) as string[];
  const series = ((option as { series?: SeriesOption[] }).series ?? []) as SeriesOption[];
  return series
    .map((x, i) => ({ x, i }))
    .filter(({ x }) => x.name && x.legend !== false)
    .map(({ x, i }) => ({
      name: x.name!,
      color:
        x.type === "scatter"
          ? (x.itemStyle?.borderColor ?? "#0f172a")
          : (x.lineStyle?.color ?? x.itemStyle?.color ?? palette[i % Math.max(1, palette.length)] ?? "#0f766e"),
      kind: x.type === "bar" ? "bar" : x.type === "scatter" ? "marker" : x.lineStyle?.type === "dashed" ? "dashed" : "line",
    }));
}

/** Memoised: a chart re-renders only when its option (or language) changes, not when the page around it does. */
export const Chart = memo(function Chart({ id, title, unit, option, docAnchor, methodLabel, pngLabel, svgLabel = "SVG", placeholder, board }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const last = useRef<echarts.EChartsCoreOption | null>(null);
  const shown = useRef(nothingShown());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const legendKey = JSON.stringify(legendItems(option));
  const legend = useMemo(() => JSON.parse(legendKey) as LegendItem[], [legendKey]);
  const toggle = (name: string) => {
    if (board) board.toggle(id, name);
    else chart.current?.dispatchAction({ type: "legendToggleSelect", name });
    setHidden((h) => {
      const n = new Set(h);
      if (n.has(name)) n.delete(name);
      else n.add(name);
      return n;
    });
  };
  function draw(): void {
    if (!chart.current || !last.current) return;
    shown.current = applyOption(chart.current, last.current, shown.current, hidden);
  }

  useEffect(() => {
    const box = el.current;
    if (!box || board) return;
    const c = echarts.init(box, undefined, { renderer: "canvas" });
    chart.current = c;
    shown.current = nothingShown();
    draw();
    const resize = () => c.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      c.dispose();
      chart.current = null;
    };
  }, [placeholder, board]);
  // A layout effect: the chart is redrawn in the task that brought the new option, so the next frame shows it.
  useLayoutEffect(() => {
    if (!option) return;
    last.current = option;
    if (!board) draw();
  }, [option]);
  /** Files carry their own title, unit line and legend: the same option drawn once off screen. */
  const exportAs = (type: "png" | "svg") => {
    if (!last.current || !el.current) return;
    echarts.use([TitleComponent, GraphicComponent]);
    const box = document.createElement("div");
    box.style.cssText = `position:fixed;left:-10000px;top:0;width:${Math.max(640, el.current.clientWidth)}px;height:${el.current.clientHeight + 90}px`;
    document.body.appendChild(box);
    const c = echarts.init(box, undefined, { renderer: type === "svg" ? "svg" : "canvas" });
    const grid = (last.current as { grid?: object }).grid ?? {};
    c.setOption({
      ...last.current,
      backgroundColor: "#fff",
      title: { text: title, subtext: unit, left: 8, top: 4, textStyle: { fontSize: 14, color: "#0f172a" }, subtextStyle: { fontSize: 11, color: "#64748b" } },
      legend: {
        show: true,
        top: 50,
        left: 8,
        itemWidth: 14,
        itemHeight: 8,
        textStyle: { fontSize: 11 },
        selected: Object.fromEntries([...hidden].map((n) => [n, false])),
      },
      grid: { ...grid, top: 100, bottom: 40 },
      graphic: [{ type: "text", right: 8, bottom: 6, style: { text: "evplan · Pakistan EV transition planner", fill: "#94a3b8", fontSize: 10 } }],
    });
    const url = c.getDataURL({ type, pixelRatio: 2, backgroundColor: "#fff" });
    c.dispose();
    box.remove();
    saveUrl(url, `evplan-${id}.${type}`);
  };
  return (
    <figure className="chart" data-chart={id}>
      <figcaption>
        <div className="chart-title">
          <span>{title}</span>
          {unit && <small>{unit}</small>}
        </div>
        <span className="chart-actions">
          <a href={`docs/model.md#${docAnchor}`} target="_blank" rel="noreferrer" title="docs/model.md">
            {methodLabel}
          </a>
          <button type="button" onClick={() => exportAs("png")} disabled={!!placeholder} aria-label={`${pngLabel} ${title}`} data-testid={`png-${id}`}>
            {pngLabel}
          </button>
          <button type="button" onClick={() => exportAs("svg")} disabled={!!placeholder} aria-label={`${svgLabel} ${title}`} data-testid={`svg-${id}`}>
            {svgLabel}
          </button>
        </span>
      </figcaption>
      {placeholder ? (
        <div className="chart-placeholder" data-testid={`placeholder-${id}`}>
          {placeholder}
        </div>
      ) : (
        <>
          <ul className="legend" aria-label="legend">
            {legend.map((l) => (
              <li key={l.name}>
                <button type="button" className={hidden.has(l.name) ? "off" : ""} onClick={() => toggle(l.name)} aria-pressed={!hidden.has(l.name)}>
                  <i className={`key ${l.kind}`} style={{ color: l.color }} />
                  {l.name}
                </button>
              </li>
            ))}
          </ul>
          {board ? (
            <div
              ref={el}
              className="chart-canvas"
              data-slot={id}
              onPointerMove={(e) => board.pointer("mousemove", e.clientX, e.clientY)}
              onPointerLeave={(e) => board.pointer("mouseout", e.clientX, e.clientY)}
            />
          ) : (
            <div ref={el} className="chart-canvas" />
          )}
        </>
      )}
    </figure>
  );
});
