// Phase marks for the latency benchmark: free unless the benchmark installs `window.__evplanTrace`.
declare global {
  interface Window {
    __evplanTrace?: [string, number][];
    /** Called by the planner when every chart has been redrawn with a new run (those out of view too). */
    __evplanOnUpdate?: () => void;
    /** Called when what is in view is current: the headline cards and the charts in view. */
    __evplanOnShown?: () => void;
  }
}

export function mark(name: string): void {
  window.__evplanTrace?.push([name, performance.now()]);
}
