// The planner in headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
// The same helpers the latency benchmark uses: serve the build on a free port, drive Debian's Chromium.
import { MOVE_SLIDER } from "../bench/browser-helpers.mjs";
import { plannerBrowser } from "./planner-browser";

const root = join(import.meta.dirname, "..", "..", "..");
const planner = plannerBrowser();
const shots = mkdtempSync(join(tmpdir(), "evplan-shots-"));

async function open(hash = ""): Promise<{ page: Page; errors: string[] }> {
  const page = await planner.browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(planner.url + hash);
  // One complete update: every chart has drawn the first run.
  await page.waitForFunction(() => (window.__evplan?.runs ?? 0) > 0 && (window.__evplan?.updates ?? 0) >= 1, null, { timeout: 30_000 });
  return { page, errors };
}

const headline = (page: Page, id: string) => page.locator(`[data-testid="headline-${id}"] .card-value`).innerText();
/** For each chart's box, the share of its canvas's pixels that are drawn (not transparent). */
const inkPerBox = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".charts [data-slot]")].map((slot) => {
      const canvas = slot.querySelector<HTMLCanvasElement>("canvas.plot-canvas")!;
      const px = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let drawn = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) drawn++;
      return [slot.dataset.slot!, drawn / (px.length / 4)] as const;
    }),
  );

const moveSlider = (page: Page, series: string, value: number) => page.evaluate(`(${MOVE_SLIDER})(${JSON.stringify({ series, value })})`);

describe("the planner in the browser", () => {
  it("loads with no console errors and shows the headline figures and charts", async () => {
    const { page, errors } = await open();
    expect(await headline(page, "share2030")).toMatch(/^\d+\.\d%$/);
    expect(await page.locator("[data-chart]").count()).toBe(9);
    // Every chart's metrics exist in the core today: no placeholder, and the board has drawn in every chart's box.
    expect(await page.locator("[data-testid^=placeholder-]").count()).toBe(0);
    const inked = await inkPerBox(page);
    expect(inked.map(([id]) => id)).toEqual(["share", "fleet", "co2", "ledger", "oil", "chargers", "peak", "battery", "jobs"]);
    for (const [id, share] of inked) expect(share, `ink in the box of chart ${id}`).toBeGreaterThan(0.02);
    expect(await page.locator(".lever-group").count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(shots, "planner.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps every chart in its box when the window is resized", async () => {
    const { page, errors } = await open();
    // One column of charts: every box changes size, and each canvas follows (ResizeObserver, board.ts).
    await page.setViewportSize({ width: 760, height: 1000 });
    await page.waitForFunction(() => {
      const a = document.querySelector('[data-slot="share"]')!.getBoundingClientRect();
      const b = document.querySelector('[data-slot="fleet"]')!.getBoundingClientRect();
      return b.top > a.bottom;
    });
    await page.waitForTimeout(100);
    for (const [id, share] of await inkPerBox(page)) expect(share, `ink in the box of chart ${id} after resizing`).toBeGreaterThan(0.02);
    // Each canvas fits its box after the resize (no chart stretched or cut to its old size).
    const fit = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(".charts [data-slot]")].map((slot) => {
        const c = slot.querySelector("canvas")!.getBoundingClientRect();
        const b = slot.getBoundingClientRect();
        return Math.abs(c.width - b.width) + Math.abs(c.height - b.height);
      }),
    );
    const gap = Math.max(...fit);
    expect(gap).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("moving a lever changes a headline figure and redraws the charts", async () => {
    const { page } = await open();
    const before = await headline(page, "share2030");
    const chartBefore = await page.locator('[data-slot="share"]').screenshot();
    const runs = await page.evaluate(() => window.__evplan!.runs);
    const updates = await page.evaluate(() => window.__evplan!.updates);
    await moveSlider(page, "policy.subsidy_scale", 4);
    await page.waitForFunction(([n, u]) => window.__evplan!.runs > n && window.__evplan!.updates > u, [runs, updates]);
    await page.waitForFunction(() => location.hash.includes("o.policy.subsidy_scale=4"));
    const after = await headline(page, "share2030");
    expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
    const chartAfter = await page.locator('[data-slot="share"]').screenshot();
    expect(Buffer.compare(chartBefore, chartAfter)).not.toBe(0);
    expect(page.url()).toContain("o.policy.subsidy_scale=4");
    await page.close();
  });

  it("a burst of moves faster than the runs ends on the last move's figures", async () => {
    // The figure a page opened at the last move's setting shows.
    const fresh = await open("#s=nevp-2025-30&o.policy.subsidy_scale=4");
    const expected = await headline(fresh.page, "share2030");
    await fresh.page.close();
    const { page, errors } = await open();
    expect(await headline(page, "share2030")).not.toBe(expected);
    const updates = await page.evaluate(() => window.__evplan!.updates);
    // Twenty moves in one task: each asks for a run, and the requests wait in the worker together.
    await page.evaluate(
      `(() => { const move = ${MOVE_SLIDER}; for (let i = 1; i <= 20; i++) move({ series: "policy.subsidy_scale", value: i === 20 ? 4 : 0.5 + i * 0.1 }); })()`,
    );
    await page.waitForFunction((want) => document.querySelector('[data-testid="headline-share2030"] .card-value')?.textContent === want, expected, {
      timeout: 10_000,
    });
    // Every chart is drawn with the last run, those out of view too.
    await page.waitForFunction((u) => window.__evplan!.updates > u, updates, { timeout: 10_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("in a drag, draws the charts out of view once the moves stop, with the last move's run", async () => {
    const fresh = await open("#s=nevp-2025-30&o.policy.subsidy_scale=3");
    const expected = await headline(fresh.page, "share2030");
    await fresh.page.close();
    const { page, errors } = await open();
    const updates = await page.evaluate(() => window.__evplan!.updates);
    // Twenty moves, one a frame (as a dragged slider's input comes), the page at its top: the last chart is out of
    // view. Its plot counts the times it is painted; the page counts the runs it shows.
    const drag = await page.evaluate(`(async () => {
      const move = ${MOVE_SLIDER};
      const slots = [...document.querySelectorAll(".charts [data-slot]")];
      const last = slots[slots.length - 1];
      const plot = window.__evplanBoard.plot(last.dataset.slot);
      let painted = 0;
      const draw = plot.draw.bind(plot);
      plot.draw = () => { if (plot.dirty) painted++; draw(); };
      const shown0 = window.__evplan.shown;
      await new Promise((resolve) => {
        let k = 0;
        const tick = () => {
          move({ series: "policy.subsidy_scale", value: k === 19 ? 3 : 0.5 + k * 0.1 });
          if (++k < 20) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      return { outOfView: last.getBoundingClientRect().top > innerHeight, painted, shown: window.__evplan.shown - shown0 };
    })()`);
    const { outOfView, painted, shown } = drag as { outOfView: boolean; painted: number; shown: number };
    expect(outOfView).toBe(true);
    // What is in view followed the moves, a few of them at least (CI machines are slow)...
    expect(shown).toBeGreaterThanOrEqual(3);
    // ...while the chart out of view waited for the moves to stop (board.ts: a pending run holds it back).
    expect(painted).toBeLessThanOrEqual(2);
    // Then every chart is drawn with the last move's run.
    await page.waitForFunction((u) => window.__evplan!.updates > u, updates, { timeout: 10_000 });
    const stale = await page.evaluate(() => {
      const board = (window as unknown as { __evplanBoard: { plot(id: string): { dirty: boolean } } }).__evplanBoard;
      return [...document.querySelectorAll<HTMLElement>(".charts [data-slot]")].filter((el) => board.plot(el.dataset.slot!).dirty).map((el) => el.dataset.slot);
    });
    expect(stale).toEqual([]);
    expect(await headline(page, "share2030")).toBe(expected);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("drops the first screen's answers for a setting moved away from while they are worked out", async () => {
    const fresh = await open("#s=nevp-2025-30&o.policy.subsidy_scale=2.7");
    await fresh.page.waitForFunction(() => (window.__evplan!.analyses ?? 0) >= 1, null, { timeout: 30_000 });
    await fresh.page.waitForSelector('[data-testid="headline-probability"][aria-busy="false"]');
    const expected = await fresh.page.locator('[data-testid="headline-probability"]').innerText();
    await fresh.page.close();
    const { page, errors } = await open();
    await page.waitForFunction(() => (window.__evplan!.analyses ?? 0) >= 1, null, { timeout: 30_000 });
    const answered = await page.evaluate(() => window.__evplan!.analyses!);
    // One move; as soon as its answers are asked for (300 ms later), another: the worker is then inside the first
    // setting's answers (a goal seek and 200 samples take far longer than the few milliseconds in between).
    await page.evaluate(`(async () => {
      const move = ${MOVE_SLIDER};
      const asked = window.__evplan.analysesAsked ?? 0;
      move({ series: "policy.subsidy_scale", value: 1.9 });
      while ((window.__evplan.analysesAsked ?? 0) === asked) await new Promise((r) => setTimeout(r, 1));
      move({ series: "policy.subsidy_scale", value: 2.7 });
    })()`);
    await page.waitForFunction((n) => window.__evplan!.analyses! > n, answered, { timeout: 30_000 });
    await page.waitForSelector('[data-testid="headline-probability"][aria-busy="false"]');
    expect(await page.locator('[data-testid="headline-probability"]').innerText()).toBe(expected);
    // The first move's answers never came: the worker stopped them (one answer, not two, in the next two seconds).
    await page.waitForTimeout(2000);
    expect(await page.evaluate(() => window.__evplan!.analyses)).toBe(answered + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the year's values in the axis tooltip over a chart, in the chart's own format", async () => {
    const { page, errors } = await open();
    await page.locator('[data-slot="share"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-slot="share"]').boundingBox())!;
    // Over the middle of the chart: a year of the run and each segment's share as a percentage.
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tip = page.locator('[data-slot="share"] .plot-tip');
    await tip.waitFor({ state: "visible" });
    const text = await tip.innerText();
    const year = Number(text.split("\n")[0]);
    expect(year).toBeGreaterThanOrEqual(2025);
    expect(year).toBeLessThanOrEqual(2060);
    expect(text).toMatch(/\d+\.\d%/);
    // The targets marker is labelled on the chart and left out of the tooltip.
    expect(text).not.toMatch(/targets/i);
    await page.mouse.move(box.x - 40, box.y - 40);
    await tip.waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a shared link restores the view exactly", async () => {
    const { page } = await open("#s=nevp-2025-30&o.policy.subsidy_scale=3&o.taxes.carbon_levy=40");
    const figure = await headline(page, "share2030");
    const value = await page.locator('input[data-series="taxes.carbon_levy"]').inputValue();
    const url = page.url();
    await page.close();
    const { page: again } = await open(url.slice(url.indexOf("#")));
    expect(await headline(again, "share2030")).toBe(figure);
    expect(await again.locator('input[data-series="taxes.carbon_levy"]').inputValue()).toBe(value);
    expect(value).toBe("40");
    await again.close();
  });

  it("exports a scenario YAML that the CLI runs to the same figures", async () => {
    const { page } = await open("#s=nevp-2025-30&o.policy.subsidy_scale=2.5&o.policy.nev_levy_rate.car=0.05");
    const shown = await headline(page, "share2030");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-yaml"]')]);
    const file = join(mkdtempSync(join(tmpdir(), "evplan-yaml-")), "planner.yaml");
    await download.saveAs(file);
    const yaml = readFileSync(file, "utf8");
    expect(yaml).toMatch(/extends: nevp-2025-30/);
    const r = spawnSync(process.execPath, [join(root, "packages/cli/bin/evplan.js"), "run", file, "--format", "json"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    const cli = doc.metrics.ev_sales_share.total[2030 - doc.years[0]];
    expect(`${(cli * 100).toFixed(1)}%`).toBe(shown);
    await page.close();
  });

  it("exports all metrics as CSV", async () => {
    const { page } = await open();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-csv"]')]);
    const file = join(mkdtempSync(join(tmpdir(), "evplan-csv-")), "m.csv");
    await download.saveAs(file);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[0]).toBe("scenario,metric,segment,powertrain,breakdown,year,value,unit");
    expect(lines.some((l) => l.startsWith("nevp-2025-30,net_fiscal,total,all,all,2030,"))).toBe(true);
    await page.close();
  });

  it("exports all metrics as an Excel workbook", async () => {
    const { page } = await open();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-xlsx"]')]);
    const file = join(mkdtempSync(join(tmpdir(), "evplan-xlsx-")), "m.xlsx");
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK"); // a zip container, as XLSX files are
    expect(bytes.length).toBeGreaterThan(10_000);
    await page.close();
  });

  it("switches to Urdu, laid out right to left", async () => {
    const { page } = await open();
    await page.click('[data-testid="lang"]');
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ur");
    expect(await page.locator("h1").innerText()).toBe("ای وی پلان");
    // The address follows the state after a pause (App.tsx): wait for it, then read it.
    await page.waitForFunction(() => location.hash.includes("l=ur"));
    expect(page.url()).toContain("l=ur");
    await page.screenshot({ path: join(shots, "planner-urdu.png") });
    await page.close();
  });

  it("computes fan charts and a tornado in the worker without freezing the page", async () => {
    const { page } = await open();
    await page.selectOption(".uncertainty select", "100");
    await page.click('[data-testid="run-uncertainty"]');
    // The page stays responsive while the worker samples: the language switch still works.
    await page.click('[data-testid="lang"]');
    await page.click('[data-testid="lang"]');
    await page.waitForSelector('[data-testid="probability"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="probability"]').innerText()).toMatch(/P\(≥ 30% in 2030\) = \d+%/);
    expect(await page.locator('[data-chart="fan-share"]').count()).toBe(1);
    expect(await page.locator('[data-chart="tornado"]').count()).toBe(1);
    // The legend says what the bands are (one entry each, no helper series), a line explains median against the
    // central run, and the tornado names its inputs in words.
    expect(await page.locator('[data-chart="fan-share"] .legend').innerText()).toMatch(
      /9 in 10 runs \(p5-p95\)\s+middle half \(p25-p75\)\s+median\s+central run/,
    );
    expect(await page.locator('[data-chart="fan-share"] .legend li').count()).toBe(4);
    expect(await page.locator('[data-testid="median-note"]').innerText()).toMatch(/median .* is not the central run/);
    await page.click('[data-chart="tornado"] .chart-data summary');
    // The table is drawn once the details open (Chart.tsx renders it on toggle): wait for its rows.
    await page.waitForSelector('[data-chart="tornado"] .chart-data tbody th', { timeout: 30_000 });
    const inputs = await page.locator('[data-chart="tornado"] .chart-data tbody th').allInnerTexts();
    expect(inputs.length).toBeGreaterThanOrEqual(5);
    for (const name of inputs) expect(name).not.toMatch(/^[a-z_]+\.[a-z_.]+$/);
    await page.close();
  });

  it("backtests an uploaded history file and draws observed, forecast, naive and persistence", async () => {
    const { page } = await open();
    const lines = ["region_country,category,parameter,mode,powertrain,year,unit,value"];
    // A logistic-looking history for a made-up country.
    for (let y = 2012; y <= 2024; y++)
      lines.push(`Testland,Historical,EV sales share,Cars,EV,${y},percent,${(60 / (1 + Math.exp(-0.6 * (y - 2021)))).toFixed(2)}`);
    const file = join(mkdtempSync(join(tmpdir(), "evplan-hist-")), "history.csv");
    writeFileSync(file, lines.join("\n") + "\n");
    await page.setInputFiles('[data-testid="backtest-file"]', file);
    await page.waitForSelector('[data-testid="backtest-mae"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="backtest-mae"]').innerText()).toMatch(
      /MAE: model \d+\.\d+ pp · naive \d+\.\d+ pp · persistence \d+\.\d+ pp · band coverage \d+%/,
    );
    expect(await page.locator('[data-chart="backtest"]').count()).toBe(1);
    await page.close();
  });

  it("exports a chart as SVG with its title", async () => {
    const { page } = await open();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="svg-co2"]')]);
    const file = join(mkdtempSync(join(tmpdir(), "evplan-svg-")), "co2.svg");
    await download.saveAs(file);
    const svg = readFileSync(file, "utf8");
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("Road CO₂ against the counterfactual");
    await page.close();
  });

  it("compares the current settings with another preset", async () => {
    const { page } = await open();
    await page.selectOption('[data-testid="compare"]', "reference");
    await page.waitForSelector('[data-testid="headline-share2030"] .card-compare');
    expect(await page.locator('[data-testid="headline-share2030"] .card-compare').innerText()).toMatch(
      /^Reference \(base-year policies continue\): \d+\.\d% · difference [+−]\d+\.\d pp$/,
    );
    expect(await page.locator('[data-chart="share"] .legend').innerText()).toContain("Reference (base-year policies continue) (all)");
    await page.waitForFunction(() => location.hash.includes("c=reference"));
    await page.close();
  });

  it("finds where a number comes from", async () => {
    const { page } = await open();
    await page.fill(`[data-testid="assumption-search"]`, "fleet.survival_lambda");
    const rows = page.locator(".assumptions tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(/fleet\.survival_lambda/);
    await page.fill(`[data-testid="assumption-search"]`, "");
    await page.click('[data-testid="filter-assumption"]');
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    expect(await page.locator(".assumptions tbody tr .badge.sourced").count()).toBeLessThan(n);
    expect(await page.locator(".assumptions tbody tr .badge.assumption").count()).toBeGreaterThan(0);
    await page.close();
  });
});
