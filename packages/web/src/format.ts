// Number formatting for figures and tooltips, with units.
// Number.prototype.toLocaleString builds a new formatter on every call (about 0.1 ms): keep one per precision.
const formatters: Intl.NumberFormat[] = [];
export function fmtNumber(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return "–";
  const f = (formatters[digits] ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
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
