// One ECharts instance that draws every result chart, on a canvas laid over the grid of chart figures (see
// board-option.ts for why). The figures keep their titles, legends and buttons; the canvas lets the pointer through
// to them, and the figures forward the pointer over their chart area back to the canvas for the tooltips.
import * as echarts from "echarts/core";
import { applyOption, nothingShown } from "./chart-update";
import { composeBoard, type Slot } from "./board-option";

export class ChartBoard {
  private readonly host: HTMLDivElement;
  private readonly chart: echarts.ECharts;
  private shown = nothingShown();
  private slots: Slot[] = [];
  /** Chart boxes at least partly in the viewport (null until the observer has reported: taken as in view). */
  private visible: Set<string> | null = null;
  private readonly observer: IntersectionObserver;
  /** A draw put off while no chart was in view, and what to call once it is done. */
  private pending: { options: Readonly<Record<string, object | null>>; hidden: Readonly<Record<string, ReadonlySet<string>>>; done: () => void } | null = null;
  private pendingTimer = 0;
  private readonly onScroll = () => this.pending && this.flush();

  constructor(private readonly container: HTMLElement) {
    this.host = document.createElement("div");
    this.host.className = "chart-board";
    this.host.setAttribute("aria-hidden", "true");
    container.appendChild(this.host);
    this.chart = echarts.init(this.host, undefined, { renderer: "canvas" });
    this.observer = new IntersectionObserver((entries) => {
      const v = (this.visible ??= new Set());
      for (const e of entries) {
        const id = (e.target as HTMLElement).dataset.slot!;
        if (e.isIntersecting) v.add(id);
        else v.delete(id);
      }
      if (v.size && this.pending) this.flush();
    });
    addEventListener("scroll", this.onScroll, { passive: true });
  }

  /** Whether any chart box is in the viewport: if none is, a redraw can wait until the frame has shown the rest. */
  inView(): boolean {
    return this.visible === null || this.visible.size > 0;
  }

  /**
   * Draws now when a chart is in view; otherwise after the next frame (the headline cards show first) or as soon
   * as a chart scrolls into view, whichever is sooner. A newer draw replaces one not yet done. `done` is called
   * when the board has drawn.
   */
  update(options: Readonly<Record<string, object | null>>, hidden: Readonly<Record<string, ReadonlySet<string>>>, done: () => void): void {
    this.pending = { options, hidden, done };
    if (this.inView()) return this.flush();
    cancelAnimationFrame(this.pendingTimer);
    this.pendingTimer = requestAnimationFrame(() => {
      this.pendingTimer = 0;
      setTimeout(() => this.pending && this.flush(), 0);
    });
  }

  private flush(): void {
    const p = this.pending!;
    this.pending = null;
    this.draw(p.options, p.hidden);
    p.done();
  }

  /** The chart boxes (elements carrying `data-slot`), measured against the container. False if none moved. */
  measure(): boolean {
    const origin = this.container.getBoundingClientRect();
    const slots = [...this.container.querySelectorAll<HTMLElement>("[data-slot]")].map((el) => {
      const r = el.getBoundingClientRect();
      return {
        id: el.dataset.slot!,
        left: Math.round(r.left - origin.left),
        top: Math.round(r.top - origin.top),
        width: Math.round(r.width),
        height: Math.round(r.height),
      };
    });
    const same = slots.length === this.slots.length && slots.every((s, i) => JSON.stringify(s) === JSON.stringify(this.slots[i]));
    if (same && this.host.clientWidth === this.chart.getWidth() && this.host.clientHeight === this.chart.getHeight()) return false;
    this.slots = slots;
    this.observer.disconnect();
    for (const el of this.container.querySelectorAll<HTMLElement>("[data-slot]")) this.observer.observe(el);
    this.chart.resize();
    return true;
  }

  /** Draws the charts' options (a structure change when the boxes have moved; otherwise only the new data). */
  draw(options: Readonly<Record<string, object | null>>, hidden: Readonly<Record<string, ReadonlySet<string>>>): void {
    this.shown = applyOption(this.chart, composeBoard(this.slots, options, hidden), this.shown, new Set());
  }

  /** Forwards the pointer from a figure (page coordinates of the event) to the canvas. */
  pointer(kind: "mousemove" | "mouseout", clientX: number, clientY: number): void {
    const r = this.host.getBoundingClientRect();
    const x = clientX - r.left;
    const y = clientY - r.top;
    this.chart.getZr().handler.dispatch(kind, { zrX: x, zrY: y, offsetX: x, offsetY: y, type: kind, target: this.host });
  }

  /** The option the board last drew (for tests: annotations, series). */
  option(): object {
    return this.chart.getOption();
  }

  dispose(): void {
    this.observer.disconnect();
    removeEventListener("scroll", this.onScroll);
    cancelAnimationFrame(this.pendingTimer);
    this.chart.dispose();
    this.host.remove();
  }
}
