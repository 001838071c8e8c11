// A lever's year table in the browser (issue 13): a year edited by hand is applied, carried by the link and the
// exported YAML exactly, and `evplan run` of that YAML gives the page's own figures; the slider scales the whole
// path, the years set by hand included.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import ExcelJS from "exceljs";
import { MOVE_SLIDER } from "../bench/browser-helpers.mjs";
import { plannerBrowser } from "./planner-browser";

const root = join(import.meta.dirname, "..", "..", "..");
const planner = plannerBrowser();

async function open(hash: string, width = 1400): Promise<{ page: Page; errors: string[] }> {
  const page = await planner.browser.newPage({ viewport: { width, height: 1000 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(planner.url + hash);
  await page.waitForFunction(() => (window.__evplan?.runs ?? 0) > 0, null, { timeout: 30_000 });
  return { page, errors };
}

const BUDGET = "policy.subsidy_budget";
const LEVY = "taxes.carbon_levy";
const table = (page: Page, series: string) => page.locator(`[data-testid=year-table][data-series="${series}"]`);
const cell = (page: Page, series: string, year: number) => table(page, series).locator(`input[data-year="${year}"]`);
/** Wait for the run that follows a change: the runs counter moves past `before`. */
const nextRun = (page: Page, before: number) => page.waitForFunction((n) => window.__evplan!.runs > n, before, { timeout: 30_000 });
const runs = (page: Page) => page.evaluate(() => window.__evplan!.runs);

/** The scenario's rows of a tidy CSV, keyed by metric, segment, powertrain, breakdown and year. */
function rows(csv: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = csv.trim().split("\n");
  const scenario = lines[1].split(",")[0];
  for (const line of lines.slice(1)) {
    const f = line.split(",");
    if (f[0] === scenario) out.set(f.slice(1, 6).join(","), Number(f[6]));
  }
  return out;
}

async function download(page: Page, testid: string, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid="${testid}"]`)]);
  const file = join(mkdtempSync(join(tmpdir(), "evplan-years-")), name);
  await d.saveAs(file);
  return file;
}

describe("a lever's year table", () => {
  it("is a disclosure with a labelled table: the policy's value beside the value applied, by period", async () => {
    const { page, errors } = await open("#s=nevp-2025-30");
    const toggle = page.locator(`[data-testid=year-toggle][data-series="${BUDGET}"]`);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await toggle.getAttribute("aria-controls")).toBe(await table(page, BUDGET).getAttribute("id"));
    // The budget's dated path: Rs 9, 19, 24, 26, 23 bn in FY2026-30, nothing after.
    const body = await table(page, BUDGET).locator("tbody tr").allInnerTexts();
    expect(body.map((r) => r.split("\t")[0].trim())).toEqual(["2026", "2027", "2028", "2029", "2030", "2031–2060"]);
    expect(await cell(page, BUDGET, 2027).inputValue()).toBe("19");
    expect(await cell(page, BUDGET, 2027).getAttribute("aria-label")).toMatch(/subsidies, Fiscal year 2027, Applied \(PKR bn a year\)/);
    expect(await table(page, BUDGET).locator("caption").innerText()).toMatch(/the policy's value and the value applied/);
    // "Every year" splits the periods into single years.
    await table(page, BUDGET).getByLabel("Every year").check();
    expect(await table(page, BUDGET).locator("tbody tr").count()).toBe(2060 - 2026 + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("applies a year set by hand, the link and the YAML carry it, and `evplan run` gives the page's figures", async () => {
    const { page, errors } = await open("#s=nevp-2025-30");
    const shareBefore = await page.locator('[data-testid="headline-share2030"] .card-value').innerText();
    await page.click(`[data-testid=year-toggle][data-series="${BUDGET}"]`);
    let n = await runs(page);
    await cell(page, BUDGET, 2028).fill("60");
    await nextRun(page, n);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/y\.policy\.subsidy_budget\.2028=60000000000/);
    // Its neighbours keep the policy's values; the slider still shows FY2026's 9 bn, the value applied there.
    expect(await cell(page, BUDGET, 2027).inputValue()).toBe("19");
    expect(await page.locator(`.lever-row input[data-series="${BUDGET}"]`).inputValue()).toBe("9000000000");
    // The slider scales the whole path, the year set by hand with it: 9 -> 18 doubles 19 and 60.
    n = await runs(page);
    await page.evaluate(`(${MOVE_SLIDER})(${JSON.stringify({ series: BUDGET, value: 18e9 })})`);
    await nextRun(page, n);
    await expect.poll(() => cell(page, BUDGET, 2027).inputValue()).toBe("38");
    expect(await cell(page, BUDGET, 2028).inputValue()).toBe("120");
    // A run of years set at once: the carbon levy's last period.
    await page.click(`[data-testid=year-toggle][data-series="${LEVY}"]`);
    const last = table(page, LEVY).locator("tbody tr").last().locator("input");
    const lastYear = Number(await last.getAttribute("data-year"));
    n = await runs(page);
    await last.fill("9");
    await nextRun(page, n);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(new RegExp(`y\\.taxes\\.carbon_levy\\.${lastYear}-2060=9(&|$)`));
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/o\.policy\.subsidy_budget=18000000000/);
    expect(hash).toMatch(/y\.policy\.subsidy_budget\.2028=120000000000/);
    expect(await page.locator('[data-testid="headline-share2030"] .card-value').innerText()).not.toBe(shareBefore);

    // The page's figures, the YAML it exports, and the CLI's run of that YAML: the same numbers.
    const web = rows(readFileSync(await download(page, "export-csv", "web.csv"), "utf8"));
    const yamlFile = await download(page, "export-yaml", "planner.yaml");
    const yaml = readFileSync(yamlFile, "utf8");
    expect(yaml).toMatch(/policy\.subsidy_budget:\s+interpolation: step\s+values:[\s\S]*"2028": 120000000000/);
    const r = spawnSync(process.execPath, [join(root, "packages/cli/bin/evplan.js"), "run", yamlFile, "--format", "csv"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    expect(r.stderr).toBe("");
    const cli = rows(r.stdout);
    expect(cli.size).toBe(web.size);
    let worst = 0;
    for (const [k, v] of web) worst = Math.max(worst, Math.abs(v - cli.get(k)!) / Math.max(1, Math.abs(v)));
    expect(worst, "largest relative difference between the page's and the CLI's figures").toBeLessThan(1e-9);
    // The YAML's decimals against the page's products of a scale: equal to the last digit or two.
    expect(web.get("ev_sales_share,total,all,all,2030")).toBeCloseTo(cli.get("ev_sales_share,total,all,all,2030")!, 12);

    // The workbook's Settings sheet lists the years set by hand, against the policy's value.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download(page, "export-xlsx", "m.xlsx"));
    const settings = (wb.getWorksheet("Settings")!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    const hand = settings.find((r) => String(r[1]).includes("2028 set by hand"));
    expect(hand, JSON.stringify(settings.slice(0, 8))).toBeTruthy();
    expect(hand!.slice(2, 5)).toEqual([2028, 120e9, 24e9]);

    // The link alone reproduces the view: a fresh page on it gives the same figures.
    const again = await open(hash);
    await again.page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30_000 });
    const web2 = rows(readFileSync(await download(again.page, "export-csv", "web2.csv"), "utf8"));
    expect(web2).toEqual(web);
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
    await again.page.close();
    await page.close();
  });

  it("refuses a number outside the lever's range with a message, and resets the lever", async () => {
    const { page, errors } = await open("#s=nevp-2025-30&y.policy.subsidy_budget.2029=50000000000");
    await page.click(`[data-testid=year-toggle][data-series="${BUDGET}"]`);
    expect(await cell(page, BUDGET, 2029).inputValue()).toBe("50");
    await cell(page, BUDGET, 2029).fill("999");
    expect(await cell(page, BUDGET, 2029).getAttribute("aria-invalid")).toBe("true");
    expect(await table(page, BUDGET).getByRole("alert").innerText()).toMatch(/from 0 to 200/);
    // Nothing out of range was applied: the link still carries 50 bn.
    expect(await page.evaluate(() => location.hash)).toMatch(/y\.policy\.subsidy_budget\.2029=50000000000/);
    await cell(page, BUDGET, 2029).blur();
    const n = await runs(page);
    await table(page, BUDGET).getByTestId("year-reset").click();
    await nextRun(page, n);
    expect(await cell(page, BUDGET, 2029).inputValue()).toBe("26");
    await expect.poll(() => page.evaluate(() => location.hash)).not.toMatch(/subsidy_budget/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits the phone drawer, in Urdu, right to left", async () => {
    const { page, errors } = await open("#s=nevp-2025-30&l=ur", 390);
    await page.click("[data-testid=levers-open]");
    await page.click(`[data-testid=year-toggle][data-series="${BUDGET}"]`);
    const box = await table(page, BUDGET).boundingBox();
    const drawer = await page.locator("#levers").boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(drawer!.x - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(drawer!.x + drawer!.width + 1);
    expect(await table(page, BUDGET).locator("thead th").first().innerText()).toBe("مالی سال");
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    // Every input of the table is inside the drawer's width (nothing scrolls sideways).
    const overflow = await table(page, BUDGET).evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
