// `evplan compare`: key figures of several scenarios side by side, with differences from the first.
import { compareDocument, keyFigures, type KeyFigure } from "@evplan/core/runtime";
import { CliError, makeContext } from "../context.js";
import { differenceText, figureText } from "../format/figures.js";
import { table } from "../format/table.js";

// Kept here for the commands that import it from compare.
export { figureText, differenceText };

export async function compareCommand(
  args: string[],
  opts: { format: string; year?: string; data?: string; scenarios?: string },
  print: (s: string) => void,
): Promise<void> {
  if (!["table", "json", "csv"].includes(opts.format)) throw new CliError(`--format must be table, json or csv, not "${opts.format}"`);
  if (args.length < 2) throw new CliError("compare needs at least two scenarios");
  const year = opts.year ? Number(opts.year) : 2030;
  if (!/^\d{4}$/.test(String(opts.year ?? "2030").trim())) throw new CliError(`--year must be a year such as 2030, not "${opts.year}"`);
  const ctx = await makeContext(opts, { compiled: true });
  const runs: { name: string; figures: KeyFigure[] }[] = [];
  for (const a of args) {
    const { name, source } = await ctx.scenarioArg(a);
    const run = ctx.model.run(name, source);
    runs.push({ name: run.main.scenario.name, figures: keyFigures(run, year) });
  }
  // Figures present in every scenario (those against a counterfactual exist only where one is named).
  const ids = runs[0].figures.map((f) => f.id).filter((id) => runs.every((r) => r.figures.some((f) => f.id === id)));
  const get = (r: { figures: KeyFigure[] }, id: string) => r.figures.find((f) => f.id === id)!;
  if (opts.format === "json") {
    print(JSON.stringify(compareDocument(runs, year)));
    return;
  }
  if (opts.format === "csv") {
    const lines = ["figure,unit,scenario,value,difference_from_first"];
    for (const id of ids)
      for (const r of runs) lines.push([id, get(r, id).unit, r.name, get(r, id).value, get(r, id).value - get(runs[0], id).value].join(","));
    print(lines.join("\n"));
    return;
  }
  const header = ["figure", ...runs.map((r) => r.name), ...runs.slice(1).map((r) => `${r.name} - ${runs[0].name}`)];
  const rows = ids.map((id) => {
    const f0 = get(runs[0], id);
    return [
      f0.label,
      ...runs.map((r) => figureText(f0.unit, get(r, id).value)),
      ...runs.slice(1).map((r) => differenceText(f0.unit, get(r, id).value - f0.value)),
    ];
  });
  print(table(header, rows));
}
