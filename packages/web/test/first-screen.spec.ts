// The first screen an analyst briefs from, the exports they paste into a report, and the printable brief.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { metricDef } from "@evplan/core";
import type { Page } from "playwright-core";
import { plannerBrowser } from "./planner-browser";

const planner = plannerBrowser();

async function open(hash = "", init?: string): Promise<{ page: Page; errors: string[] }> {
  const page = await planner.browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  if (init) await page.addInitScript(init);
  await page.goto(planner.url + hash);
  await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1 && (window.__evplan?.analyses ?? 0) >= 1, null, { timeout: 60_000 });
  return { page, errors };
}

async function download(page: Page, testid: string, name: string): Promise<{ file: string; suggested: string }> {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid="${testid}"]`)]);
  const file = join(mkdtempSync(join(tmpdir(), "evplan-dl-")), name);
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename() };
}

const today = new Date().toISOString().slice(0, 10);

describe("the first screen", () => {
  it("says what it takes to reach 30% in 2030, and that answer reaches 30% when applied", async () => {
    const { page, errors } = await open();
    const main = page.locator('[data-testid="what-it-takes-main"]');
    expect(await main.getAttribute("data-lever")).toBe("policy.subsidy_scale");
    const value = Number(await main.getAttribute("data-value"));
    expect(value).toBeGreaterThan(1);
    const card = await page.locator('[data-testid="headline-what-it-takes"]').innerText();
    expect(card).toMatch(/Subsidy programme scale/);
    expect(card).toMatch(/net fiscal cost to 2030: PKR [\d,]+ bn \(\+PKR [\d,]+ bn than now\)/);
    // The other levers are listed with their answer or their limit.
    await page.click('[data-testid="headline-what-it-takes"] .other-levers summary');
    expect(await page.locator('[data-testid="headline-what-it-takes"] li[data-lever="policy.nev_levy_rate"]').innerText()).toMatch(
      /cannot reach it on its own: at most \d+\.\d%/,
    );
    await page.close();
    // Applying the answer gives 30.0%, and the card then says the target is met.
    const { page: applied } = await open(`#s=nevp-2025-30&o.policy.subsidy_scale=${value}`);
    expect(await applied.locator('[data-testid="headline-share2030"] .card-value').innerText()).toBe("30.0%");
    await applied.waitForFunction(() => !document.querySelector('[data-testid="headline-what-it-takes"]')?.classList.contains("pending-analysis"));
    expect(errors).toEqual([]);
    await applied.close();
  });

  it("gives the probability of the headline targets, computed in the background and higher with more subsidy", async () => {
    const { page } = await open();
    const p = page.locator('[data-testid="headline-probability"] .card-value');
    const base = Number(await p.getAttribute("data-probability"));
    expect(await page.locator('[data-testid="headline-probability"]').innerText()).toMatch(/chance of ≥ 30% 2030[\s\S]*≥ 90% 2040: \d+%[\s\S]*200 runs/);
    // Moving a lever marks the figure as pending, then replaces it (cached per setting: moving back is instant).
    const before = await page.evaluate(() => window.__evplan!.analyses ?? 0);
    await page.evaluate(() => (location.hash = "#s=nevp-2025-30&o.policy.subsidy_scale=8"));
    await page.waitForFunction((n) => (window.__evplan!.analyses ?? 0) > n, before);
    await page.waitForFunction(() => !document.querySelector('[data-testid="headline-probability"]')?.classList.contains("pending-analysis"));
    const more = Number(await p.getAttribute("data-probability"));
    expect(more).toBeGreaterThan(base);
    await page.close();
  });

  it("shows the segment targets beside the total, and marks the subsidy end and levy start on the charts", async () => {
    const { page } = await open();
    const rows = await page.locator('[data-testid="segment-targets"] tr').allInnerTexts();
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(["2-wheelers", "3-wheelers", "cars", "LCVs", "buses", "trucks"]);
    expect(rows[0]).toMatch(/\d+%\s+\/ 50%/);
    // The annotations are part of the chart's option: read them back from the board's ECharts instance.
    const lines = await page.evaluate(() => {
      const w = window as unknown as { __evplanBoardOption?: () => { series: { markLine?: { data: { xAxis: string; label: { formatter: string } }[] } }[] } };
      return w.__evplanBoardOption?.().series.flatMap((s) => s.markLine?.data.map((d) => `${d.xAxis} ${d.label.formatter}`) ?? []);
    });
    expect(lines).toContain("2031 subsidies end 2031");
    expect(lines).toContain("2026 NEV levy starts 2026");
    await page.close();
  });

  it("explains why the figures differ from a comparison, one lever at a time, adding up", async () => {
    const { page } = await open("#s=nevp-2025-30&c=nevp-no-subsidy");
    await page.waitForSelector('[data-testid="why-changed"]');
    await page.click('[data-chart="why-share"] .chart-data summary');
    // The decomposition arrives from the worker after the comparison's run: wait for its rows (a loaded machine).
    await page.waitForSelector('[data-chart="why-share"] .chart-data tbody tr', { timeout: 30_000 });
    const steps = await page.locator('[data-chart="why-share"] .chart-data tbody tr').allInnerTexts();
    expect(steps[0]).toMatch(/^comparison: NEVP without purchase subsidies/);
    expect(steps.at(-1)).toMatch(/^current settings/);
    expect(steps.some((s) => /^Subsidy programme scale/.test(s))).toBe(true);
    const { file } = await download(page, "export-why", "why.csv");
    const rows = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    const num = (r: string[]) => Number(r.at(-2));
    const from = num(rows[0]);
    const to = num(rows.at(-1)!);
    const parts = rows.slice(1, -1).reduce((s, r) => s + num(r), 0);
    expect(from + parts).toBeCloseTo(to, 6);
    await page.close();
  });

  it("Copy link falls back to a selected address when the clipboard API is missing (plain http)", async () => {
    const { page } = await open(
      "#s=nevp-2025-30&o.policy.subsidy_scale=2",
      "Object.defineProperty(navigator, 'clipboard', { value: undefined }); document.execCommand = () => false;",
    );
    await page.click('[data-testid="share"]');
    const input = page.locator('[data-testid="copy-fallback"] input');
    await input.waitFor();
    expect(await input.inputValue()).toMatch(/#s=nevp-2025-30&o\.policy\.subsidy_scale=2$/);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).selectionEnd! > 10)).toBe(true);
    await page.close();
  });
});

describe("exports", () => {
  it("CSV has the scenario, counterfactual and difference rows, like the CLI, and a file name with the scenario and date", async () => {
    const { page } = await open("#s=nevp-2025-30&o.policy.subsidy_scale=2");
    const { file, suggested } = await download(page, "export-csv", "m.csv");
    expect(suggested).toBe(`evplan-nevp-2025-30-planner-${today}.csv`);
    const lines = readFileSync(file, "utf8").split("\n");
    const at = (label: string) => Number(lines.find((l) => l.startsWith(`${label},net_fiscal,total,all,all,2030,`))!.split(",")[6]);
    expect(at("nevp-2025-30-planner minus reference")).toBeCloseTo(at("nevp-2025-30-planner") - at("reference"), 3);
    await page.close();
  });

  it("XLSX has Summary, Settings and wide metric sheets with labels, units, formats, frozen headers and filters", async () => {
    const { page } = await open("#s=nevp-2025-30&c=nevp-no-subsidy&o.policy.subsidy_scale=2");
    await page.waitForSelector('[data-testid="why-changed"]');
    const { file, suggested } = await download(page, "export-xlsx", "m.xlsx");
    expect(suggested).toBe(`evplan-nevp-2025-30-planner-${today}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Settings",
      "Sales and fleet",
      "Energy and CO2",
      "Money",
      "Charging and grid",
      "Batteries and industry",
      "Why it changed",
    ]);
    const summary = wb.getWorksheet("Summary")!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    const share = rows.find((r) => r[1] === "30% of all new sales electric")!;
    expect(share[2]).toBe(2030);
    expect(typeof share[3]).toBe("number");
    expect(share[6]).toMatch(/^(met|missed)$/);
    const shareAt = (summary.getSheetValues() as unknown[][]).findIndex((r) => r?.[1] === "30% of all new sales electric");
    expect(summary.getRow(shareAt).getCell(3).numFmt).toBe("0.0%");
    expect(summary.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(rows.some((r) => String(r[1]).startsWith("What it takes to reach 30% in 2030: Subsidy programme scale"))).toBe(true);
    expect(rows.some((r) => String(r[1]).startsWith("Probability: 30% of all new sales electric"))).toBe(true);
    const settings = wb.getWorksheet("Settings")!.getSheetValues().filter(Boolean) as unknown[][];
    const moved = settings.find((r) => r[1] === "moved in the planner")!;
    expect(moved.slice(2, 6)).toEqual(["Subsidy programme scale", 2026, 2, 1]);
    expect(settings.some((r) => r[1] === "differs from reference" && /NEV adoption levy/.test(String(r[2])) && String(r[7]).length > 10)).toBe(true);
    const sales = wb.getWorksheet("Sales and fleet")!;
    const header = sales.getRow(4).values as unknown[];
    expect(header.slice(1, 6)).toEqual(["Scenario", "Metric (unit)", "Segment", "Split", "2025"]);
    expect(sales.views[0]).toMatchObject({ state: "frozen", xSplit: 4, ySplit: 4 });
    expect(sales.autoFilter).toBeTruthy();
    const salesRows = sales.getSheetValues() as unknown[][];
    const shareAtRow = salesRows.findIndex((r) => r?.[2] === "EV share of new sales (%)" && r[3] === "all segments");
    expect(salesRows[shareAtRow][4]).toBe("all");
    const cell = sales.getRow(shareAtRow).getCell(5 + 2030 - 2025);
    expect(cell.numFmt).toBe("0.0%");
    const money = wb.getWorksheet("Money")!.getSheetValues() as unknown[][];
    const net = money.find((r) => r?.[2] === `${metricDef("net_fiscal")!.label} (PKR bn)` && r[3] === "all segments")!;
    expect(Math.abs(net[10] as number)).toBeLessThan(1000); // PKR bn, not rupees
    expect(money.some((r) => String(r?.[1]).endsWith("minus Reference (base-year policies continue) (counterfactual)"))).toBe(true);
    // No raw segment codes anywhere in the wide sheets.
    for (const w of wb.worksheets.slice(2, 7)) for (const r of w.getSheetValues() as unknown[][]) if (r) expect(String(r[3])).not.toMatch(/_/);
    await page.close();
  });

  it("PNG and SVG files name the scenario; the SVG uses fonts that exist outside the page", async () => {
    const { page } = await open("#s=nevp-2025-30&o.policy.subsidy_scale=2");
    const png = await download(page, "png-share", "a.png");
    expect(png.suggested).toBe(`evplan-nevp-2025-30-planner-${today}-share.png`);
    const svg = await download(page, "svg-ledger", "a.svg");
    const text = readFileSync(svg.file, "utf8");
    expect(text).toContain("NEVP 2025-30 as announced (market mode) + 1 changed");
    expect(text).not.toMatch(/font-family[:=]"?inherit/);
    expect(text).toMatch(/Liberation Sans/);
    await page.close();
  });
});

describe("method pages and the brief", () => {
  it("every chart's method link opens an HTML page with that section", async () => {
    const { page } = await open();
    const links = await page.locator(".chart-actions a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(9);
    for (const href of new Set(links)) {
      const [url, anchor] = href.split("#");
      expect(url).toMatch(/\.html$/);
      const html = await (await fetch(url)).text();
      if (anchor) expect(html, href).toContain(`id="${anchor}"`);
    }
    await page.close();
  });

  it("the brief page answers the question against the targets, with what it takes, the probability, charts and sources", async () => {
    const page = await planner.browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.goto(`${planner.url}brief.html#s=nevp-2025-30&c=nevp-no-subsidy`);
    await page.waitForFunction(() => window.__briefReady === true, null, { timeout: 60_000 });
    const text = await page.locator("article.brief").innerText();
    expect(text).toMatch(/No\. With these settings \d+\.\d% of new vehicles sold in 2030 are electric, against the 30% target/);
    expect(text).toMatch(/Subsidy programme scale at ×\d+\.\d+/);
    expect(text).toMatch(/chance of reaching the target, over 400 Monte Carlo runs/);
    // Two charts on the first page; with a comparison, the waterfall and the CO2 chart on the second.
    expect(await page.locator(".brief-charts svg").count()).toBe(2);
    expect(await page.locator(".brief-why svg").count()).toBe(2);
    expect(await page.locator('[data-testid="brief-why"]').count()).toBe(1);
    expect(text).toMatch(/State Bank of Pakistan|Finance Act|Ministry/);
    expect(text).toMatch(/evplan \d+\.\d+\.\d+/);
    await page.close();
  });

  it("the brief's settings table lists the years set by hand beside the scenario's values", async () => {
    const page = await planner.browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.goto(`${planner.url}brief.html#s=nevp-2025-30&y.policy.subsidy_budget.2028-2029=3000000000`);
    await page.waitForFunction(() => window.__briefReady === true, null, { timeout: 60_000 });
    const row = page.locator(".brief-table.settings tr", { hasText: "years set by hand" });
    expect(await row.count()).toBe(1);
    const cells = await row.locator("td").allInnerTexts();
    expect(cells[1]).toBe("2028");
    expect(cells[2]).toMatch(/^2028-2029: /);
    expect(cells[3]).toMatch(/^2028-2029: .*\(scenario\)$/);
    expect(cells[2]).not.toBe(cells[3].replace(/ \(scenario\)$/, ""));
    await page.close();
  });
});
