// Saved scenarios in the planner, through the evplan server: save the current settings, list, rename, open from a
// shared link, delete. Headless Debian Chromium against the real server (its own temporary database).
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { MOVE_SLIDER } from "../bench/browser-helpers.mjs";
import { plannerBrowser } from "./planner-browser";

// The server with a temporary database of its own.
const planner = plannerBrowser(() => (process.env.EVPLAN_DB = join(mkdtempSync(join(tmpdir(), "evplan-web-saved-")), "db.sqlite")));

async function open(hash = ""): Promise<{ page: Page; errors: string[] }> {
  const page = await planner.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => void d.accept());
  await page.goto(planner.url + hash);
  await page.waitForFunction(() => (window.__evplan?.runs ?? 0) > 0, null, { timeout: 30_000 });
  return { page, errors };
}

const leverValue = (page: Page, series: string) => page.locator(`input[data-series="${series}"]`).first().inputValue();

describe("saved scenarios in the planner", () => {
  it("saves the settings, lists, renames, opens from a link and deletes", async () => {
    const { page, errors } = await open();
    await page.evaluate(`(${MOVE_SLIDER})(${JSON.stringify({ series: "policy.subsidy_scale", value: 3 })})`);
    await page.locator('[data-testid="saved"] summary').click();
    await page.fill('[data-testid="saved-name"]', "triple-subsidy");
    await page.fill('[data-testid="saved-notes"]', "subsidy programme x3");
    await page.click('[data-testid="saved-save"]');
    await page.locator('[data-testid="saved-triple-subsidy"]').waitFor();
    expect(await page.locator('[data-testid="saved-message"]').innerText()).toMatch(/Saved "triple-subsidy"/);

    // The server has it, with the lever's path as the planner applied it (what the exported YAML carries).
    const saved = await (await fetch(`${planner.url}api/v1/saved/triple-subsidy`)).json();
    expect(saved.notes).toBe("subsidy programme x3");
    expect(saved.scenario.overrides["policy.subsidy_scale"].interpolation).toBe("step");
    expect(Object.values(saved.scenario.overrides["policy.subsidy_scale"].values)).toContain(3);

    await page.click('[data-testid="saved-triple-subsidy"] [data-testid="saved-rename"]');
    await page.fill('[data-testid="saved-rename-to"]', "subsidy-x3");
    await page.click('[data-testid="saved-rename-ok"]');
    await page.locator('[data-testid="saved-subsidy-x3"]').waitFor();
    expect(await page.locator('[data-testid="saved-triple-subsidy"]').count()).toBe(0);

    // A shared link opens the planner on the saved settings.
    const fresh = await open("#saved=subsidy-x3");
    await fresh.page.waitForFunction(() => (window.__evplan?.state.overrides["policy.subsidy_scale"] ?? 0) === 3, null, { timeout: 15_000 });
    expect(Number(await leverValue(fresh.page, "policy.subsidy_scale"))).toBe(3);
    expect(fresh.errors).toEqual([]);

    // Hand-set years of the year table come back as year settings, not only the slider (nothing saved is lost).
    const edited = await open("#s=nevp-2025-30&o.policy.subsidy_budget=12000000000&y.policy.subsidy_budget.2029=3000000000");
    await edited.page.locator('[data-testid="saved"] summary').click();
    await edited.page.fill('[data-testid="saved-name"]', "budget-2029");
    await edited.page.click('[data-testid="saved-save"]');
    await edited.page.locator('[data-testid="saved-budget-2029"]').waitFor();
    const reopened = await open("#saved=budget-2029");
    await reopened.page.waitForFunction(() => window.__evplan?.state.years["policy.subsidy_budget"]?.[2029] === 3e9, null, { timeout: 15_000 });
    const restored = await reopened.page.evaluate(() => window.__evplan!.state);
    expect(Math.abs(restored.overrides["policy.subsidy_budget"] - 12e9)).toBeLessThan(1);
    expect(restored.years).toEqual({ "policy.subsidy_budget": { 2029: 3e9 } });
    expect(reopened.errors).toEqual([]);

    await page.click('[data-testid="saved-subsidy-x3"] [data-testid="saved-delete"]');
    await page.locator('[data-testid="saved-subsidy-x3"]').waitFor({ state: "detached" });
    expect((await fetch(`${planner.url}api/v1/saved/subsidy-x3`)).status).toBe(404);
    expect(errors).toEqual([]);
  });
});
