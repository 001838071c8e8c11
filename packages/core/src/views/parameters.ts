// Parameter information for every face: provenance (sourced, assumed or both) and dated values as text.
import type { Parameter } from "../registry/registry.js";

export type Provenance = "sourced" | "assumption" | "sourced+assumption";

export function provenance(p: Parameter): Provenance {
  if (p.references.length && p.assumption) return "sourced+assumption";
  return p.references.length ? "sourced" : "assumption";
}

/** A number as a person reads it in a list of values: grouped when large, four significant digits otherwise. */
export function valueText(x: number): string {
  return Math.abs(x) >= 1e5 ? (grouped ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 })).format(x) : String(+x.toPrecision(4));
}
/** Made once: `toLocaleString` with options builds a formatter per call (most of the catalogue's cost at start). */
let grouped: Intl.NumberFormat | undefined;

/** One line per series: `car: 2025 0.6, 2035 0.3` (a value holds until the next dated one). */
export function seriesText(p: Parameter): string[] {
  return p.series.map(
    (s) => `${s.key ? `${s.key}: ` : ""}${s.years.map((y, i) => (s.years.length > 1 ? `${y} ${valueText(s.values[i])}` : valueText(s.values[i]))).join(", ")}`,
  );
}

/** The first reference as one line, or the assumption's reasoning. */
export function sourceLine(p: Parameter): string {
  const ref = p.references[0];
  return ref ? `${ref.publisher}, ${ref.date}: ${ref.title}` : `Assumption: ${p.assumption ?? ""}`;
}

export interface ParameterInfo {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly index?: string;
  readonly values: readonly string[];
  readonly provenance: Provenance;
  readonly references: readonly { title: string; publisher: string; date: string; url?: string }[];
  readonly assumption?: string;
  readonly description: string;
  readonly file: string;
}

export function parameterInfo(p: Parameter): ParameterInfo {
  return {
    name: p.name,
    label: p.label,
    unit: p.unit,
    index: p.index,
    values: seriesText(p),
    provenance: provenance(p),
    references: p.references.map((r) => ({ title: r.title, publisher: r.publisher, date: r.date, url: r.url })),
    assumption: p.assumption,
    description: p.description,
    file: p.file,
  };
}
