// The same helpers as test/browser.ts, for plain-Node benchmark scripts.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const MOVE_SLIDER = `(args) => {
  const input = document.querySelector('input[data-series="' + args.series + '"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  setter.call(input, String(args.value));
  input.dispatchEvent(new Event("input", { bubbles: true }));
}`;

export async function startServer() {
  const child = spawn(process.execPath, [join(import.meta.dirname, "..", "serve.mjs")], { env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve) => {
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
