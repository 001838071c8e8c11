// The whole view state lives in the URL hash, so a shared link reproduces the view exactly.
import type { Lang } from "./i18n";

export interface ViewState {
  preset: string;
  compare: string;
  lang: Lang;
  overrides: Record<string, number>;
}

export const DEFAULT_STATE: ViewState = { preset: "nevp-2025-30", compare: "", lang: "en", overrides: {} };

export function readState(hash: string): ViewState {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const overrides: Record<string, number> = {};
  for (const [k, v] of q) if (k.startsWith("o.") && Number.isFinite(Number(v))) overrides[k.slice(2)] = Number(v);
  return {
    preset: q.get("s") ?? DEFAULT_STATE.preset,
    compare: q.get("c") ?? "",
    lang: q.get("l") === "ur" ? "ur" : "en",
    overrides,
  };
}

export function writeState(s: ViewState): string {
  const q = new URLSearchParams();
  q.set("s", s.preset);
  if (s.compare) q.set("c", s.compare);
  if (s.lang !== "en") q.set("l", s.lang);
  for (const k of Object.keys(s.overrides).sort()) q.set(`o.${k}`, String(s.overrides[k]));
  return "#" + q.toString();
}
