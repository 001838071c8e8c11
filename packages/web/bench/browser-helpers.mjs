// Browser helpers shared by the web tests and the latency benchmark: serve the build, launch Debian's Chromium.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const MOVE_SLIDER = `(args) => {
  const input = document.querySelector('input[data-series="' + args.series + '"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  setter.call(input, String(args.value));
  input.dispatchEvent(new Event("input", { bubbles: true }));
}`;

/**
 * A second process keeping one core at 100% (the benchmarks' loaded machine). It stops with this process: killed
 * on exit, and it exits by itself once its parent is gone (a benchmark that crashed once left one spinning for
 * twenty minutes, and every figure taken meanwhile had two cores busy).
 */
export function busyCore() {
  const spin = "const parent = process.ppid; for (;;) { const t = Date.now(); while (Date.now() - t < 200); if (process.ppid !== parent) process.exit(); }";
  const child = spawn(process.execPath, ["-e", spin], { stdio: "ignore" });
  const stop = () => child.kill();
  process.on("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));
  return { kill: stop };
}

/** Serves the planner's build (`web`: another build folder, e.g. an older build to compare with). */
export async function startServer(web) {
  const child = spawn(process.execPath, [join(import.meta.dirname, "..", "serve.mjs")], {
    env: { ...process.env, PORT: "0", ...(web ? { EVPLAN_WEB: web } : {}) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`the planner's server exited with ${code}`)));
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
      const m = /http:\/\/localhost:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
  });
  return { url, stop: () => child.kill() };
}

/**
 * Chromium's own window furniture that a headless browser need not build: each new context opens a window, and
 * each window started a renderer for the address bar's popup (chrome://omnibox-popup.top-chrome and its "AI mode"
 * box), about 1 s of CPU in the 1.5 s after the tab opened (measured from /proc, issue 18's fifth pass). On this
 * 2-core machine with one core kept busy, that renderer took the other core from the page being measured: first
 * loads measured 1.6 s with it and 0.9 s without, interleaved. Neither feature is anything the planner draws.
 */
const NO_WINDOW_FURNITURE = "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      NO_WINDOW_FURNITURE,
    ],
  });
}

/** How long a new tab is left open before the page is loaded in it: the browser's own work for a new tab done. */
export const TAB_SETTLE_MS = 1000;

/**
 * One first load as a visitor sees it: a new browser context (empty cache, no service worker, nothing stored) and a
 * tab in it, left open TAB_SETTLE_MS so that the browser's own start-up work for the tab is over (a visitor's
 * browser is already open), then the planner's address loaded until every chart is drawn with the first run.
 * The end is signalled by the page itself (a console message from its `__evplanOnUpdate` hook) rather than polled:
 * polling ran the benchmark's injected script on the page's main thread during the load (31 ms in a trace).
 * Returns the wall time from the navigation's request to the signal, and in the page's clock (from the navigation's
 * start) when the first screen (cards and charts in view) and all charts were drawn. `onStart` and `onEnd` run just
 * before the navigation and just after the signal (e.g. to read CPU counters around the load).
 */
export async function firstLoad(browser, url, { settleMs = TAB_SETTLE_MS, onStart, onEnd } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__evplanOnUpdate = () => {
        window.__evplanOnUpdate = undefined;
        window.__evplanAllDrawnAt = performance.now();
        console.log("evplan:first-update");
      };
    });
    if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
    const done = page.waitForEvent("console", { predicate: (m) => m.text() === "evplan:first-update", timeout: 30000 });
    onStart?.();
    const t0 = Date.now();
    await page.goto(url);
    await done;
    const ms = Date.now() - t0;
    onEnd?.();
    // The first screen's frame is recorded a frame after it was drawn: wait for it.
    await page.waitForFunction(() => window.__evplan?.firstShownAt !== undefined, null, { timeout: 30000 });
    const clock = await page.evaluate(() => ({ firstScreen: window.__evplan?.firstShownAt ?? NaN, allDrawn: window.__evplanAllDrawnAt ?? NaN }));
    return { ms, ...clock };
  } finally {
    await context.close();
  }
}

/** CPU time (ms, user and system) of every Chromium process now, by pid, with its type (from /proc: Linux only). */
export function chromiumCpu() {
  const m = new Map();
  for (const p of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
      if (!cmd.includes("chromium")) continue;
      const st = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      const type = (/--type=([\w-]+)/.exec(cmd) ?? [0, "browser"])[1];
      m.set(p, [type, (+st[11] + +st[12]) * 10]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return m;
}

/** CPU time (ms) by process type between two `chromiumCpu()` readings. */
export function cpuByType(before, after) {
  const by = new Map();
  for (const [pid, [type, t]] of after) by.set(type, (by.get(type) ?? 0) + t - (before.get(pid)?.[1] ?? 0));
  return by;
}
