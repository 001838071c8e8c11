// Reads the IEA Global EV Data Explorer CSV format from text; every problem names the file, line and column.
import { InputError, type InputIssue } from "../errors.js";

/** One row of the IEA Global EV Data Explorer extract. */
export interface EvHistoryRow {
  readonly region: string;
  readonly category: string;
  readonly parameter: string;
  readonly mode: string;
  readonly powertrain: string;
  readonly year: number;
  readonly unit: string;
  readonly value: number;
  /** 1-based line in the source text, for messages. */
  readonly line: number;
}

export const EV_HISTORY_COLUMNS = ["region_country", "category", "parameter", "mode", "powertrain", "year", "unit", "value"] as const;

/** A plain decimal number (optionally with an exponent): not hexadecimal, binary, "Infinity" or a blank. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Stop collecting after this many problems: a wrong file would otherwise produce one per line. */
const MAX_ISSUES = 20;

/** Split one CSV record (RFC 4180 quoting, no embedded newlines). Returns null on an unterminated quote. */
function splitRecord(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let cell = "";
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else cell += line[i++];
      }
      // Anything between the closing quote and the next comma is kept, as spreadsheets do.
      const next = line.indexOf(",", i);
      cell += next < 0 ? line.slice(i) : line.slice(i, next);
      out.push(cell);
      if (next < 0) return out;
      i = next + 1;
    } else {
      const next = line.indexOf(",", i);
      out.push(next < 0 ? line.slice(i) : line.slice(i, next));
      if (next < 0) return out;
      i = next + 1;
    }
  }
}

/**
 * Parse the text of an IEA EV history CSV. The header must name the eight columns (in any order; extra columns
 * are ignored). Blank lines are skipped. Throws InputError listing up to 20 problems.
 */
export function parseEvHistoryCsv(text: string, file: string): EvHistoryRow[] {
  const issues: InputIssue[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  let h = 0;
  while (h < lines.length && lines[h].trim() === "") h++;
  if (h >= lines.length) throw new InputError([{ file, field: "", message: "the file is empty; expected a header line " + EV_HISTORY_COLUMNS.join(",") }]);
  const header = splitRecord(lines[h]);
  if (!header) throw new InputError([{ file, line: h + 1, field: "header", message: "unterminated quote in the header" }]);
  const names = header.map((c) => c.trim().toLowerCase());
  const col: Record<string, number> = {};
  for (const c of EV_HISTORY_COLUMNS) {
    const k = names.indexOf(c);
    if (k < 0)
      issues.push({
        file,
        line: h + 1,
        field: c,
        message: `missing column "${c}"; the header must name ${EV_HISTORY_COLUMNS.join(", ")} (found: ${names.join(", ") || "nothing"})`,
      });
    col[c] = k;
  }
  if (issues.length) throw new InputError(issues);

  const rows: EvHistoryRow[] = [];
  for (let i = h + 1; i < lines.length && issues.length < MAX_ISSUES; i++) {
    const raw = lines[i];
    if (raw.trim() === "") continue;
    const line = i + 1;
    const cells = splitRecord(raw);
    if (!cells) {
      issues.push({ file, line, field: "", message: "unterminated quote" });
      continue;
    }
    if (cells.length !== header.length) {
      issues.push({ file, line, field: "", message: `expected ${header.length} fields like the header, found ${cells.length}` });
      continue;
    }
    const cell = (c: string) => cells[col[c]].trim();
    const where = (c: string) => ({ file, line, column: col[c] + 1, field: c });
    const yearText = cell("year");
    const year = Number(yearText);
    let ok = true;
    if (!/^\d{4}$/.test(yearText) || year < 1900 || year > 2200) {
      issues.push({ ...where("year"), message: `not a year: "${yearText}"` });
      ok = false;
    }
    const valueText = cell("value");
    const value = Number(valueText);
    if (!DECIMAL.test(valueText) || !Number.isFinite(value)) {
      issues.push({ ...where("value"), message: `not a decimal number: "${valueText}"` });
      ok = false;
    }
    for (const c of ["region_country", "parameter", "mode"]) {
      if (cell(c) === "") {
        issues.push({ ...where(c), message: "empty" });
        ok = false;
      }
    }
    if (!ok) continue;
    rows.push({
      region: cell("region_country"),
      category: cell("category"),
      parameter: cell("parameter"),
      mode: cell("mode"),
      powertrain: cell("powertrain"),
      year,
      unit: cell("unit"),
      value,
      line,
    });
  }
  if (issues.length) throw new InputError(issues);
  return rows;
}
