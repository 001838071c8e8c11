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

/**
 * The planner's settings from a saved scenario: its `extends` is the preset, and each override of a lever with one
 * value (what the planner saves) sets that lever. Anything else the planner cannot show is listed, not dropped silently.
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
  for (const [series, value] of Object.entries(s.scenario.overrides ?? {})) {
    const lever = levers.find((l) => l.series === series);
    const values = typeof value === "number" ? [value] : value && typeof value === "object" ? Object.values(value as Record<string, unknown>) : [];
    if (lever && values.length === 1 && typeof values[0] === "number" && values[0] >= lever.min && values[0] <= lever.max) overrides[series] = values[0];
    else ignored.push(series);
  }
  return { state: { ...base, preset, overrides }, ignored };
}
