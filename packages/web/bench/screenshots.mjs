#!/usr/bin/env node
// Screenshots of the planner for review (not a test): English and Urdu, full page and first screen.
// Usage: npm run build:web && node packages/web/bench/screenshots.mjs [outdir=/tmp/evplan-shots]
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, startServer } from "./browser-helpers.mjs";

const out = process.argv[2] ?? "/tmp/evplan-shots";
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const views = [
  ["en", ""],
  ["en-moved", "#s=nevp-2025-30&c=reference&o.policy.subsidy_scale=3&o.taxes.carbon_levy=40"],
  ["ur", "#s=nevp-2025-30&l=ur"],
];
for (const [name, hash] of views) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("console", (m) => m.type() === "error" && console.error(`[${name}] console: ${m.text()}`));
  await page.goto(server.url + hash);
  await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `${name}.png`) });
  await page.screenshot({ path: join(out, `${name}-full.png`), fullPage: true });
  await page.close();
}
await browser.close();
server.stop();
console.log(`screenshots in ${out}`);
