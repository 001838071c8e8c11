// The result charts' drawing: one canvas per chart (plot.ts), in the chart's own box (the elements carrying
// `data-slot`). A new run is drawn at once on the charts in view; the charts out of view are marked dirty and drawn
// after the frame (or as soon as one scrolls into view), so a slider step paints only what the user can see first.
// Why not one canvas for all nine (the board of issue 16): repainting a 972x2164 canvas cost more per step than
// drawing the charts, and it had to be repainted whole for any change.
import { Plot, type PlotOption } from "./plot";

type Options = Readonly<Record<string, object | null>>;
type Hidden = Readonly<Record<string, ReadonlySet<string>>>;
const NONE: ReadonlySet<string> = new Set();

export class ChartBoard {
  private readonly plots = new Map<string, { el: HTMLElement; plot: Plot }>();
  /** Chart boxes at least partly in the viewport (null until the observer has reported: taken as all in view). */
  private visible: Set<string> | null = null;
  private readonly observer: IntersectionObserver;
  /** The drawing of the charts out of view, put off to after the frame, and what to call when all are drawn. */
  private late: { frame: number; timer: number; all: () => void } | null = null;

  /**
   * `runPending`: whether a newer run has been asked for and not yet answered. The charts out of view then wait for
   * it: in a drag (a new run every frame) drawing them between two runs put the next run's reply behind five charts
   * nobody can see, and that reply's charts in view a frame later.
   */
  constructor(
    private readonly container: HTMLElement,
    private readonly runPending: () => boolean = () => false,
  ) {
    this.observer = new IntersectionObserver((entries) => {
      const v = (this.visible ??= new Set());
      for (const e of entries) {
        const id = (e.target as HTMLElement).dataset.slot!;
        if (e.isIntersecting) {
          v.add(id);
          // Scrolled into view with an older drawing: drawn now, before the frame that shows it.
          this.plots.get(id)?.plot.draw();
        } else v.delete(id);
      }
      if (this.late && this.allDrawn()) this.finishLate();
    });
  }

  private inView(id: string): boolean {
    return this.visible === null || this.visible.has(id);
  }

  private allDrawn(): boolean {
    for (const { plot } of this.plots.values()) if (plot.dirty) return false;
    return true;
  }

  /**
   * Draws the charts in view now, then calls `shown`; the others after the frame, then `all` (at once if every
   * chart was in view). A newer update replaces one whose late part is not done (its `all` is not called).
   */
  update(options: Options, hidden: Hidden, shown: () => void, all: () => void): void {
    this.cancelLate();
    for (const [id, { plot }] of this.plots) {
      plot.set((options[id] as PlotOption | null | undefined) ?? null, hidden[id] ?? NONE);
      if (this.inView(id)) plot.draw();
    }
    shown();
    if (this.allDrawn()) return all();
    const late = { frame: 0, timer: 0, all };
    this.late = late;
    const afterFrame = () => {
      late.frame = requestAnimationFrame(() => {
        late.frame = 0;
        late.timer = window.setTimeout(() => {
          late.timer = 0;
          // A newer run is on its way (its update replaces this one): wait a frame more. If it never comes (it
          // failed), the request is no longer pending and the charts are drawn with this run.
          if (this.runPending()) return afterFrame();
          for (const { plot } of this.plots.values()) plot.draw();
          this.finishLate();
        }, 0);
      });
    };
    afterFrame();
  }

  private finishLate(): void {
    const late = this.late;
    this.cancelLate();
    late?.all();
  }

  private cancelLate(): void {
    if (!this.late) return;
    cancelAnimationFrame(this.late.frame);
    clearTimeout(this.late.timer);
    this.late = null;
  }

  /**
   * Finds the chart boxes (a plot for each new one), and fits each canvas to its box. True if any box changed size
   * or appeared (its chart then needs drawing).
   */
  measure(): boolean {
    let changed = false;
    const seen = new Set<string>();
    // New plots first (each adds a canvas), then every box read, then every canvas fitted: reads and writes apart,
    // so that the page is laid out once, not once per chart.
    const boxes: Plot[] = [];
    for (const el of this.container.querySelectorAll<HTMLElement>("[data-slot]")) {
      const id = el.dataset.slot!;
      seen.add(id);
      let p = this.plots.get(id);
      if (p && p.el !== el) {
        this.observer.unobserve(p.el);
        p.plot.dispose();
        p = undefined;
      }
      if (!p) {
        p = { el, plot: new Plot(el) };
        this.plots.set(id, p);
        this.observer.observe(el);
        changed = true;
      }
      boxes.push(p.plot);
    }
    const sizes = boxes.map((plot) => plot.box());
    boxes.forEach((plot, i) => {
      if (plot.fit(sizes[i])) changed = true;
    });
    for (const [id, p] of this.plots)
      if (!seen.has(id)) {
        this.observer.unobserve(p.el);
        p.plot.dispose();
        this.plots.delete(id);
      }
    return changed;
  }

  /** Draws every chart now (after a resize: the boxes' canvases were cleared). */
  draw(options: Options, hidden: Hidden): void {
    this.update(
      options,
      hidden,
      () => {},
      () => {},
    );
    this.cancelLate();
    for (const { plot } of this.plots.values()) plot.draw();
  }

  /** The charts' series, all charts after each other (for tests: event lines, series). */
  option(): { series: object[] } {
    const series: object[] = [];
    for (const { plot } of this.plots.values()) series.push(...(plot.shownOption()?.series ?? []));
    return { series };
  }

  /** The plot drawing a chart (for tests: its tooltip rows). */
  plot(id: string): Plot | undefined {
    return this.plots.get(id)?.plot;
  }

  dispose(): void {
    this.cancelLate();
    this.observer.disconnect();
    for (const { plot } of this.plots.values()) plot.dispose();
    this.plots.clear();
  }
}
