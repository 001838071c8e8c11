#!/usr/bin/env node
// How long the report workbook takes to build (not a test: figures to read). In the page: the "Excel" button, from
// the click to the file (the planner records it in window.__evplan.xlsxMs), five times. In the CLI: the workbook's
// description and ExcelJS writing it, five times, and `runWorkbookBytes` whole (with what it takes and 200 samples).
// Usage: npm run build:web && node packages/web/bench/xlsx.mjs
import { join } from "node:path";
import { launch, startServer } from "./browser-helpers.mjs";

const root = join(import.meta.dirname, "..", "..", "..");
const server = await startServer();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
await page.goto(server.url + "#s=nevp-2025-30&c=nevp-no-subsidy");
await page.waitForFunction(() => (window.__evplan?.updates ?? 0) >= 1 && (window.__evplan?.analyses ?? 0) >= 1, null, { timeout: 60000 });
const web = [];
for (let i = 0; i < 5; i++) {
  await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-xlsx"]')]);
  web.push(await page.evaluate(() => window.__evplan.xlsxMs));
}
await browser.close();
server.stop();

const core = await import(join(root, "packages/core/dist/index.js"));
const { makeContext } = await import(join(root, "packages/cli/dist/context.js"));
const { runWorkbookBytes } = await import(join(root, "packages/cli/dist/commands/run-xlsx.js"));
const { default: ExcelJS } = await import("exceljs");
const ctx = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
const run = ctx.model.run("nevp-2025-30");
const c = run.main.scenario;
const cli = [];
let bytes = 0;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const spec = core.reportWorkbook({
    title: c.title,
    scenario: c.name,
    generated: "today",
    version: "bench",
    baseYear: c.baseYear,
    nYears: c.nYears,
    main: { label: c.title, out: run.main.out },
    counterfactual: { label: "reference (counterfactual)", out: run.counterfactual.out },
    targets: run.targets,
    figures: [],
    moved: [],
    differences: core.settingDifferences(ctx.model.registry, c, ctx.model.compile("reference")),
    referenceName: "reference",
  });
  bytes = (await core.writeWorkbook(spec, ExcelJS)).length;
  cli.push(performance.now() - t0);
}
const t0 = performance.now();
await runWorkbookBytes(ctx, run, "bench");
const whole = performance.now() - t0;
const f = (xs) => xs.map((x) => x.toFixed(0)).join(", ");
console.log(`web planner, click to file (ms): ${f(web)}`);
console.log(`CLI, workbook description + ExcelJS (ms): ${f(cli)}; ${(bytes / 1024).toFixed(0)} kB`);
console.log(`CLI, runWorkbookBytes with what it takes and 200 Monte Carlo samples: ${whole.toFixed(0)} ms`);
