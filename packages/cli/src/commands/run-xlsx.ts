// `evplan run --format xlsx --out DIR`: the report workbook the web planner exports (the core's description),
// for a scenario from the command line: headline figures and targets, what it takes, the probability of the
// targets, the settings that differ from the reference with sources, and wide sheets per metric group.
import ExcelJS from "exceljs";
import {
  cumulative,
  metricValue,
  reportWorkbook,
  runUncertainty,
  settingDifferences,
  whatItTakes,
  writeWorkbook,
  type ExcelLike,
  type ScenarioRun,
} from "@evplan/core";
import type { Context } from "../context.js";

/** Samples for the probabilities in the Summary sheet, as in the web planner's first screen. */
export const WORKBOOK_SAMPLES = 200;

export async function runWorkbookBytes(ctx: Context, run: ScenarioRun, version: string, today = new Date().toISOString().slice(0, 10)): Promise<Uint8Array> {
  const { model } = ctx;
  const c = run.main.scenario;
  const cf = run.counterfactual;
  const registry = model.registry;
  // Against the counterfactual in this scenario's frame (its context shared), so that the rows are what policy sets.
  let reference = model.counterfactualOf(c);
  if (!reference)
    try {
      reference = model.compile("reference");
    } catch {
      reference = null;
    }
  const t30 = c.targets.find((t) => t.metric === "ev_sales_share" && t.segment === "total" && t.year === 2030);
  const target = { metric: "ev_sales_share", segment: "total", year: 2030, value: t30?.value ?? 0.3, label: t30?.label ?? "30% of new sales electric" };
  const w = c.endYear >= 2030 ? whatItTakes(model, registry, c, target) : null;
  const u = runUncertainty(model, c, { samples: WORKBOOK_SAMPLES, seed: 1, metrics: ["ev_sales_share"], difference: false });
  const y = Math.min(2030, c.endYear);
  const last = Math.min(2060, c.endYear);
  const oil = cf ? cumulative(cf, "oil_import_cost", "total", c.baseYear, y) - cumulative(run.main, "oil_import_cost", "total", c.baseYear, y) : NaN;
  const label = (id: string) => registry.parameters.get(id)?.label ?? id;
  const spec = reportWorkbook({
    title: c.title,
    scenario: c.name,
    generated: today,
    version,
    baseYear: c.baseYear,
    nYears: c.nYears,
    main: { label: c.title, out: run.main.out },
    counterfactual: cf ? { label: `${cf.scenario.title} (counterfactual)`, out: cf.out } : null,
    targets: run.targets,
    figures: [
      {
        label: `Net fiscal cost ${c.baseYear}-${y} (+ is a cost to the treasury)`,
        value: cumulative(run.main, "net_fiscal", "total", c.baseYear, y) / 1e9,
        unit: "PKR bn",
        numFmt: "#,##0.0",
      },
      ...(cf ? [{ label: `Oil imports avoided ${c.baseYear}-${y} against the counterfactual`, value: oil / 1e9, unit: "USD bn", numFmt: "#,##0.00" }] : []),
      { label: `Public charge points by ${y}`, value: metricValue(run.main, "public_chargers", "total", y), unit: "charge points", numFmt: "#,##0" },
      {
        label: `Road CO2, charging electricity included, ${last}`,
        value: metricValue(run.main, "co2_with_electricity", "total", last) / 1e6,
        unit: "Mt CO2",
        numFmt: "#,##0.00",
      },
    ],
    moved: [],
    differences: reference && reference.name !== c.name ? settingDifferences(registry, c, reference) : [],
    referenceName: reference?.name ?? "reference",
    whatItTakes: w ? { result: w, leverLabel: label } : null,
    probabilities: u.targets.map((t) => ({ label: `${t.label} (${t.year})`, probability: t.probability_met })),
    samples: WORKBOOK_SAMPLES,
    decomposition: null,
  });
  return writeWorkbook(spec, ExcelJS as unknown as ExcelLike);
}
