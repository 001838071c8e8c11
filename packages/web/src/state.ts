// The whole view state lives in the URL hash, so a shared link reproduces the view exactly. A link is user input:
// it is read with a bound, and checked against the planner's presets and levers once they are known; whatever is
// unknown, malformed or out of range is ignored or clamped, and said so in a notice, while the rest still applies.
import type { Lang } from "./i18n";

export interface ViewState {
  preset: string;
  compare: string;
  lang: Lang;
  /** Each lever's slider setting: its path scaled so that its display year takes this value. */
  overrides: Record<string, number>;
  /**
   * Single years a lever's year table set, applied after the scaling (series -> year -> value). In the link one key
   * per run of equal years: `y.policy.subsidy_budget.2027=5000000000`, `y.taxes.carbon_levy.2031-2035=10`.
   */
  years: Record<string, Record<number, number>>;
}

export const DEFAULT_STATE: ViewState = { preset: "nevp-2025-30", compare: "", lang: "en", overrides: {}, years: {} };

/** A state without any lever moved: the same preset, comparison and language. */
export const emptyState = (s: Partial<ViewState> = {}): ViewState => ({ ...DEFAULT_STATE, overrides: {}, years: {}, ...s });

/** Longer links are not read: every lever at once needs about 4 KB, so 16 KB is already abuse or damage. */
export const MAX_HASH_LENGTH = 16_384;
/** At most this many notices are listed; the rest are counted. */
const MAX_NOTICES = 8;

/** One thing in a link that was ignored or adjusted, in words for the notice. */
export interface StateNotice {
  readonly key: string;
  readonly message: string;
}

export interface ReadResult {
  readonly state: ViewState;
  readonly notices: readonly StateNotice[];
}

/** What the planner offers: preset names, and each lever's series with its range. */
export interface StateCatalog {
  readonly presets: readonly { readonly name: string; readonly endYear?: number }[];
  readonly levers: readonly { readonly series: string; readonly min: number; readonly max: number; readonly fromYear?: number }[];
}

/** The last year a scenario runs, where the catalog does not say. */
const END_YEAR = 2060;
/** A year-table key: the series, then a year or a run of years. */
const YEAR_KEY = /^(.+)\.(\d{4})(?:-(\d{4}))?$/;

const NAME = /^[a-z0-9][a-z0-9-]{0,80}$/;
/** A plain decimal number as writeState writes it (String(x)): no hex, no "Infinity", no blanks. */
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Parse a hash into a state; only its syntax is checked here (the catalog is not known before the worker starts). */
export function parseState(hash: string): ReadResult {
  const notices: StateNotice[] = [];
  if (hash.length > MAX_HASH_LENGTH) {
    notices.push({
      key: "link",
      message: `the link is ${Math.round(hash.length / 1024)} KB long, more than ${MAX_HASH_LENGTH / 1024} KB; its settings were ignored`,
    });
    return { state: emptyState(), notices };
  }
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(hash.replace(/^#/, ""));
  } catch {
    return { state: emptyState(), notices: [{ key: "link", message: "the link could not be read; its settings were ignored" }] };
  }
  const overrides: Record<string, number> = {};
  const years: Record<string, Record<number, number>> = {};
  let preset = DEFAULT_STATE.preset;
  let compare = "";
  let lang: Lang = "en";
  for (const [k, v] of q) {
    if (k.startsWith("o.")) {
      const series = k.slice(2);
      if (!DECIMAL.test(v.trim()) || !Number.isFinite(Number(v))) notices.push({ key: k, message: `${short(series)}: "${short(v)}" is not a number; ignored` });
      else if (series in overrides) notices.push({ key: k, message: `${short(series)} is given twice; the first value is kept` });
      else overrides[series] = Number(v);
    } else if (k.startsWith("y.")) {
      const m = YEAR_KEY.exec(k.slice(2));
      const first = m ? Number(m[2]) : NaN;
      const last = m?.[3] ? Number(m[3]) : first;
      if (!m || !(last >= first) || last - first > 200) notices.push({ key: k, message: `"${short(k)}" is not a lever, a year and a value; ignored` });
      else if (!DECIMAL.test(v.trim()) || !Number.isFinite(Number(v)))
        notices.push({ key: k, message: `${short(m[1])} in ${m[0].slice(m[1].length + 1)}: "${short(v)}" is not a number; ignored` });
      else {
        const path = (years[m[1]] ??= {});
        for (let y = first; y <= last; y++)
          if (y in path) notices.push({ key: k, message: `${short(m[1])} in ${y} is given twice; the first value is kept` });
          else path[y] = Number(v);
      }
    } else if (k === "s") {
      if (NAME.test(v)) preset = v;
      else notices.push({ key: k, message: `scenario "${short(v)}" is not a scenario name; ${DEFAULT_STATE.preset} is shown` });
    } else if (k === "c") {
      if (v === "" || NAME.test(v)) compare = v;
      else notices.push({ key: k, message: `comparison "${short(v)}" is not a scenario name; ignored` });
    } else if (k === "l") {
      if (v === "ur" || v === "en") lang = v;
      else notices.push({ key: k, message: `language "${short(v)}" is not offered (en, ur); English is shown` });
    } else notices.push({ key: k, message: `"${short(k)}" is not a planner setting; ignored` });
  }
  return { state: { preset, compare, lang, overrides, years }, notices };
}

/** Check a parsed state against what the planner offers: unknown presets and levers go, values are clamped. */
export function checkState(state: ViewState, catalog: StateCatalog): ReadResult {
  const notices: StateNotice[] = [];
  const presets = new Set(catalog.presets.map((p) => p.name));
  let preset = state.preset;
  if (!presets.has(preset)) {
    const fallback = presets.has(DEFAULT_STATE.preset) ? DEFAULT_STATE.preset : (catalog.presets[0]?.name ?? DEFAULT_STATE.preset);
    notices.push({ key: "s", message: `there is no scenario "${short(preset)}"; ${fallback} is shown, without the link's lever settings` });
    preset = fallback;
  }
  let compare = state.compare;
  if (compare && !presets.has(compare)) {
    notices.push({ key: "c", message: `there is no scenario "${short(compare)}" to compare with; no comparison is shown` });
    compare = "";
  }
  const levers = new Map(catalog.levers.map((l) => [l.series, l]));
  const overrides: Record<string, number> = {};
  // Lever settings belong to the preset they were made on: with an unknown preset they are dropped.
  if (preset === state.preset)
    for (const [series, value] of Object.entries(state.overrides)) {
      const l = levers.get(series);
      if (!l) {
        notices.push({ key: `o.${series}`, message: `there is no lever "${short(series)}"; ignored` });
        continue;
      }
      const x = Math.min(l.max, Math.max(l.min, value));
      if (x !== value) notices.push({ key: `o.${series}`, message: `${series} = ${value} is outside the lever's range ${l.min} to ${l.max}; set to ${x}` });
      overrides[series] = x;
    }
  const years: Record<string, Record<number, number>> = {};
  const endYear = catalog.presets.find((p) => p.name === preset)?.endYear ?? END_YEAR;
  if (preset === state.preset)
    for (const [series, path] of Object.entries(state.years)) {
      const l = levers.get(series);
      if (!l) {
        notices.push({ key: `y.${series}`, message: `there is no lever "${short(series)}"; its year settings were ignored` });
        continue;
      }
      const from = l.fromYear ?? 0;
      const out: Record<number, number> = {};
      const outside: number[] = [];
      for (const [y, value] of Object.entries(path)) {
        const year = Number(y);
        if (year < from || year > endYear) {
          outside.push(year);
          continue;
        }
        const x = Math.min(l.max, Math.max(l.min, value));
        if (x !== value)
          notices.push({ key: `y.${series}.${y}`, message: `${series} in ${y} = ${value} is outside the lever's range ${l.min} to ${l.max}; set to ${x}` });
        out[year] = x;
      }
      if (outside.length)
        notices.push({
          key: `y.${series}`,
          message: `${series}: ${outside.length === 1 ? `year ${outside[0]} is` : `years ${Math.min(...outside)}-${Math.max(...outside)} are`} outside the lever's years ${from}-${endYear}; ignored`,
        });
      if (Object.keys(out).length) years[series] = out;
    }
  return { state: { ...state, preset, compare, overrides, years }, notices };
}

/** Parse and check in one step, once the catalog is known. */
export function readCheckedState(hash: string, catalog: StateCatalog): ReadResult {
  const parsed = parseState(hash);
  const checked = checkState(parsed.state, catalog);
  return { state: checked.state, notices: [...parsed.notices, ...checked.notices] };
}

/** The notices as shown: the first few, then a count. */
export function noticeLines(notices: readonly StateNotice[]): string[] {
  const lines = notices.slice(0, MAX_NOTICES).map((n) => n.message);
  if (notices.length > MAX_NOTICES) lines.push(`and ${notices.length - MAX_NOTICES} more`);
  return lines;
}

/** The state's syntax only; kept for callers that read the hash before the catalog is known. */
export function readState(hash: string): ViewState {
  return parseState(hash).state;
}

export function writeState(s: ViewState): string {
  const q = new URLSearchParams();
  q.set("s", s.preset);
  if (s.compare) q.set("c", s.compare);
  if (s.lang !== "en") q.set("l", s.lang);
  for (const k of Object.keys(s.overrides).sort()) q.set(`o.${k}`, String(s.overrides[k]));
  for (const k of Object.keys(s.years ?? {}).sort()) for (const [range, v] of yearRuns(s.years[k])) q.set(`y.${k}.${range}`, String(v));
  return "#" + q.toString();
}

/** A series' year settings as runs of consecutive years with one value: ["2031-2035", 10]. */
export function yearRuns(path: Readonly<Record<number, number>>): [string, number][] {
  const ys = Object.keys(path)
    .map(Number)
    .sort((a, b) => a - b);
  const out: [string, number][] = [];
  for (let i = 0; i < ys.length;) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j] + 1 && Object.is(path[ys[j + 1]], path[ys[i]])) j++;
    out.push([j > i ? `${ys[i]}-${ys[j]}` : String(ys[i]), path[ys[i]]]);
    i = j + 1;
  }
  return out;
}
