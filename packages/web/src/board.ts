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

  constructor(private readonly container: HTMLElement) {
    this.host = document.createElement("div");
    this.host.className = "chart-board";
    this.host.setAttribute("aria-hidden", "true");
    container.appendChild(this.host);
    this.chart = echarts.init(this.host, undefined, { renderer: "canvas" });
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
    this.chart.dispose();
    this.host.remove();
  }
}
