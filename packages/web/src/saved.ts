// Saved scenarios through the evplan server's API (/api/v1/saved): the planner's settings as a scenario document
// and back. Without the server (a static copy of the planner) the API is absent and saving says so.
import type { LeverInfo } from "./protocol";
import type { ViewState } from "./state";
import { valueAt } from "./paths";

export interface SavedSummary {
  name: string;
  notes: string;
  created_at: string;
  updated_at: string;
  result: "current" | "stale" | "none";
  link: string;
}

export interface SavedScenario {
  name: string;
  notes: string;
  scenario: { extends?: string; overrides?: Record<string, unknown> };
}

const API = "api/v1/saved";

/** The message of a problem document (the API's errors), or the status line. */
async function failure(res: Response): Promise<Error> {
  try {
    const p = (await res.json()) as { detail?: string; title?: string };
    return new Error(p.detail ?? p.title ?? `${res.status} ${res.statusText}`);
  } catch {
    return new Error(`${res.status} ${res.statusText}`);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  if (!res.ok) throw await failure(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** undefined when no server answers (the planner is served as static files). */
export async function listSaved(): Promise<SavedSummary[] | undefined> {
  let res: Response;
  try {
    res = await fetch(API);
  } catch {
    return undefined;
  }
  if (res.status === 404 || !(res.headers.get("content-type") ?? "").includes("json")) return undefined;
  if (!res.ok) throw await failure(res);
  return ((await res.json()) as { saved: SavedSummary[] }).saved;
}

export const getSaved = (name: string) => call<SavedScenario>(`${API}/${encodeURIComponent(name)}`);
export const createSaved = (name: string, notes: string, scenario: object) =>
  call<SavedScenario>(API, { method: "POST", body: JSON.stringify({ name, notes, scenario }) });
export const updateSaved = (name: string, patch: { name?: string; notes?: string; scenario?: object }) =>
  call<SavedScenario>(`${API}/${encodeURIComponent(name)}`, { method: "PUT", body: JSON.stringify(patch) });
export const deleteSaved = (name: string) => call<void>(`${API}/${encodeURIComponent(name)}`, { method: "DELETE" });

/** The saved scenario a link names (`#saved=<name>`), if any. */
export function savedFromHash(hash: string): string | undefined {
  const v = new URLSearchParams(hash.replace(/^#/, "")).get("saved");
  return v || undefined;
}

/** A link that opens the planner on a saved scenario. */
export function savedLink(name: string): string {
  return `${location.origin}${location.pathname}#saved=${encodeURIComponent(name)}`;
}

/** The dated values of an override in any of the scenario file's forms (a number, `{year: v}`, `{values: ...}`). */
function datedValues(o: unknown): Record<string, unknown> | undefined {
  if (typeof o === "number") return { "0": o };
  if (!o || typeof o !== "object") return undefined;
  const values = "values" in o ? (o as { values: unknown }).values : o;
  if (typeof values === "number") return { "0": values };
  return values && typeof values === "object" ? (values as Record<string, unknown>) : undefined;
}

/**
 * A saved step path's value in `year` (paths.ts, `valueAt`), or undefined when the file's path is not one: every
 * key a whole year (or 0, a constant), every value a number.
 */
function valueIn(values: Record<string, unknown>, year: number): number | undefined {
  const dated = Object.entries(values);
  if (!dated.length || dated.some(([y, v]) => !/^(0|[1-9]\d*)$/.test(y) || typeof v !== "number")) return undefined;
  return valueAt(values as Record<number, number>, year);
}

/** What the planner needs of the saved scenario's preset to restore hand-set years: its run's lever paths. */
export interface PresetPaths {
  /** Every lever's dated path in the preset from its first year (RunReply.leverPaths). */
  readonly leverPaths: Readonly<Record<string, Readonly<Record<number, number>>>>;
  /** Every lever's display year (RunReply.leverYears). */
  readonly leverYears: Readonly<Record<string, number>>;
  /** The preset's last year. */
  readonly endYear: number;
}

/**
 * The single years a saved path sets by hand: where it differs from the preset's path scaled to the slider value
 * `value` as the worker scales it (`applyLever`: every year from the lever's first year times value / the display
 * year's value, or the value itself where the preset's path is zero there). Applying the slider value and these
 * years gives back the saved path (to 1e-12 relative), so a saved scenario loses nothing the year table set.
 */
export function handSetYears(
  saved: Record<string, unknown>,
  preset: Readonly<Record<number, number>>,
  displayYear: number,
  value: number,
  fromYear: number,
  endYear: number,
): Record<number, number> {
  const v0 = valueIn(preset, displayYear) ?? 0;
  const scale = v0 !== 0 ? value / v0 : NaN;
  const years: Record<number, number> = {};
  for (let y = fromYear; y <= endYear; y++) {
    const want = valueIn(saved, y);
    if (want === undefined) continue;
    const scaled = v0 !== 0 ? (valueIn(preset, y) ?? 0) * scale : value;
    // Not bit for bit: the saved path was scaled from the slider's value, the restored one from the value read
    // back in the display year, which can differ in the last bits; only a real difference is a hand-set year.
    if (Math.abs(want - scaled) > 1e-12 * Math.max(Math.abs(want), Math.abs(scaled))) years[y] = want;
  }
  return years;
}

/**
 * The planner's settings from a saved scenario: its `extends` is the preset, and each lever's value is its path's
 * value in the lever's display year (the planner scales the preset's path to it, so a path the planner saved comes
 * back the same). With the preset's lever paths (`paths`), the years the saved path sets by hand come back as year
 * settings; without them (the preset has not run yet) only the slider values do. Anything the planner cannot show
 * is listed, not dropped silently.
 */
export function stateFromSaved(
  s: SavedScenario,
  levers: readonly LeverInfo[],
  presets: readonly string[],
  base: ViewState,
  paths?: PresetPaths,
): { state: ViewState; ignored: string[] } {
  const ignored: string[] = [];
  const preset = s.scenario.extends && presets.includes(s.scenario.extends) ? s.scenario.extends : base.preset;
  if (s.scenario.extends && preset !== s.scenario.extends) ignored.push(`extends ${s.scenario.extends}`);
  const overrides: Record<string, number> = {};
  const years: Record<string, Record<number, number>> = {};
  for (const [series, o] of Object.entries(s.scenario.overrides ?? {})) {
    const lever = levers.find((l) => l.series === series);
    const values = datedValues(o);
    const displayYear = paths?.leverYears[series] ?? lever?.fromYear;
    const v = lever && values && displayYear !== undefined ? valueIn(values, displayYear) : undefined;
    if (!lever || !values || v === undefined || v < lever.min || v > lever.max) {
      ignored.push(series);
      continue;
    }
    overrides[series] = v;
    const preset = paths?.leverPaths[series];
    if (preset && displayYear !== undefined) {
      const hand = handSetYears(values, preset, displayYear, v, lever.fromYear, paths.endYear);
      const inRange = Object.entries(hand).filter(([, x]) => x >= lever.min && x <= lever.max);
      if (inRange.length < Object.keys(hand).length) ignored.push(`${series} (years outside the lever's range)`);
      if (inRange.length) years[series] = Object.fromEntries(inRange.map(([y, x]) => [Number(y), x]));
    }
  }
  return { state: { ...base, preset, overrides, years }, ignored };
}
