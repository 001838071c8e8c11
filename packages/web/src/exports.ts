// Exports of the current view: tidy CSV and XLSX of every metric, and the settings as a scenario YAML that
// `evplan run` accepts.
import { CSV_HEADER, csvCell, runRows, type TidyRow } from "@evplan/core";
import { stringify } from "yaml";
import type { RunReply } from "./protocol";
import type { ViewState } from "./state";

/** Saves the file at `url` (a data: or blob: address) under `name`. */
export function saveUrl(url: string, name: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function download(name: string, type: string, content: BlobPart): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  saveUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The same rows as the CLI's CSV: the scenario, its counterfactual and the difference. */
function allRows(r: RunReply, label: string): TidyRow[] {
  const cf = r.counterfactual && r.counterfactualName ? { name: r.counterfactualName, out: r.counterfactual } : null;
  return [...runRows({ nYears: r.nYears, baseYear: r.baseYear }, { name: label, out: r.main }, cf)];
}

export function exportCsv(r: RunReply, state: ViewState): void {
  const lines = [CSV_HEADER.join(","), ...allRows(r, scenarioName(state)).map((row) => row.map(csvCell).join(","))];
  download(`${scenarioName(state)}.csv`, "text/csv", lines.join("\n") + "\n");
}

export async function exportXlsx(r: RunReply, state: ViewState): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("metrics");
  ws.addRow([...CSV_HEADER]);
  for (const row of allRows(r, scenarioName(state))) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  const buf = await wb.xlsx.writeBuffer();
  download(`${scenarioName(state)}.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf);
}

export function scenarioName(state: ViewState): string {
  return Object.keys(state.overrides).length ? `${state.preset}-planner` : state.preset;
}

/**
 * The current settings as a scenario document: the preset extended by each moved series' dated path exactly as the
 * planner applied it (step interpolation, every year where the value changes), so `evplan run` reproduces it.
 */
export function scenarioDocument(state: ViewState, applied: Readonly<Record<string, Record<number, number>>>, counterfactual: string | null) {
  const overrides: Record<string, { interpolation: "step"; values: Record<number, number> }> = {};
  for (const series of Object.keys(applied).sort()) overrides[series] = { interpolation: "step", values: applied[series] };
  const doc = {
    // Always a name of its own: a file named like the preset it extends would be refused as a name clash.
    name: `${state.preset}-planner`,
    title: `${state.preset} with planner settings`,
    description: "Exported from the evplan web planner.",
    extends: state.preset,
    counterfactual,
    ...(Object.keys(overrides).length ? { overrides } : {}),
  };
  return doc;
}

/** The current settings as a scenario file (the document saved scenarios store, too). */
export function scenarioYaml(state: ViewState, applied: Readonly<Record<string, Record<number, number>>>, counterfactual: string | null): string {
  return stringify(scenarioDocument(state, applied, counterfactual));
}

export function exportYaml(state: ViewState, applied: Readonly<Record<string, Record<number, number>>>, counterfactual: string | null): void {
  download(`${scenarioName(state)}.yaml`, "application/yaml", scenarioYaml(state, applied, counterfactual));
}
