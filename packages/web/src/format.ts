// Number formatting for figures and tooltips, with units, in English or Urdu (Western digits in both, as Pakistani
// official statistics print them; the caller isolates a number with <bdi> inside Urdu text).
import type { Labels } from "./labels";
import { isFraction } from "./labels";

// Numbers are formatted here, not by Intl.NumberFormat: the first formatter a page makes costs 35-50 ms (ICU's
// data read in), on the first load's critical path (issue 18). The output is Intl's en-US format exactly: commas
// between thousands, rounding half away from zero on the number's shortest decimal form (1.005 gives 1.01, where
// toFixed gives 1.00), a minus sign for -0 and for negatives that round to zero (test/format.spec.ts checks it
// against Intl).

/**
 * |x| rounded half away from zero to `digits` decimals, from its shortest decimal form (as `String` writes it):
 * the integer digits and the `digits` fraction digits.
 */
function rounded(x: number, digits: number): [string, string] {
  const s = String(Math.abs(x));
  const e = s.indexOf("e");
  const mantissa = e < 0 ? s : s.slice(0, e);
  const dot = mantissa.indexOf(".");
  let ds = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // Where the decimal point falls in ds.
  let point = (dot < 0 ? mantissa.length : dot) + (e < 0 ? 0 : Number(s.slice(e + 1)));
  if (point < 0) {
    ds = "0".repeat(-point) + ds;
    point = 0;
  }
  const keep = point + digits;
  if (ds.length <= keep) ds += "0".repeat(keep - ds.length);
  else {
    const up = ds.charCodeAt(keep) >= 53; // "5" or more: away from zero
    ds = ds.slice(0, keep);
    if (up) {
      let i = keep - 1;
      while (i >= 0 && ds[i] === "9") i--;
      ds = i < 0 ? "1" + "0".repeat(keep) : ds.slice(0, i) + String.fromCharCode(ds.charCodeAt(i) + 1) + "0".repeat(keep - 1 - i);
      if (i < 0) point++;
    }
  }
  const int = ds.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  return [int, ds.slice(point)];
}

/** Commas between thousands: "1234567" to "1,234,567". */
function grouped(int: string): string {
  let out = "";
  for (let i = 0; i < int.length; i++) out += (i > 0 && (int.length - i) % 3 === 0 ? "," : "") + int[i];
  return out;
}

const negative = (x: number) => x < 0 || Object.is(x, -0);

export function fmtNumber(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return "–";
  const [int, frac] = rounded(x, digits);
  return `${negative(x) ? "-" : ""}${grouped(int)}${digits > 0 ? `.${frac}` : ""}`;
}
/** At most `digits` decimals, trailing zeros dropped. */
export function fmtUpTo(x: number, digits: number): string {
  if (!Number.isFinite(x)) return "–";
  const [int, frac] = rounded(x, digits);
  const f = frac.replace(/0+$/, "");
  return `${negative(x) ? "-" : ""}${grouped(int)}${f ? `.${f}` : ""}`;
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
