// Number formatting for terminal tables: readable magnitudes, units stated by the caller.

/**
 * `x` with `digits` decimals and thousands separators, as `toLocaleString("en-US")` writes it, without Intl: its
 * first use loads ICU data, which cost more than the whole model run of `evplan run`. As Intl, it rounds the
 * shortest decimal form of x (0.15 is "0.15", so 0.2 at one decimal) half away from zero, and writes "-0" for a
 * negative that rounds to zero.
 */
export function grouped(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return "n/a";
  const a = Math.abs(x);
  const text = String(a);
  // Exponent forms (below 1e-6, from 1e21) are rare in tables: Intl writes those.
  if (text.includes("e")) return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const dot = text.indexOf(".");
  let int = dot < 0 ? text : text.slice(0, dot);
  let frac = dot < 0 ? "" : text.slice(dot + 1);
  if (frac.length > digits) {
    const up = frac.charCodeAt(digits) >= 53; // "5"
    const kept = (int + frac.slice(0, digits)).split("");
    if (up) {
      let i = kept.length - 1;
      while (i >= 0 && kept[i] === "9") kept[i--] = "0";
      if (i < 0) kept.unshift("1");
      else kept[i] = String.fromCharCode(kept[i].charCodeAt(0) + 1);
    }
    int = kept.slice(0, kept.length - digits).join("");
    frac = kept.slice(kept.length - digits).join("");
  } else frac = frac.padEnd(digits, "0");
  let out = "";
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ",";
    out += int[i];
  }
  return (x < 0 || Object.is(x, -0) ? "-" : "") + out + (digits > 0 ? "." + frac : "");
}

export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "n/a";
}

export function pp(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "n/a";
  const v = x * 100;
  return `${v >= 0 ? "+" : ""}${v.toFixed(digits)} pp`;
}

/** 1234567 -> "1.23 m"; picks k, m, bn. */
export function compact(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return "n/a";
  const a = Math.abs(x);
  const sign = x < 0 ? "-" : "";
  if (a >= 1e9) return `${sign}${(a / 1e9).toFixed(digits)} bn`;
  if (a >= 1e6) return `${sign}${(a / 1e6).toFixed(digits)} m`;
  if (a >= 1e4) return `${sign}${(a / 1e3).toFixed(1)} k`;
  return `${sign}${a.toFixed(a >= 100 ? 0 : 1)}`;
}

export function signed(s: string, x: number): string {
  return x > 0 ? `+${s}` : s;
}
