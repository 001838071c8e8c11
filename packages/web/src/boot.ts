// The model worker started by the page's first script, before the app's modules have loaded: the build writes
// that script into index.html (vite.config.ts, `bootScript`), so that the worker loads and reads the data pack while
// the app's modules load, evaluate and render, instead of after them. The app's client takes the worker over
// (client.ts); replies that arrived before are kept in order.
import type { Reply } from "./protocol";

export interface EarlyWorker {
  readonly worker: Worker;
  /** Replies received before a client took the worker over, in order. */
  readonly early: Reply[];
}

declare global {
  interface Window {
    /** Set by the page's first script (absent in the dev server, where the client starts its own worker). */
    __evplanBoot?: EarlyWorker;
  }
}
