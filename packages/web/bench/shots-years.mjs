// Screenshots of a lever's year table at desktop and phone width, in English and Urdu (for looking at, not a test).
import { launch, startServer } from "./browser-helpers.mjs";
const out = process.argv[2] ?? "/tmp";
const server = await startServer();
const browser = await launch();
try {
  for (const [w, h, tag] of [
    [1400, 1000, "desktop"],
    [390, 844, "phone"],
  ])
    for (const lang of ["en", "ur"]) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(`${server.url}#s=nevp-2025-30${lang === "ur" ? "&l=ur" : ""}&y.policy.subsidy_budget.2028=30000000000&o.taxes.carbon_levy=3`);
      await page.waitForFunction(() => (window.__evplan?.runs ?? 0) > 0, null, { timeout: 30_000 });
      if (tag === "phone") await page.click("[data-testid=levers-open]");
      await page.click('[data-testid=year-toggle][data-series="policy.subsidy_budget"]');
      await page.waitForSelector('[data-testid=year-table][data-series="policy.subsidy_budget"]');
      await page.waitForTimeout(400);
      const table = page.locator('[data-testid=year-table][data-series="policy.subsidy_budget"]');
      await table.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${out}/years-${tag}-${lang}.png` });
      await page.close();
    }
} finally {
  await browser.close();
  server.stop();
}
