// `evplan params`: every parameter with its values, unit, references, and whether it is sourced or assumed.
import { provenance, type Parameter, type Registry } from "@evplan/core";
import { CliError } from "../context.js";
import { loadRegistry } from "../data-pack.js";
import { defaultPaths } from "../context.js";
import { table } from "../format/table.js";

export { provenance };

function valueText(p: Parameter): string {
  const fmt = (x: number) => (Math.abs(x) >= 1e4 ? x.toExponential(3) : String(+x.toPrecision(4)));
  return p.series
    .map((s) => {
      const path = s.years.map((y, i) => (s.years.length > 1 ? `${y}:${fmt(s.values[i])}` : fmt(s.values[i]))).join(" ");
      return s.key ? `${s.key}=${path}` : path;
    })
    .join("; ");
}

export function paramsDocument(registry: Registry) {
  return [...registry.parameters.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({
      name: p.name,
      label: p.label,
      unit: p.unit,
      index: p.index ?? null,
      interpolation: p.interpolation,
      provenance: provenance(p),
      values: Object.fromEntries(p.series.map((s) => [s.key ?? "value", Object.fromEntries(s.years.map((y, i) => [y, s.values[i]]))])),
      references: p.references,
      assumption: p.assumption ?? null,
      uncertainty: p.uncertainty ?? null,
      lever: p.lever ?? null,
      file: p.file,
      description: p.description,
    }));
}

export function paramsCommand(opts: { format: string; data?: string }, print: (s: string) => void): void {
  if (opts.format !== "table" && opts.format !== "json") throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const registry = loadRegistry(defaultPaths(opts).data);
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
  print(table(["parameter", "unit", "values", "provenance", "first reference"], rows, ["l", "l", "l", "l", "l"]));
  const n = rows.length;
  const assumed = rows.filter((r) => r[3] === "assumption").length;
  print(`\n${n} parameters: ${n - assumed} with references, ${assumed} assumptions. Details: evplan params --format json`);
}
