// `evplan params`: every parameter with its values, unit, references, and whether it is sourced or assumed.
import { paramsDocument, provenance, type Parameter } from "@evplan/core/runtime";
import { CliError, defaultPaths, loadPackRegistry } from "../context.js";
import { table, tableWidth, wrapText } from "../format/table.js";

// The document is built in the core, so `evplan params --format json` and `GET /api/v1/parameters` agree.
export { paramsDocument, provenance };

function valueText(p: Parameter): string {
  const fmt = (x: number) => (Math.abs(x) >= 1e4 ? x.toExponential(3) : String(+x.toPrecision(4)));
  return p.series
    .map((s) => {
      const path = s.years.map((y, i) => (s.years.length > 1 ? `${y}:${fmt(s.values[i])}` : fmt(s.values[i]))).join(" ");
      return s.key ? `${s.key}=${path}` : path;
    })
    .join("; ");
}

export async function paramsCommand(opts: { format: string; data?: string }, print: (s: string) => void): Promise<void> {
  if (opts.format !== "table" && opts.format !== "json") throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const registry = await loadPackRegistry(defaultPaths(opts).data);
  if (opts.format === "json") {
    print(JSON.stringify(paramsDocument(registry), null, 1));
    return;
  }
  const rows = paramsDocument(registry).map((d) => {
    const p = registry.parameters.get(d.name)!;
    const first = p.references[0];
    const src = first ? `${first.publisher}, ${first.date}${p.references.length > 1 ? ` (+${p.references.length - 1})` : ""}` : "-";
    let v = valueText(p);
    if (v.length > 70) v = v.slice(0, 67) + "...";
    return [d.name, d.unit, v, d.provenance, src];
  });
  // In a narrow terminal the values and references give way first; names are never broken.
  print(
    table(["parameter", "unit", "values", "provenance", "first reference"], rows, ["l", "l", "l", "l", "l"], {
      wrap: [false, true, true, true, true],
      priority: [5, 4, 1, 3, 2],
    }),
  );
  const n = rows.length;
  const assumed = rows.filter((r) => r[3] === "assumption").length;
  print(
    "\n" + wrapText(`${n} parameters: ${n - assumed} with references, ${assumed} assumptions. Details: evplan params --format json`, tableWidth()).join("\n"),
  );
}
