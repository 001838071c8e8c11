// `evplan calibration`: the base year against the registered fleet and the Economic Survey's fuel figure.
import { baseYearCalibration } from "@evplan/core";
import { CliError, makeContext } from "../context.js";
import { grouped, pct } from "../format/numbers.js";
import { table } from "../format/table.js";

export function calibrationCommand(opts: { format: string; data?: string; scenarios?: string }, print: (s: string) => void): void {
  if (opts.format !== "table" && opts.format !== "json") throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const ctx = makeContext(opts);
  const run = ctx.model.run("reference");
  const rows = baseYearCalibration(ctx.model.registry, run.main);
  if (opts.format === "json") return print(JSON.stringify({ base_year: run.main.scenario.baseYear, rows }));
  print(`evplan calibration · base year ${run.main.scenario.baseYear} (FY) · model (reference scenario) against published figures\n`);
  print(
    table(
      ["item", "model", "published", "unit", "difference"],
      rows.map((r) => [
        r.item,
        grouped(r.model, r.unit === "vehicles" ? 0 : 2),
        grouped(r.reference, r.unit === "vehicles" ? 0 : 2),
        r.unit,
        pct(r.difference),
      ]),
    ),
  );
  print("");
  for (const r of rows) print(`- ${r.item}: ${r.note}.`);
}
