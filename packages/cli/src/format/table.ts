// Plain-text tables with aligned columns (numbers right-aligned).

export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ("l" | "r")[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const al = align ?? header.map((_, i) => (i === 0 ? "l" : "r"));
  const fmt = (cells: readonly string[]) =>
    cells
      .map((c, i) => (al[i] === "r" ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)].join("\n");
}
