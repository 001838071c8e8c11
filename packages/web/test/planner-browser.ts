// The built planner served and Debian's Chromium launched once for a browser test file, both stopped after it: the
// set-up every browser test file had written out for itself.
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { launch, startServer } from "../bench/browser-helpers.mjs";

export interface PlannerBrowser {
  /** The planner's address (the server's root). */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Registers the file's beforeAll/afterAll; the fields are read inside tests, once the set-up has run. `before` runs
 * first (e.g. the server's environment: its own database).
 */
export function plannerBrowser(before?: () => void): PlannerBrowser {
  let server: { url: string; stop: () => void } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    before?.();
    server = await startServer();
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });
  const ready = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`${what} is not started: read it inside a test or hook`);
    return x;
  };
  return {
    get url() {
      return ready(server, "the planner's server").url;
    },
    get browser() {
      return ready(browser, "the browser");
    },
  };
}
