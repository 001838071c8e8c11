// Types of the browser helpers (browser-helpers.mjs), for the TypeScript tests that import them.
import type { Browser } from "playwright-core";

/** A function body for page.evaluate: sets a lever's slider to args.value as a user's input event would. */
export declare const MOVE_SLIDER: string;
/** Serves the built planner (packages/web/dist, or the build folder `web`) on a free port. */
export declare function startServer(web?: string): Promise<{ url: string; stop: () => void }>;
/** Debian's Chromium, headless, with the flags this machine needs. */
export declare function launch(): Promise<Browser>;
/** How long a new tab is left open before a first load starts in it (the browser's own work for the tab done). */
export declare const TAB_SETTLE_MS: number;
/** One first load in a new context's settled tab: wall ms to all charts drawn, and the page clock's figures. */
export declare function firstLoad(
  browser: Browser,
  url: string,
  options?: { settleMs?: number; onStart?: () => void; onEnd?: () => void },
): Promise<{ ms: number; firstScreen: number; allDrawn: number }>;
/** A child process keeping one core busy until this process exits (or it is killed). */
export declare function busyCore(): { kill: () => void };
