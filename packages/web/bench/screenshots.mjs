#!/usr/bin/env node
// Screenshots of the planner for review (not a test): desktop (1440x900) and phone (390x844), English and Urdu,
// first screen and full page, a comparison, and the brief.
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
  ["en-compare", "#s=nevp-2025-30&c=nevp-no-subsidy&o.policy.subsidy_scale=3&o.taxes.carbon_levy=40"],
  ["ur", "#s=nevp-2025-30&l=ur"],
];
const sizes = [
  ["desktop", 1440, 900],
  ["phone", 390, 844],
];
for (const [size, width, height] of sizes)
  for (const [name, hash] of views) {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on("console", (m) => m.type() === "error" && console.error(`[${name}] console: ${m.text()}`));
    page.on("pageerror", (e) => console.error(`[${name}] page error: ${e}`));
    await page.goto(server.url + hash);
    await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1 && (window.__evplan?.analyses ?? 0) >= 1, null, { timeout: 60000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, `${size}-${name}.png`) });
    await page.screenshot({ path: join(out, `${size}-${name}-full.png`), fullPage: true });
    if (size === "phone" && name !== "en-compare") {
      await page.click('[data-testid="levers-open"]');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, `${size}-${name}-drawer.png`) });
    }
    await page.close();
  }
await browser.close();
server.stop();
console.log(`screenshots in ${out}`);
