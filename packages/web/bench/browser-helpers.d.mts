// Types of the browser helpers (browser-helpers.mjs), for the TypeScript tests that import them.
import type { Browser } from "playwright-core";

/** A function body for page.evaluate: sets a lever's slider to args.value as a user's input event would. */
export declare const MOVE_SLIDER: string;
/** Serves the built planner (packages/web/dist, or the build folder `web`) on a free port. */
export declare function startServer(web?: string): Promise<{ url: string; stop: () => void }>;
/** Debian's Chromium, headless, with the flags this machine needs. */
export declare function launch(): Promise<Browser>;
