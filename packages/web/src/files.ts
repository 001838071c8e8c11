// File names, saving a file and the scenario document: what the first screen needs of the exports, without the
// CSV, workbook and YAML writers (exports.ts, loaded on the first export).
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

export function scenarioName(state: ViewState): string {
  return Object.keys(state.overrides).length || Object.keys(state.years ?? {}).length ? `${state.preset}-planner` : state.preset;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** `nevp-2025-30-planner-2026-12-01`: the scenario (and whether levers moved) and the day. */
export function fileStem(state: ViewState): string {
  return `${scenarioName(state)}-${today()}`;
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
