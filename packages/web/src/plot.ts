// A small canvas renderer for the planner's result charts: it reads the same option objects charts.ts builds for
// ECharts (the subset those charts use: a category axis of years, one or two value axes, lines, stacked areas,
// stacked bars, scatter markers with labels, vertical event lines, an axis tooltip) and draws them on a canvas of
// the chart's own size. Why not ECharts on the page: a slider step redrew nine grids through ECharts' pipeline
// (option merge, layout, labels, painting one 972x2164 canvas), 60-70 ms of main-thread CPU on this machine; this
// draws a chart in well under a millisecond. ECharts still draws exported files (PNG, SVG) from the same options,
// loaded on the first export (docs/web.md, "Speed").

type Num = number | null | undefined;

interface AxisLabel {
  formatter?: (v: number) => string;
  color?: string;
  interval?: number;
}

interface ValueAxis {
  type?: string;
  min?: number;
  max?: number;
  axisLabel?: AxisLabel;
  splitLine?: { show?: boolean; lineStyle?: { color?: string } };
}

interface CategoryAxis {
  type?: string;
  data?: unknown[];
  axisLabel?: AxisLabel;
  axisTick?: { interval?: number };
  axisLine?: { lineStyle?: { color?: string } };
}

interface MarkLine {
  lineStyle?: { type?: string; color?: string; width?: number };
  label?: { color?: string; fontSize?: number };
  data?: { xAxis: string; label?: { formatter?: string } }[];
}

export interface PlotSeries {
  name?: string;
  type?: string;
  data?: unknown[];
  stack?: string;
  yAxisIndex?: number;
  z?: number;
  lineStyle?: { width?: number; type?: string; color?: string; opacity?: number };
  itemStyle?: { color?: string; borderColor?: string; borderWidth?: number };
  areaStyle?: { opacity?: number; color?: string };
  symbolSize?: number;
  label?: { show?: boolean; formatter?: (p: { value: [string, number] }) => string; fontSize?: number; color?: string };
  tooltip?: { show?: boolean };
  markLine?: MarkLine;
  barCategoryGap?: string;
}

export interface PlotOption {
  color?: string[];
  grid?: { left?: number; right?: number; top?: number; bottom?: number };
  xAxis?: CategoryAxis;
  yAxis?: ValueAxis | ValueAxis[];
  tooltip?: { valueFormatter?: (v: number) => string };
  series?: PlotSeries[];
}

/**
 * Sets the font of a canvas in the page, outside save()/restore(), so that it stays set: Chromium resolves a font
 * against the canvas element's style, bringing the page's styles up to date first, unless the font is already the
 * one set. Set inside save()/restore(), every label undid and redid it: at load, with the page's styles changing
 * under React, 70-170 ms of the first screen went to those updates (issue 18, docs/web.md).
 */
function setFont(ctx: CanvasRenderingContext2D, font: string): void {
  if (ctx.font !== font) ctx.font = font;
}
/** The font of the axis labels and the labels drawn on the chart (the page's stack, Urdu font first for Urdu). */
const FONT = '"Noto Naskh Arabic", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

/** ECharts' "nice" step: 1, 2, 3, 5 or 10 times a power of ten, rounded as its value axes round. */
export function niceStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const exp = Math.floor(Math.log10(x));
  const p = 10 ** exp;
  const f = x / p;
  const nf = f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10;
  // Rounded to the step's own precision (0.1 + 0.2 must not print as 0.30000000000000004).
  return Number((nf * p).toFixed(Math.max(0, -exp)));
}

/** A value axis over [lo, hi]: zero included (as ECharts' default), about five nice intervals. */
export function valueScale(lo: number, hi: number, fixed: { min?: number; max?: number } = {}): { min: number; max: number; ticks: number[] } {
  let a = Math.min(lo, 0);
  let b = Math.max(hi, 0);
  if (!Number.isFinite(a) || !Number.isFinite(b)) [a, b] = [0, 1];
  if (fixed.min !== undefined) a = fixed.min;
  if (fixed.max !== undefined) b = fixed.max;
  if (a === b) b = a + 1;
  const step = niceStep((b - a) / 5);
  const min = fixed.min ?? Math.floor(a / step) * step;
  const max = fixed.max ?? Math.ceil(b / step) * step;
  const ticks: number[] = [];
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(digits)));
  return { min, max, ticks };
}

const dash = (type: string | undefined, width: number): number[] =>
  type === "dashed" ? [Math.max(4, width * 2.5), Math.max(3, width * 2)] : type === "dotted" ? [Math.max(1, width), Math.max(2, width * 1.6)] : [];

/** A series with the numbers it draws: one value per category (null where it has none). */
export interface Laid {
  s: PlotSeries;
  index: number;
  color: string;
  values: Num[];
  /** Stacked series: the base each value sits on. */
  base: Num[] | null;
  axis: number;
}

export interface Layout {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly n: number;
  readonly band: number;
}

/**
 * Draws one chart option on a canvas of the host's size, and answers the pointer with the axis tooltip (an HTML
 * box over the canvas, so that hovering never repaints the chart).
 */
export class Plot {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly tip: HTMLDivElement;
  private readonly pointerLine: HTMLDivElement;
  private option: PlotOption | null = null;
  private hidden: ReadonlySet<string> = new Set();
  private laid: Laid[] = [];
  private layout: Layout | null = null;
  private cssW = 0;
  private cssH = 0;
  private textDirection: CanvasDirection = "ltr";
  /** The option has changed since the canvas was last painted. */
  dirty = false;
  /** The chart's frame as last drawn (grid, axis labels, category axis), and what it was drawn from. */
  private frame: HTMLCanvasElement | null = null;
  private frameKey = "";

  constructor(private readonly host: HTMLElement) {
    this.canvas = document.createElement("canvas");
    this.canvas.className = "plot-canvas";
    this.canvas.setAttribute("aria-hidden", "true");
    this.ctx = this.canvas.getContext("2d")!;
    this.pointerLine = document.createElement("div");
    this.pointerLine.className = "plot-pointer";
    this.pointerLine.hidden = true;
    this.tip = document.createElement("div");
    this.tip.className = "plot-tip";
    this.tip.setAttribute("role", "tooltip");
    this.tip.hidden = true;
    host.append(this.canvas, this.pointerLine, this.tip);
    host.addEventListener("pointermove", this.onMove);
    host.addEventListener("pointerleave", this.onLeave);
  }

  /** Takes a new option (or the same with other legend entries switched off); painting waits for `draw`. */
  set(option: PlotOption | null, hidden: ReadonlySet<string>): void {
    if (option === this.option && hidden === this.hidden) return;
    this.option = option;
    this.hidden = hidden;
    this.dirty = true;
  }

  /** The option last handed over (drawn, or to be drawn when the chart comes into view). */
  shownOption(): PlotOption | null {
    return this.option;
  }

  /** The canvas follows the host's size (CSS pixels times the device pixel ratio). True if it changed. */
  resize(): boolean {
    return this.fit(this.box());
  }

  /**
   * The host's size and text direction: read only, so that a board reads every chart's box before it writes any
   * canvas size (a write between reads made each read lay the page out again).
   */
  box(): { w: number; h: number; dir: CanvasDirection } {
    return { w: this.host.clientWidth, h: this.host.clientHeight, dir: getComputedStyle(this.host).direction === "rtl" ? "rtl" : "ltr" };
  }

  /** Fits the canvas to a size `box` read; true if it changed (the chart then needs drawing). */
  fit({ w, h, dir }: { w: number; h: number; dir: CanvasDirection }): boolean {
    // The labels' direction, resolved here once: a canvas's "inherit" is resolved on every text drawn, and with
    // the page's styles not yet current (at load, or in the task of a run) each resolution recomputed them.
    this.textDirection = dir;
    if (w === this.cssW && h === this.cssH) return false;
    this.cssW = w;
    this.cssH = h;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(w * dpr));
    this.canvas.height = Math.max(1, Math.round(h * dpr));
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.dirty = true;
    return true;
  }

  /** Paints the option if it changed since the last paint. */
  draw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    if (!this.cssW) this.resize();
    const ctx = this.ctx;
    const dpr = this.canvas.width / Math.max(1, this.cssW);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.cssW, this.cssH);
    this.laid = [];
    this.layout = null;
    if (this.option) this.paint(this.option);
  }

  private paint(o: PlotOption): void {
    const ctx = this.ctx;
    const g = { left: o.grid?.left ?? 60, right: o.grid?.right ?? 20, top: o.grid?.top ?? 12, bottom: o.grid?.bottom ?? 26 };
    const cats = (o.xAxis?.data ?? []).map(String);
    const n = Math.max(1, cats.length);
    const width = Math.max(1, this.cssW - g.left - g.right);
    const height = Math.max(1, this.cssH - g.top - g.bottom);
    const band = width / n;
    const L: Layout = { left: g.left, top: g.top, width, height, n, band };
    this.layout = L;
    const { yAxes, laid, scales, catIndex } = arrange(o, this.hidden);
    this.laid = laid;
    const yOf = (k: number) => {
      const sc = scales[k] ?? scales[0];
      const span = sc.max - sc.min || 1;
      return (v: number) => g.top + height - ((v - sc.min) / span) * height;
    };
    const xOf = (i: number) => g.left + (i + 0.5) * band;

    // The frame (grid lines, axis labels, the category axis) is drawn into a canvas of its own and copied in: a
    // slider step moves the series, and the frame changes only when an axis's ticks or the chart's size do.
    const tickLabels = yAxes.map((ax, k) => scales[k].ticks.map(ax.axisLabel?.formatter ?? ((v: number) => String(v))));
    const frameKey = JSON.stringify([this.canvas.width, this.canvas.height, g, cats, o.xAxis, yAxes, scales, tickLabels]);
    if (frameKey !== this.frameKey) {
      this.frameKey = frameKey;
      const f = (this.frame ??= document.createElement("canvas"));
      f.width = this.canvas.width;
      f.height = this.canvas.height;
      const fctx = f.getContext("2d")!;
      fctx.setTransform(ctx.getTransform());
      drawFrame(fctx, o, yAxes, scales, tickLabels, cats, yOf, xOf, g, width, height);
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.frame!, 0, 0);
    ctx.restore();

    // Series in ECharts' order: by z, then as listed.
    const order = [...laid].sort((a, b) => (a.s.z ?? 2) - (b.s.z ?? 2) || a.index - b.index);
    const bars = laid.filter((x) => x.s.type === "bar");
    const groups = [...new Set(bars.map((x) => x.s.stack ?? `#${x.index}`))];
    for (const x of order) {
      const y = yOf(x.axis);
      if (x.s.type === "bar") this.bars(x, y, xOf, band, groups, groups.indexOf(x.s.stack ?? `#${x.index}`));
      else if (x.s.type === "scatter") this.markers(x, y, xOf);
      else this.line(x, y, xOf);
      if (x.s.markLine?.data?.length) this.eventLines(x.s.markLine, catIndex, xOf, L);
    }
  }

  private line(x: Laid, y: (v: number) => number, xOf: (i: number) => number): void {
    const ctx = this.ctx;
    const { values, base, s } = x;
    const top = (i: number) => y((values[i] as number) + (base?.[i] ?? 0));
    if (s.areaStyle) {
      ctx.fillStyle = s.areaStyle.color ?? x.color;
      ctx.globalAlpha = s.areaStyle.opacity ?? 0.7;
      // Each run of values: along the top, back along the base (zero, or the stack below).
      for (const [a, b] of runs(values)) {
        ctx.beginPath();
        for (let i = a; i <= b; i++) (i === a ? ctx.moveTo : ctx.lineTo).call(ctx, xOf(i), top(i));
        for (let i = b; i >= a; i--) ctx.lineTo(xOf(i), y(base?.[i] ?? 0));
        ctx.closePath();
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    }
    const w = s.lineStyle?.width ?? 2;
    if (w <= 0) return;
    ctx.strokeStyle = x.color;
    ctx.lineWidth = w;
    ctx.globalAlpha = s.lineStyle?.opacity ?? 1;
    ctx.setLineDash(dash(s.lineStyle?.type, w));
    ctx.lineJoin = "round";
    ctx.beginPath();
    for (const [a, b] of runs(values)) for (let i = a; i <= b; i++) (i === a ? ctx.moveTo : ctx.lineTo).call(ctx, xOf(i), top(i));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  }

  private bars(x: Laid, y: (v: number) => number, xOf: (i: number) => number, band: number, groups: string[], group: number): void {
    const ctx = this.ctx;
    const gap = parseFloat(x.s.barCategoryGap ?? "20%") / 100;
    const full = band * (1 - gap);
    const w = full / Math.max(1, groups.length);
    ctx.fillStyle = x.color;
    ctx.beginPath();
    x.values.forEach((v, i) => {
      if (v == null || v === 0) return;
      const b = x.base?.[i] ?? 0;
      const y1 = y(b);
      const y2 = y(b + v);
      ctx.rect(xOf(i) - full / 2 + group * w, Math.min(y1, y2), Math.max(0.5, w), Math.abs(y2 - y1));
    });
    ctx.fill();
  }

  private markers(x: Laid, y: (v: number) => number, xOf: (i: number) => number): void {
    const ctx = this.ctx;
    const r = (x.s.symbolSize ?? 10) / 2;
    ctx.fillStyle = x.s.itemStyle?.color ?? "#fff";
    ctx.strokeStyle = x.s.itemStyle?.borderColor ?? x.color;
    ctx.lineWidth = x.s.itemStyle?.borderWidth ?? 1;
    const label = x.s.label?.show ? x.s.label : null;
    x.values.forEach((v, i) => {
      if (v == null) return;
      const cx = xOf(i);
      const cy = y(v);
      ctx.beginPath();
      ctx.moveTo(cx, cy - r);
      ctx.lineTo(cx + r * 0.75, cy);
      ctx.lineTo(cx, cy + r);
      ctx.lineTo(cx - r * 0.75, cy);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      if (label?.formatter) {
        setFont(ctx, `${label.fontSize ?? 12}px ${FONT}`);
        ctx.save();
        ctx.fillStyle = label.color ?? "#0f172a";
        ctx.textAlign = "center";
        ctx.textBaseline = "bottom";
        ctx.direction = this.textDirection;
        ctx.fillText(label.formatter({ value: [String(this.option?.xAxis?.data?.[i] ?? ""), v] }), cx, cy - r - 3);
        ctx.restore();
      }
    });
  }

  /** Vertical lines at the years a policy switches, labelled along the line near its top (as ECharts' insideEndTop). */
  private eventLines(m: MarkLine, catIndex: Map<string, number>, xOf: (i: number) => number, L: Layout): void {
    const ctx = this.ctx;
    const w = m.lineStyle?.width ?? 1;
    ctx.strokeStyle = m.lineStyle?.color ?? "#475569";
    ctx.lineWidth = w;
    ctx.setLineDash(dash(m.lineStyle?.type ?? "dashed", w));
    for (const d of m.data ?? []) {
      const i = catIndex.get(d.xAxis);
      if (i === undefined) continue;
      const px = Math.round(xOf(i)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(px, L.top + L.height);
      ctx.lineTo(px, L.top);
      ctx.stroke();
      const text = d.label?.formatter;
      if (!text) continue;
      setFont(ctx, `${m.label?.fontSize ?? 12}px ${FONT}`);
      ctx.save();
      ctx.translate(px - 4, L.top + 4);
      ctx.rotate(-Math.PI / 2);
      ctx.fillStyle = m.label?.color ?? "#334155";
      ctx.textAlign = "right";
      ctx.textBaseline = "bottom";
      ctx.direction = this.textDirection;
      ctx.fillText(text, 0, 0);
      ctx.restore();
    }
    ctx.setLineDash([]);
  }

  /** The category under a point of the host (CSS pixels from its top left), or -1 outside the grid. */
  categoryAt(x: number, y: number): number {
    const L = this.layout;
    if (!L || x < L.left || x > L.left + L.width || y < L.top || y > L.top + L.height) return -1;
    return Math.min(L.n - 1, Math.max(0, Math.floor((x - L.left) / L.band)));
  }

  /** What the axis tooltip shows at category i: the year, then each series' name and value. */
  tooltipRows(i: number): { title: string; rows: { name: string; color: string; value: string }[] } | null {
    const o = this.option;
    if (!o) return null;
    const fmt = o.tooltip?.valueFormatter ?? ((v: number) => String(v));
    const rows = this.laid
      .filter((x) => x.s.tooltip?.show !== false && x.s.name)
      .map((x) => ({ name: x.s.name!, color: x.color, value: x.values[i] == null ? "–" : fmt(x.values[i] as number) }));
    return { title: String(o.xAxis?.data?.[i] ?? ""), rows };
  }

  private readonly onMove = (e: PointerEvent) => {
    const r = this.host.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const i = this.categoryAt(x, y);
    const content = i < 0 ? null : this.tooltipRows(i);
    if (!content || !this.layout) return this.onLeave();
    const L = this.layout;
    const px = L.left + (i + 0.5) * L.band;
    Object.assign(this.pointerLine.style, { left: `${Math.round(px)}px`, top: `${L.top}px`, height: `${L.height}px` });
    this.pointerLine.hidden = false;
    const tip = this.tip;
    tip.replaceChildren();
    const head = document.createElement("div");
    head.className = "plot-tip-year";
    head.textContent = content.title;
    tip.append(head);
    for (const row of content.rows) {
      const line = document.createElement("div");
      const key = document.createElement("i");
      key.style.background = row.color;
      const name = document.createElement("span");
      name.textContent = row.name;
      const value = document.createElement("b");
      value.dir = "ltr";
      value.textContent = row.value;
      line.append(key, name, value);
      tip.append(line);
    }
    tip.hidden = false;
    // Beside the pointer, kept inside the chart (as ECharts' `confine`).
    const tw = tip.offsetWidth;
    const th = tip.offsetHeight;
    const left = px + 16 + tw <= this.cssW ? px + 16 : Math.max(0, px - 16 - tw);
    const top = Math.min(Math.max(0, y - th / 2), Math.max(0, this.cssH - th));
    tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  };

  private readonly onLeave = () => {
    this.tip.hidden = true;
    this.pointerLine.hidden = true;
  };

  dispose(): void {
    this.host.removeEventListener("pointermove", this.onMove);
    this.host.removeEventListener("pointerleave", this.onLeave);
    this.canvas.remove();
    this.tip.remove();
    this.pointerLine.remove();
  }
}

/**
 * The chart's frame: horizontal grid lines and value-axis labels, the category axis along the bottom with its ticks
 * and labels (as the page's ECharts charts drew them). The series are drawn over it.
 */
function drawFrame(
  ctx: CanvasRenderingContext2D,
  o: PlotOption,
  yAxes: ValueAxis[],
  scales: { ticks: number[] }[],
  tickLabels: string[][],
  cats: string[],
  yOf: (k: number) => (v: number) => number,
  xOf: (i: number) => number,
  g: { left: number; right: number; top: number; bottom: number },
  width: number,
  height: number,
): void {
  ctx.font = `12px ${FONT}`;
  ctx.direction = "ltr";
  yAxes.forEach((ax, k) => {
    const y = yOf(k);
    ctx.fillStyle = ax.axisLabel?.color ?? "#475569";
    ctx.textBaseline = "middle";
    ctx.textAlign = k === 0 ? "right" : "left";
    scales[k].ticks.forEach((t, j) => {
      const py = Math.round(y(t)) + 0.5;
      if (k === 0 && ax.splitLine?.show !== false) {
        ctx.strokeStyle = ax.splitLine?.lineStyle?.color ?? "#e0e6f1";
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(g.left, py);
        ctx.lineTo(g.left + width, py);
        ctx.stroke();
      }
      ctx.fillText(tickLabels[k][j], k === 0 ? g.left - 8 : g.left + width + 8, py);
    });
  });
  // The category axis along the bottom of the grid, as the page's ECharts charts drew it.
  const axisY = Math.round(g.top + height) + 0.5;
  const xa = o.xAxis ?? {};
  const axisColor = xa.axisLine?.lineStyle?.color ?? "#6e7079";
  const every = (xa.axisLabel?.interval ?? 0) + 1;
  ctx.strokeStyle = axisColor;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(g.left, axisY);
  ctx.lineTo(g.left + width, axisY);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.fillStyle = xa.axisLabel?.color ?? "#475569";
  for (let i = 0; i < cats.length; i += every) {
    const px = Math.round(xOf(i)) + 0.5;
    ctx.moveTo(px, axisY);
    ctx.lineTo(px, axisY + 5);
    ctx.fillText(cats[i], px, axisY + 8);
  }
  ctx.stroke();
}

/**
 * What a chart draws, before any pixel: each shown series' value per category (points given as [year, value] put
 * in their year), stacked series on the sum of those before them (bars: positives and negatives stacked apart, as
 * ECharts' "samesign"), and each value axis fitted to what is drawn (zero included, nice steps). Series switched
 * off in the legend (`hidden`) are left out, from the axes too.
 */
export function arrange(o: PlotOption, hidden: ReadonlySet<string> = new Set()) {
  const cats = (o.xAxis?.data ?? []).map(String);
  const yAxes = Array.isArray(o.yAxis) ? o.yAxis : [o.yAxis ?? {}];
  const palette = o.color ?? [];
  const catIndex = new Map(cats.map((c, i) => [c, i]));

  // The series as drawn: values per category, stacks summed (bars: positives and negatives apart, as ECharts).
  const stacks = new Map<string, { pos: number[]; neg: number[] }>();
  const laid: Laid[] = [];
  (o.series ?? []).forEach((s, index) => {
    if (s.name !== undefined && hidden.has(s.name)) return;
    const color = s.lineStyle?.color ?? s.itemStyle?.color ?? palette[index % Math.max(1, palette.length)] ?? "#0f766e";
    const values: Num[] = new Array(cats.length).fill(null);
    const d = s.data ?? [];
    if (d.length && Array.isArray(d[0])) {
      for (const p of d as [unknown, number][]) {
        const i = catIndex.get(String(p[0]));
        if (i !== undefined) values[i] = p[1];
      }
    } else for (let i = 0; i < cats.length; i++) values[i] = typeof d[i] === "number" ? (d[i] as number) : null;
    let base: Num[] | null = null;
    if (s.stack !== undefined && s.type !== "scatter") {
      const key = `${s.type}:${s.yAxisIndex ?? 0}:${s.stack}`;
      let st = stacks.get(key);
      if (!st) stacks.set(key, (st = { pos: new Array(cats.length).fill(0), neg: new Array(cats.length).fill(0) }));
      base = values.map((v, i) => {
        if (v == null) return null;
        const side = s.type === "bar" && v < 0 ? st.neg : st.pos;
        const b = side[i];
        side[i] = b + v;
        return b;
      });
    }
    laid.push({ s, index, color, values, base, axis: s.yAxisIndex ?? 0 });
  });

  // Value axes fitted to what is drawn.
  const scales = yAxes.map((ax, k) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of laid) {
      if (x.axis !== k) continue;
      x.values.forEach((v, i) => {
        if (v == null) return;
        const top = v + (x.base?.[i] ?? 0);
        const bottom = x.base?.[i] ?? top;
        lo = Math.min(lo, top, bottom);
        hi = Math.max(hi, top, bottom);
      });
    }
    if (lo === Infinity) [lo, hi] = [0, 1];
    return valueScale(lo, hi, { min: ax.min, max: ax.max });
  });
  return { cats, yAxes, laid, scales, catIndex };
}

/** The runs of consecutive non-null values, as [first, last] index pairs. */
function runs(values: Num[]): [number, number][] {
  const out: [number, number][] = [];
  let a = -1;
  for (let i = 0; i <= values.length; i++) {
    const ok = i < values.length && values[i] != null;
    if (ok && a < 0) a = i;
    if (!ok && a >= 0) {
      out.push([a, i - 1]);
      a = -1;
    }
  }
  return out;
}
