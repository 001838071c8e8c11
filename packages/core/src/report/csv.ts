// The tidy CSV of a run, one copy for the CLI (`evplan run --format csv`) and the web planner: the scenario's rows,
// the counterfactual's, and the difference rows (scenario minus counterfactual).
import { CSV_HEADER, csvCell, tidyRows } from "../analysis/document.js";

export interface CsvRun {
  readonly label: string;
  readonly out: Float64Array;
}

export function runCsv(main: CsvRun, counterfactual: CsvRun | null, scenario: { readonly nYears: number; readonly baseYear: number }): string {
  const lines: string[] = [CSV_HEADER.join(",")];
  const add = (label: string, out: Float64Array) => {
    for (const r of tidyRows(label, { out, scenario })) lines.push(r.map(csvCell).join(","));
  };
  add(main.label, main.out);
  if (counterfactual) {
    add(counterfactual.label, counterfactual.out);
    const d = new Float64Array(main.out.length);
    for (let i = 0; i < d.length; i++) d[i] = main.out[i] - counterfactual.out[i];
    add(`${main.label} minus ${counterfactual.label}`, d);
  }
  return lines.join("\n") + "\n";
}
