// Exports of the current view: the tidy CSV (the CLI's rows, difference rows included), the report workbook (the
// core's description, written with ExcelJS), the change decomposition as CSV, and the settings as a scenario YAML
// that `evplan run` accepts. File names carry the scenario and the date.
import { csvCell, reportWorkbook, runCsv, writeWorkbook, type ExcelLike } from "@evplan/core";
import { stringify } from "yaml";
import type { AnalysisReply, DecomposeReply, InitReply, LeverInfo, RunReply } from "./protocol";
import { yearRuns, type ViewState } from "./state";
import { valueAt } from "./paths";
import { headlineFigures } from "./figures";
import { fileStem, saveUrl, scenarioDocument, scenarioName, today } from "./files";

// The light helpers live in files.ts (the first screen needs them); exports.ts loads on the first export.
export { fileStem, saveUrl, scenarioDocument, scenarioName };

function download(name: string, type: string, content: BlobPart): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  saveUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportCsv(r: RunReply, state: ViewState, _compare?: RunReply | null): void {
  // The same rows as the CLI's CSV: the scenario, its counterfactual and the difference.
  const text = runCsv(
    r,
    { name: scenarioName(state), out: r.main },
    r.counterfactual && r.counterfactualName ? { name: r.counterfactualName, out: r.counterfactual } : null,
  );
  download(`evplan-${fileStem(state)}.csv`, "text/csv", text);
}

const leverLabel = (series: string, l: LeverInfo | undefined) => (l ? `${l.label}${l.key ? ` (${l.key.replace(/_/g, " ")})` : ""}` : series);

export interface XlsxInput {
  r: RunReply;
  state: ViewState;
  init: InitReply;
  compare: RunReply | null;
  analysis: AnalysisReply | null;
  why: DecomposeReply | null;
  title: string;
}

/** The workbook's description (pure): what the XLSX holds, for the export and its test. */
export function workbookSpec({ r, state, init, analysis, why, title }: XlsxInput) {
  const f = headlineFigures(r);
  const levers = init.levers;
  const label = (id: string) => init.parameters.find((p) => p.name === id)?.label ?? id;
  const presetTitle = (n: string) => init.presets.find((p) => p.name === n)?.title ?? n;
  return reportWorkbook({
    title,
    scenario: scenarioName(state),
    generated: today(),
    version: __EVPLAN_VERSION__,
    baseYear: r.baseYear,
    nYears: r.nYears,
    main: { label: title, out: r.main },
    counterfactual: r.counterfactual && r.counterfactualName ? { label: `${presetTitle(r.counterfactualName)} (counterfactual)`, out: r.counterfactual } : null,
    targets: r.targets,
    figures: [
      { label: `Net fiscal cost ${r.baseYear}-2030 (+ is a cost to the treasury)`, value: f.fiscal / 1e9, unit: "PKR bn", numFmt: "#,##0.0" },
      { label: `Oil imports avoided ${r.baseYear}-2030 against the counterfactual`, value: f.oil / 1e9, unit: "USD bn", numFmt: "#,##0.00" },
      { label: "Public charge points by 2030", value: f.chargers, unit: "charge points", numFmt: "#,##0" },
      { label: `Road CO2, charging electricity included, ${f.lastYear}`, value: f.co2 / 1e6, unit: "Mt CO2", numFmt: "#,##0.00" },
    ],
    moved: [
      ...Object.entries(state.overrides).map(([series, value]) => {
        const l = levers.find((x) => x.series === series);
        return {
          label: leverLabel(series, l),
          value,
          preset: r.leverDefaults[series] ?? NaN,
          unit: l?.unit ?? "",
          fromYear: l?.fromYear ?? 2026,
          source: l ? `${l.source}${l.url ? ` <${l.url}>` : ""}` : "",
        };
      }),
      // Years set by hand in a year table: one row per run of years, against the policy's value in its first year.
      ...Object.entries(state.years ?? {}).flatMap(([series, path]) => {
        const l = levers.find((x) => x.series === series);
        return yearRuns(path).map(([range, value]) => ({
          label: `${leverLabel(series, l)}, ${range} set by hand`,
          value,
          preset: r.leverPaths[series] ? valueAt(r.leverPaths[series], Number(range.slice(0, 4))) : NaN,
          unit: l?.unit ?? "",
          fromYear: Number(range.slice(0, 4)),
          source: l ? `${l.source}${l.url ? ` <${l.url}>` : ""}` : "",
        }));
      }),
    ],
    differences: analysis?.differences ?? [],
    referenceName: "reference",
    whatItTakes: analysis ? { result: analysis.whatItTakes, leverLabel: label } : null,
    probabilities: analysis?.probabilities.map((p) => ({ label: `${p.label} (${p.year})`, probability: p.probability })) ?? null,
    samples: analysis?.samples,
    decomposition:
      why && state.compare
        ? {
            d: why.decomposition,
            from: presetTitle(state.compare),
            factorLabel: (id) => (id === "mode" ? "modelling mode (targets or market)" : (why.factorLabels[id] ?? id)),
          }
        : null,
  });
}

export async function exportXlsx(input: XlsxInput): Promise<void> {
  const t0 = performance.now();
  const { default: ExcelJS } = await import("exceljs");
  const bytes = await writeWorkbook(workbookSpec(input), ExcelJS as unknown as ExcelLike);
  if (window.__evplan) (window.__evplan as { xlsxMs?: number }).xlsxMs = performance.now() - t0;
  download(`evplan-${fileStem(input.state)}.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes as BlobPart);
}

/** Why it changed, as rows: step, EV share change (points), fiscal change (PKR bn). */
export function exportDecompositionCsv(why: DecomposeReply, state: ViewState): void {
  const d = why.decomposition;
  const name = (id: string) => (id === "mode" ? "modelling mode (targets or market)" : (why.factorLabels[id] ?? id));
  const rows: (string | number)[][] = [
    ["step", "input", "ev_sales_share_2030_change_pp", "net_fiscal_to_2030_change_pkr_bn"],
    ["comparison", state.compare, d.from[0] * 100, d.from[1] / 1e9],
    ...d.factors.map((f) => ["input", name(f.factor), f.effects[0] * 100, f.effects[1] / 1e9]),
    ["interaction", "interaction of the inputs", d.interaction[0] * 100, d.interaction[1] / 1e9],
    ["current", scenarioName(state), d.to[0] * 100, d.to[1] / 1e9],
  ];
  download(`evplan-why-${fileStem(state)}-vs-${state.compare}.csv`, "text/csv", rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n");
}

/** The current settings as a scenario file (the document saved scenarios store, too). */
export function scenarioYaml(state: ViewState, applied: Readonly<Record<string, Record<number, number>>>, counterfactual: string | null): string {
  return stringify(scenarioDocument(state, applied, counterfactual));
}

export function exportYaml(state: ViewState, applied: Readonly<Record<string, Record<number, number>>>, counterfactual: string | null): void {
  download(`${fileStem(state)}.yaml`, "application/yaml", scenarioYaml(state, applied, counterfactual));
}
