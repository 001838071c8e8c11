// Saved scenarios through the evplan server's API (/api/v1/saved): the planner's settings as a scenario document
// and back. Without the server (a static copy of the planner) the API is absent and saving says so.
import type { LeverInfo } from "./protocol";
import type { ViewState } from "./state";

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

/** A step path's value in `year`: the value of the latest date at or before it (the first date before all). */
function valueIn(values: Record<string, unknown>, year: number): number | undefined {
  const dated = Object.entries(values)
    .map(([y, v]) => [Number(y), v] as const)
    .sort((a, b) => a[0] - b[0]);
  if (!dated.length || dated.some(([y, v]) => !Number.isFinite(y) || typeof v !== "number")) return undefined;
  let v = dated[0][1] as number;
  for (const [y, x] of dated) if (y <= year) v = x as number;
  return v;
}

/**
 * The planner's settings from a saved scenario: its `extends` is the preset, and each lever's value is its path's
 * value in the lever's display year (the planner scales the preset's path to it, so a path the planner saved comes
 * back the same). Anything the planner cannot show is listed, not dropped silently.
 */
export function stateFromSaved(
  s: SavedScenario,
  levers: readonly LeverInfo[],
  presets: readonly string[],
  base: ViewState,
): { state: ViewState; ignored: string[] } {
  const ignored: string[] = [];
  const preset = s.scenario.extends && presets.includes(s.scenario.extends) ? s.scenario.extends : base.preset;
  if (s.scenario.extends && preset !== s.scenario.extends) ignored.push(`extends ${s.scenario.extends}`);
  const overrides: Record<string, number> = {};
  for (const [series, o] of Object.entries(s.scenario.overrides ?? {})) {
    const lever = levers.find((l) => l.series === series);
    const values = datedValues(o);
    const v = lever && values ? valueIn(values, lever.fromYear) : undefined;
    if (lever && v !== undefined && v >= lever.min && v <= lever.max) overrides[series] = v;
    else ignored.push(series);
  }
  return { state: { ...base, preset, overrides, years: {} }, ignored };
}
