// Number formatting for figures and tooltips, with units, in English or Urdu (Western digits in both, as Pakistani
// official statistics print them; the caller isolates a number with <bdi> inside Urdu text).
import type { Labels } from "./labels";
import { isFraction } from "./labels";

// Number.prototype.toLocaleString builds a new formatter on every call (about 0.1 ms): keep one per precision.
const formatters: Intl.NumberFormat[] = [];
const upTo: Intl.NumberFormat[] = [];
export function fmtNumber(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return "–";
  const f = (formatters[digits] ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  return f.format(x);
}
/** At most `digits` decimals, trailing zeros dropped. */
export function fmtUpTo(x: number, digits: number): string {
  if (!Number.isFinite(x)) return "–";
  const f = (upTo[digits] ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }));
  return f.format(x);
}
export function fmtPct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "–";
}
export function fmtCompact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e12) return `${(x / 1e12).toFixed(2)} trn`;
  if (a >= 1e9) return `${(x / 1e9).toFixed(1)} bn`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(1)} m`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(0)} k`;
  return fmtNumber(x, a < 10 ? 2 : 0);
}
/** A signed number with a true minus sign. */
export function signed(x: number, digits: number): string {
  return `${x >= 0 ? "+" : "−"}${fmtNumber(Math.abs(x), digits)}`;
}
/** PKR in billions: "PKR 193 bn" / "193 ارب روپے". */
export function money(v: number, L: Labels, digits = 0, sign = false): string {
  const n = fmtNumber(Math.abs(v) / 1e9, digits);
  const s = sign ? (v >= 0 ? "+" : "−") : v < 0 ? "−" : "";
  return L.lang === "ur" ? `${s}${n} ${L.valueUnit("pkrBn")}` : `${s}PKR ${n} bn`;
}
/** USD in billions. */
export function dollars(v: number, L: Labels, digits = 2, sign = false): string {
  const n = fmtNumber(Math.abs(v) / 1e9, digits);
  const s = sign ? (v >= 0 ? "+" : "−") : v < 0 ? "−" : "";
  return L.lang === "ur" ? `${s}${n} ${L.valueUnit("usdBn")}` : `${s}USD ${n} bn`;
}
/** A difference of shares in percentage points. */
export function points(d: number, L: Labels, digits = 1): string {
  return `${signed(d * 100, digits)} ${L.valueUnit("pp")}`;
}

/** A lever's value as its control shows it: fractions as percentages, the subsidy budget in PKR bn. */
export function leverNumber(v: number, unit: string): string {
  if (isFraction(unit)) return fmtUpTo(v * 100, 2);
  if (unit === "PKR") return fmtUpTo(v / 1e9, 1);
  if (unit === "dimensionless") return `×${fmtUpTo(v, 2)}`;
  return fmtUpTo(v, Math.abs(v) < 10 ? 2 : 0);
}
/** The value with its unit, for a screen reader (aria-valuetext) and the tooltip. */
export function leverText(v: number, unit: string, L: Labels): string {
  if (unit === "dimensionless") return `${leverNumber(v, unit)} ${L.unit(unit).replace(/^× ?/, "")}`;
  if (isFraction(unit) && L.lang === "en") return `${leverNumber(v, unit)}${L.unit(unit)}`;
  return `${leverNumber(v, unit)} ${L.unit(unit)}`;
}
