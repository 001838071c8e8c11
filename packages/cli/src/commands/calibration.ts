// `evplan calibration`: the base year against the registered fleet, the oil companies' fuel sales and PAMA's sales,
// each row with the band of model/reference the evidence allows.
import { baseYearCalibration, withinBand } from "@evplan/core/runtime";
import { CliError, makeContext } from "../context.js";
import { grouped, pct } from "../format/numbers.js";
import { table } from "../format/table.js";

export async function calibrationCommand(opts: { format: string; data?: string; scenarios?: string }, print: (s: string) => void): Promise<void> {
  if (opts.format !== "table" && opts.format !== "json") throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const ctx = await makeContext(opts);
  const run = ctx.model.run("reference");
  const rows = baseYearCalibration(ctx.model.registry, run.main);
  if (opts.format === "json")
    return print(JSON.stringify({ base_year: run.main.scenario.baseYear, rows: rows.map((r) => ({ ...r, within_band: withinBand(r) })) }));
  print(`evplan calibration · base year FY${run.main.scenario.baseYear} · reference scenario vs published figures\n`);
  const digits = (unit: string) => (unit.startsWith("vehicles") ? 0 : unit === "years" ? 1 : 2);
  print(
    table(
      ["item", "model", "published", "diff.", "band", "in"],
      rows.map((r) => [
        r.item,
        grouped(r.model, digits(r.unit)),
        grouped(r.reference, digits(r.unit)),
        pct(r.difference),
        `${r.band[0]}-${r.band[1]}`,
        withinBand(r) ? "ok" : "OUT",
      ]),
    ),
  );
  print("\nband: the range of model/published the evidence allows; units: vehicles, vehicles/year, Mt/year, years.");
  for (const r of rows) print(`- ${r.item} (${r.unit}): ${r.note}.`);
}
