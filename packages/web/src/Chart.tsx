// One chart figure: title, unit, HTML legend, PNG and SVG export, and the chart: drawn by the page's board (a
// canvas of its own in the box marked `data-slot`, board.ts and plot.ts), or, for the on-demand panels, an ECharts
// chart of its own, updated in place (never re-created) when its option changes. ECharts is loaded on first use.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ECharts, EChartsCoreOption } from "echarts/core";
import { applyOption, nothingShown } from "./chart-update";
import { saveUrl } from "./files";
import { CHART_FONT } from "./charts";
import type { Strings } from "./i18n";
import { fontDataUrl } from "./fonts";

/** ECharts with every part the on-demand charts and exported files use: a chunk of its own, loaded once. */
let echartsChunk: Promise<typeof import("echarts/core")> | null = null;
export const loadECharts = () => (echartsChunk ??= import("./chart-export-parts").then((m) => m.echarts));

export interface ChartProps {
  id: string;
  title: string;
  /** Unit line under the title. */
  unit?: string;
  option: EChartsCoreOption | null;
  docAnchor: string;
  /** Shown instead of the chart when the metrics it needs are not in the model yet. */
  placeholder?: string | null;
  /**
   * Drawn by a board laid over the figures: the figure then only marks out the chart's box (`data-slot`), forwards
   * the pointer over it, and reports legend clicks.
   */
  board?: BoardLink;
  /** Interface strings (data table, legend, the method link and export buttons). */
  t: Strings;
  /** The scenario the chart shows, printed on exported files and in their names. */
  scenario?: { label: string; file: string };
  /** The chart's numbers as a table, when the generic reading of the option would not say it well. */
  table?: { head: string[]; rows: string[][] };
}

export interface BoardLink {
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
  areaStyle?: { color?: string };
  lineStyle?: { color?: string; type?: string; opacity?: number };
  itemStyle?: { color?: string; borderColor?: string };
  legend?: false;
};

/**
 * The legend is drawn as HTML beside the canvas, not by ECharts: it does not change when a slider moves, and an
 * ECharts legend costs about a millisecond per chart on every redraw. Clicking an entry still toggles its series.
 */
export function legendItems(option: EChartsCoreOption | null): LegendItem[] {
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
          : (x.areaStyle?.color ?? x.lineStyle?.color ?? x.itemStyle?.color ?? palette[i % Math.max(1, palette.length)] ?? "#0f766e"),
      // A band (an area with no line) is shown as a swatch of its fill.
      kind:
        x.type === "bar" || (x.areaStyle?.color && x.lineStyle?.opacity === 0)
          ? "bar"
          : x.type === "scatter"
            ? "marker"
            : x.lineStyle?.type === "dashed"
              ? "dashed"
              : "line",
    }));
}

/** Memoised: a chart re-renders only when its option (or language) changes, not when the page around it does. */
export const Chart = memo(function Chart({ id, title, unit, option, docAnchor, placeholder, board, t, scenario, table }: ChartProps) {
  const [tableOpen, setTableOpen] = useState(false);
  const { method: methodLabel, exportPng: pngLabel, exportSvg: svgLabel } = t;
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const last = useRef<EChartsCoreOption | null>(null);
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
    let c: ECharts | null = null;
    let gone = false;
    const resize = () => c?.resize();
    loadECharts().then((echarts) => {
      if (gone) return;
      c = echarts.init(box, undefined, { renderer: "canvas" });
      chart.current = c;
      shown.current = nothingShown();
      draw();
      window.addEventListener("resize", resize);
    });
    return () => {
      gone = true;
      window.removeEventListener("resize", resize);
      c?.dispose();
      chart.current = null;
    };
  }, [placeholder, board]);
  // A layout effect: the chart is redrawn in the task that brought the new option, so the next frame shows it.
  useLayoutEffect(() => {
    if (!option) return;
    last.current = option;
    if (!board) draw();
  }, [option]);
  /** Files carry their own title, unit line, scenario and legend: the same option drawn once off screen. */
  const exportAs = async (type: "png" | "svg") => {
    if (!last.current || !el.current) return;
    const echarts = await loadECharts();
    const box = document.createElement("div");
    box.style.cssText = `position:fixed;left:-10000px;top:0;width:${Math.max(720, el.current.clientWidth)}px;height:${el.current.clientHeight + 110}px`;
    document.body.appendChild(box);
    const c = echarts.init(box, undefined, { renderer: type === "svg" ? "svg" : "canvas" });
    const grid = (last.current as { grid?: object }).grid ?? {};
    const rtl = document.documentElement.dir === "rtl";
    const sub = [unit, scenario?.label].filter(Boolean).join(" · ");
    c.setOption({
      ...last.current,
      backgroundColor: "#fff",
      textStyle: { fontFamily: CHART_FONT },
      title: {
        text: title,
        subtext: sub,
        left: rtl ? undefined : 8,
        right: rtl ? 8 : undefined,
        top: 4,
        textStyle: { fontSize: 15, color: "#0f172a", fontFamily: CHART_FONT },
        subtextStyle: { fontSize: 11.5, color: "#475569", fontFamily: CHART_FONT },
      },
      legend: {
        show: true,
        top: 58,
        left: 8,
        itemWidth: 14,
        itemHeight: 8,
        textStyle: { fontSize: 11, fontFamily: CHART_FONT },
        selected: Object.fromEntries([...hidden].map((n) => [n, false])),
      },
      grid: { ...grid, top: 112, bottom: 40 },
      graphic: [
        {
          type: "text",
          right: 8,
          bottom: 6,
          style: { text: `evplan · ${new Date().toISOString().slice(0, 10)}`, fill: "#64748b", fontSize: 10, fontFamily: CHART_FONT },
        },
      ],
    });
    let url = c.getDataURL({ type, pixelRatio: 2, backgroundColor: "#fff" });
    c.dispose();
    box.remove();
    // An SVG with Urdu text carries the bundled font, so that it renders the same outside the page.
    if (type === "svg" && /[\u0600-\u06ff]/.test(title + sub)) {
      const svg = decodeURIComponent(url.slice(url.indexOf(",") + 1));
      const font = await fontDataUrl();
      const style = `<style>@font-face{font-family:"Noto Naskh Arabic";src:url(${font}) format("woff2");}</style>`;
      url = `data:image/svg+xml;charset=UTF-8,${encodeURIComponent(svg.replace(/(<svg[^>]*>)/, `$1${style}`))}`;
    }
    saveUrl(url, `evplan-${scenario?.file ?? new Date().toISOString().slice(0, 10)}-${id}.${type}`);
  };
  return (
    <figure className="chart" data-chart={id}>
      <figcaption>
        <div className="chart-title">
          <span>{title}</span>
          {unit && <small>{unit}</small>}
        </div>
        <span className="chart-actions">
          <a
            href={docAnchor.includes(".html") ? `docs/${docAnchor}` : `docs/model.html#${docAnchor}`}
            target="_blank"
            rel="noreferrer"
            aria-label={`${methodLabel}: ${title}`}
          >
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
          <ul className="legend" aria-label={t.legend}>
            {legend.map((l) => (
              <li key={l.name}>
                <button type="button" className={hidden.has(l.name) ? "off" : ""} onClick={() => toggle(l.name)} aria-pressed={!hidden.has(l.name)}>
                  <i className={`key ${l.kind}`} style={{ color: l.color }} />
                  {l.name}
                </button>
              </li>
            ))}
          </ul>
          {board ? <div ref={el} className="chart-canvas" data-slot={id} /> : <div ref={el} className="chart-canvas" />}
          <details className="chart-data" onToggle={(e) => setTableOpen((e.currentTarget as HTMLDetailsElement).open)}>
            <summary>{t.dataTable}</summary>
            {tableOpen && <DataTable option={last.current ?? option} table={table} caption={title} yearLabel={t.year} />}
          </details>
        </>
      )}
    </figure>
  );
});

/** Reads a chart's option as a table: one row per category (year), one column per named series. */
export function optionTable(option: EChartsCoreOption | null, yearLabel: string): { head: string[]; rows: string[][] } | null {
  if (!option) return null;
  const o = option as {
    xAxis?: { type?: string; data?: unknown[] } | { type?: string; data?: unknown[] }[];
    yAxis?: { type?: string; data?: unknown[] } | { type?: string; data?: unknown[] }[];
    series?: (SeriesOption & { data?: unknown[]; tooltip?: { show?: boolean } })[];
    tooltip?: { valueFormatter?: (v: number) => string };
  };
  const first = <T,>(x: T | T[] | undefined) => (Array.isArray(x) ? x[0] : x);
  const x = first(o.xAxis);
  const y = first(o.yAxis);
  const cat = x?.type === "category" ? x : y?.type === "category" ? y : null;
  if (!cat?.data) return null;
  const cats = cat.data.map(String);
  const fmt = o.tooltip?.valueFormatter ?? ((v: number) => String(v));
  const series = (o.series ?? []).filter((s) => s.name && s.legend !== false && s.data);
  const value = (s: (typeof series)[number], i: number): string => {
    const d = s.data!;
    if (d.length && Array.isArray(d[0])) {
      const hit = (d as [unknown, number][]).find((p) => String(p[0]) === cats[i]);
      return hit ? fmt(hit[1]) : "";
    }
    const v = d[i];
    return typeof v === "number" ? fmt(v) : "";
  };
  return { head: [yearLabel, ...series.map((s) => s.name!)], rows: cats.map((c, i) => [c, ...series.map((s) => value(s, i))]) };
}

function DataTable({
  option,
  table,
  caption,
  yearLabel,
}: {
  option: EChartsCoreOption | null;
  table?: { head: string[]; rows: string[][] };
  caption: string;
  yearLabel: string;
}) {
  const tab = table ?? optionTable(option, yearLabel);
  if (!tab) return null;
  return (
    <div className="table-wrap data-table">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {tab.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tab.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    <bdi>{c}</bdi>
                  </th>
                ) : (
                  <td key={j}>
                    <bdi dir="ltr">{c}</bdi>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
