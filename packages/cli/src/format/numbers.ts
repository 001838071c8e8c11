// Number formatting for terminal tables: readable magnitudes, units stated by the caller.

export function grouped(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return "n/a";
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
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
