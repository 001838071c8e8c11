// Phase marks for the latency benchmark: free unless the benchmark installs `window.__evplanTrace`.
declare global {
  interface Window {
    __evplanTrace?: [string, number][];
  }
}

export function mark(name: string): void {
  window.__evplanTrace?.push([name, performance.now()]);
}
