// Links are user input (issue 15): out-of-range values are clamped, unknown scenarios and levers are ignored, a
// notice says so, and the page always computes.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { plannerBrowser } from "./planner-browser";

const planner = plannerBrowser();

async function open(hash: string): Promise<{ page: Page; errors: string[] }> {
  const page = await planner.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(planner.url + hash);
  await page.waitForFunction(() => (window.__evplan?.runs ?? 0) > 0, null, { timeout: 30_000 });
  return { page, errors };
}

describe("links with unknown or out-of-range settings", () => {
  it("clamp a share of 5 to the lever's range, say so, and never show more than 100%", async () => {
    const { page, errors } = await open("#s=nevp-2025-30-targets&o.adoption.target_ev_share.car=5");
    await expect
      .poll(() => page.locator("[data-testid=link-notice]").innerText())
      .toMatch(/adoption\.target_ev_share\.car = 5 is outside the lever's range 0 to 1; set to 1/);
    const state = await page.evaluate(() => window.__evplan!.state);
    expect(state.overrides["adoption.target_ev_share.car"]).toBe(1);
    const share = await page.locator('[data-testid="headline-share2030"] .card-value').innerText();
    expect(Number(share.replace("%", ""))).toBeLessThanOrEqual(100);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an unknown scenario, lever and comparison leave a working page with a notice", async () => {
    const { page, errors } = await open("#s=nosuch&c=gone&o.no.such.lever=3&zzz=1");
    const text = await page.locator("[data-testid=link-notice]").innerText();
    expect(text).toMatch(/there is no scenario "nosuch"; nevp-2025-30 is shown/);
    expect(text).toMatch(/no scenario "gone" to compare with/);
    expect(text).toMatch(/"zzz" is not a planner setting/);
    expect(await page.locator('[data-testid="headline-share2030"] .card-value').innerText()).toMatch(/^\d+\.\d%$/);
    expect(await page.locator(".error").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a huge link is ignored whole, at once", async () => {
    const { page } = await open("#s=nevp-2025-30&" + "o.x=1&".repeat(40_000));
    expect(await page.locator("[data-testid=link-notice]").innerText()).toMatch(/KB long, more than 16 KB; its settings were ignored/);
    await page.close();
  });
});
