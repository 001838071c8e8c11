// Picks one region x mode out of the IEA history: EV sales share and EV stock share by year, as fractions.
import { InputError, type InputIssue } from "../errors.js";
import type { EvHistoryRow } from "./csv.js";

export const SALES_SHARE_PARAMETER = "EV sales share";
export const STOCK_SHARE_PARAMETER = "EV stock share";

/** EV shares of one region and mode; fractions (0-1), keyed by year, only the years the file has. */
export interface ShareHistory {
  readonly region: string;
  readonly mode: string;
  readonly salesShare: ReadonlyMap<number, number>;
  readonly stockShare: ReadonlyMap<number, number>;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
/** Historical rows only: the Data Explorer's full download also carries projections. */
const historical = (r: EvHistoryRow) => !/^projection/i.test(r.category);

/** Every region x mode with an EV sales share, with the years it covers, by mode then region. */
export function listShareSeries(rows: readonly EvHistoryRow[]): { region: string; mode: string; years: number[] }[] {
  const byKey = new Map<string, { region: string; mode: string; years: Set<number> }>();
  for (const r of rows) {
    if (!historical(r) || !same(r.parameter, SALES_SHARE_PARAMETER)) continue;
    const key = `${r.region}\u0000${r.mode}`;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { region: r.region, mode: r.mode, years: new Set() }));
    e.years.add(r.year);
  }
  return [...byKey.values()]
    .map((e) => ({ region: e.region, mode: e.mode, years: [...e.years].sort((a, b) => a - b) }))
    .sort((x, y) => x.mode.localeCompare(y.mode) || x.region.localeCompare(y.region));
}

function collect(rows: readonly EvHistoryRow[], parameter: string, file: string, issues: InputIssue[]): Map<number, number> {
  const out = new Map<number, number>();
  const lineOf = new Map<number, number>();
  for (const r of rows) {
    if (!same(r.parameter, parameter)) continue;
    const where = { file, line: r.line, field: "value" };
    const unit = r.unit.trim().toLowerCase();
    if (unit !== "percent" && unit !== "%") {
      issues.push({ ...where, field: "unit", message: `${parameter} must be in percent, not "${r.unit}"` });
      continue;
    }
    if (r.value < 0 || r.value > 100) {
      issues.push({ ...where, message: `${parameter} ${r.value} is outside 0-100 percent` });
      continue;
    }
    const prev = lineOf.get(r.year);
    if (prev !== undefined) {
      issues.push({ ...where, field: "year", message: `a second ${parameter} for ${r.region}, ${r.mode}, ${r.year} (the first is on line ${prev})` });
      continue;
    }
    lineOf.set(r.year, r.line);
    out.set(r.year, r.value / 100);
  }
  return out;
}

/**
 * The share history of one region and mode (names matched case-insensitively). An unknown region or mode is an
 * InputError that lists the available ones; so are duplicate years and shares outside 0-100%.
 */
export function selectShareHistory(rows: readonly EvHistoryRow[], region: string, mode: string, file: string): ShareHistory {
  const series = listShareSeries(rows);
  const regions = [...new Set(series.map((s) => s.region))];
  const reg = regions.find((r) => same(r, region));
  if (reg === undefined) {
    const list = regions.length ? regions.join(", ") : "none (the file has no EV sales share rows)";
    throw new InputError([{ file, field: "region", message: `no EV sales share for region "${region}"; available: ${list}` }]);
  }
  const modes = series.filter((s) => s.region === reg).map((s) => s.mode);
  const mo = modes.find((m) => same(m, mode));
  if (mo === undefined) {
    throw new InputError([{ file, field: "mode", message: `no EV sales share for mode "${mode}" in ${reg}; available: ${modes.join(", ")}` }]);
  }
  const mine = rows.filter((r) => historical(r) && r.region === reg && r.mode === mo);
  const issues: InputIssue[] = [];
  const salesShare = collect(mine, SALES_SHARE_PARAMETER, file, issues);
  const stockShare = collect(mine, STOCK_SHARE_PARAMETER, file, issues);
  if (issues.length) throw new InputError(issues);
  return { region: reg, mode: mo, salesShare, stockShare };
}
