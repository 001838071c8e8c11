// Plain-text tables with aligned columns (numbers right-aligned) that fit the terminal: when the terminal (or
// COLUMNS) is narrower than a table, text columns wrap at word boundaries first, then the least important columns
// are left out, with a line saying which and that --wide shows them all.

export interface TableOptions {
  /** Importance of each column: the lowest goes first when the table must shrink. Default: left to right. */
  readonly priority?: readonly number[];
  /** Which columns may wrap; default: the left-aligned (text) ones. */
  readonly wrap?: readonly boolean[];
  /** Width to fit; default: the terminal's (see tableWidth). */
  readonly width?: number;
}

let wide = false;
/** `--wide`: never wrap or leave out columns. */
export function setWide(on: boolean): void {
  wide = on;
}

/** Columns available: COLUMNS if set, the terminal's width if stdout is one, else unlimited (pipes, files). */
export function tableWidth(env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean; columns?: number } = process.stdout): number {
  if (wide) return Infinity;
  const c = Number(env.COLUMNS);
  if (Number.isInteger(c) && c >= 20) return c;
  return stdout.isTTY && stdout.columns ? stdout.columns : Infinity;
}

const GAP = 2;
/** A wrapped column keeps at least this many characters. */
const MIN_WRAP = 14;

/** Break text into lines of at most `w` characters, at spaces or after a slash where possible. */
export function wrapText(text: string, w: number): string[] {
  if (text.length <= w) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > w) {
    let cut = rest.lastIndexOf(" ", w);
    if (cut <= 0) {
      const mark = Math.max(
        rest.lastIndexOf("/", w - 1),
        rest.lastIndexOf("-", w - 1),
        rest.lastIndexOf("+", w - 1),
        rest.lastIndexOf(";", w - 1),
        rest.lastIndexOf(",", w - 1),
      );
      cut = mark > 0 ? mark + 1 : w;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ("l" | "r")[], opts: TableOptions = {}): string {
  const n = header.length;
  const al = align ?? header.map((_, i) => (i === 0 ? "l" : "r"));
  const natural = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const limit = opts.width ?? tableWidth();
  const widths = [...natural];
  let shown = header.map((_, i) => i);
  const total = () => shown.reduce((s, i) => s + widths[i], 0) + GAP * (shown.length - 1);
  const dropped: number[] = [];
  if (total() > limit) {
    // Wrap text columns, widest first, down to a floor.
    const wrappable = shown.filter((i) => opts.wrap?.[i] ?? al[i] === "l");
    while (total() > limit) {
      const i = wrappable.filter((k) => widths[k] > MIN_WRAP).sort((a, b) => widths[b] - widths[a])[0];
      if (i === undefined) break;
      widths[i] = Math.max(MIN_WRAP, widths[i] - (total() - limit));
    }
    // Still too wide: leave out the least important columns (never the first).
    const priority = opts.priority ?? header.map((_, i) => n - i);
    while (total() > limit && shown.length > 2) {
      const drop = shown.filter((i) => i !== 0).sort((a, b) => priority[a] - priority[b])[0];
      shown = shown.filter((i) => i !== drop);
      dropped.push(drop);
      // Room freed by a column left out goes back to the wrapped ones, the most important first.
      for (const i of [...wrappable].filter((k) => shown.includes(k)).sort((a, b) => priority[b] - priority[a])) {
        const spare = limit - total();
        if (spare <= 0) break;
        widths[i] = Math.min(natural[i], widths[i] + spare);
      }
    }
  }
  const fmt = (cells: readonly string[]): string[] => {
    const parts = shown.map((i) => (al[i] === "l" ? wrapText(cells[i] ?? "", widths[i]) : [cells[i] ?? ""]));
    const height = Math.max(...parts.map((p) => p.length));
    const lines: string[] = [];
    for (let k = 0; k < height; k++)
      lines.push(
        shown
          .map((i, j) => {
            const c = parts[j][k] ?? "";
            return al[i] === "r" ? c.padStart(widths[i]) : c.padEnd(widths[i]);
          })
          .join(" ".repeat(GAP))
          .trimEnd(),
      );
    return lines;
  };
  const out = [...fmt(header), fmt(header.map((_, i) => "-".repeat(widths[i])))[0], ...rows.flatMap(fmt)];
  if (dropped.length)
    out.push(
      ...wrapText(
        `(${dropped.length} column${dropped.length > 1 ? "s" : ""} left out to fit ${limit} columns: ${dropped.map((i) => header[i] || `#${i + 1}`).join(", ")}; --wide shows all)`,
        limit,
      ),
    );
  return out.join("\n");
}
