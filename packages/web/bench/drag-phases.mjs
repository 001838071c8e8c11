#!/usr/bin/env node
// Where a drag's latency goes (not a test): for each input of 8 drags of 30 (one a frame, as slider-latency.mjs
// drags), when the page sent its run, got the reply, showed what is in view and painted the frame after, from the
// input; and Chromium's CPU time per input by process type (from /proc, Linux only). One core kept busy unless --idle.
// Usage: npm run build:web && node packages/web/bench/drag-phases.mjs [build folder] [--idle] [--drags=8]
import { busyCore, chromiumCpu, cpuByType, launch, startServer } from "./browser-helpers.mjs";

const args = process.argv.slice(2);
const drags = Number(args.find((a) => a.startsWith("--drags="))?.slice(8) ?? 8);
const busy = args.includes("--idle") ? null : busyCore();
const server = await startServer(args.find((a) => !a.startsWith("--")));
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(server.url);
await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });
await page.evaluate(() => document.querySelector("[data-slot]").scrollIntoView({ block: "start" }));
await page.waitForTimeout(1500);

/** One drag; per input, the times (from the input) of its request, its reply, "charts in view" and the frame after. */
const drag = (d) =>
  page.evaluate(async (d) => {
    const input = document.querySelector('input[data-series="policy.subsidy_scale"]');
    const [min, max, step] = [Number(input.min), Number(input.max), Number(input.step) || 0.01];
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    window.__evplanTrace = [];
    const frames = [];
    window.__evplanOnShown = () => {
      const u = [performance.now(), NaN];
      frames.push(u);
      requestAnimationFrame(() => (u[1] = performance.now()));
    };
    const inputs = [];
    await new Promise((resolve) => {
      let k = 0;
      const tick = () => {
        const i = (d * 30 + k) % 40;
        inputs.push(performance.now());
        setter.call(input, String(min + Math.round(((i < 20 ? i : 40 - i) / 20) * ((max - min) / step)) * step));
        input.dispatchEvent(new Event("input", { bubbles: true }));
        if (++k < 30) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const last = inputs[inputs.length - 1];
    while (!frames.some(([u, f]) => u > last && f > 0)) await new Promise((r) => setTimeout(r, 5));
    const trace = window.__evplanTrace;
    window.__evplanTrace = undefined;
    window.__evplanOnShown = undefined;
    const after = (name, t) => trace.find(([k, x]) => k === name && x >= t)?.[1] ?? NaN;
    return inputs.map((t) => {
      const request = after("request", t);
      const reply = after("reply", request);
      const shown = frames.find(([u]) => u > t);
      return [request - t, reply - t, shown[0] - t, shown[1] - t];
    });
  }, d);

for (let d = 0; d < 2; d++) await drag(100 + d); // warm-up
const before = chromiumCpu();
const rows = [];
for (let d = 0; d < drags; d++) {
  await page.waitForTimeout(200);
  rows.push(...(await drag(d)));
}
const after = chromiumCpu();
const n = rows.length;
const q = (xs, p) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const names = ["request sent", "reply received", "in view drawn", "frame after"];
console.log(`${n} drag inputs${busy ? ", one core busy" : ", idle"}; ms from the input, p50 / p95 / max:`);
names.forEach((name, i) => {
  const xs = rows.map((r) => r[i]);
  console.log(`  ${name.padEnd(15)} ${q(xs, 0.5).toFixed(1)} / ${q(xs, 0.95).toFixed(1)} / ${Math.max(...xs.filter(Number.isFinite)).toFixed(1)}`);
});
const by = cpuByType(before, after);
console.log(
  `CPU per input (ms, including the 200 ms pauses between drags): ${[...by]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${(v / n).toFixed(1)}`)
    .join(", ")}`,
);
await browser.close();
server.stop();
busy?.kill();
