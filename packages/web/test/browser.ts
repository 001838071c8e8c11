// Helpers for the browser tests: serve the built planner on a free port and drive Debian's Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, "..", "serve.mjs")], { env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
      const m = /http:\/\/localhost:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.stderr!.on("data", (d) => reject(new Error(String(d))));
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Set a range input the way a user's drag does: the native value setter, then an input event React hears. */
export const MOVE_SLIDER = `(args) => {
  const input = document.querySelector('input[data-series="' + args.series + '"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  setter.call(input, String(args.value));
  input.dispatchEvent(new Event("input", { bubbles: true }));
}`;
