// Browser helpers shared by the web tests and the latency benchmark: serve the build, launch Debian's Chromium.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const MOVE_SLIDER = `(args) => {
  const input = document.querySelector('input[data-series="' + args.series + '"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  setter.call(input, String(args.value));
  input.dispatchEvent(new Event("input", { bubbles: true }));
}`;

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

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
