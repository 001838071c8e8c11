// A lever's year table: its dated path by fiscal year, the policy's value beside the value applied, each applied
// value editable. Rows are the path's periods (a budget that changes every year shows a row a year, a levy that
// steps once shows two rows); "every year" splits them into single years. An edit sets every year of its row.
import { memo, useId, useState } from "react";
import type { Strings } from "./i18n";
import type { LeverInfo } from "./protocol";
import { isFraction, type Labels } from "./labels";
import { fmtUpTo } from "./format";
import { valueAt } from "./paths";

/**
 * The rows of the table: [first year, last year] for each period in which none of the paths changes and no year is
 * set by hand on its own, from the lever's first year to the scenario's last; or one row a year.
 */
export function periods(
  from: number,
  end: number,
  paths: readonly Readonly<Record<number, number>>[],
  edited: readonly number[],
  every: boolean,
): [number, number][] {
  const starts = new Set<number>([from]);
  if (every) for (let y = from; y <= end; y++) starts.add(y);
  for (const p of paths) for (const y of Object.keys(p).map(Number)) if (y > from && y <= end) starts.add(y);
  for (const y of edited) {
    if (y >= from && y <= end) starts.add(y);
    if (y + 1 <= end && y + 1 > from) starts.add(y + 1);
  }
  const s = [...starts].sort((a, b) => a - b);
  return s.map((y, i) => [y, i + 1 < s.length ? s[i + 1] - 1 : end]);
}

/** Model units to the units the controls show: shares in %, the budget in PKR bn, the rest as they are. */
export function displayScale(unit: string): number {
  return isFraction(unit) ? 100 : unit === "PKR" ? 1e-9 : 1;
}
const shown = (v: number, unit: string) => Number((v * displayScale(unit)).toPrecision(10));
/** What a cell accepts: a plain decimal number (no hex, no exponent, no blanks inside). */
const DECIMAL = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;
const fy = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);

export const YearTable = memo(function YearTable({
  lever: l,
  human,
  policy,
  applied,
  edits,
  endYear,
  t,
  L,
  onEdits,
  onReset,
  id,
}: {
  lever: LeverInfo;
  /** The lever's name (with its key), for the caption and the inputs' labels. */
  human: string;
  /** The preset's dated path from the lever's first year. */
  policy: Readonly<Record<number, number>>;
  /** The dated path as applied in the last run (the preset's when the lever is not moved). */
  applied: Readonly<Record<number, number>>;
  edits: Readonly<Record<number, number>> | undefined;
  endYear: number;
  t: Strings;
  L: Labels;
  onEdits: (next: Record<number, number> | null) => void;
  onReset: () => void;
  id: string;
}) {
  const [every, setEvery] = useState(false);
  // The text being typed in one cell, kept until the cell loses focus: an unfinished number is never re-formatted.
  const [draft, setDraft] = useState<{ year: number; text: string } | null>(null);
  const errorId = useId();
  const editedYears = Object.keys(edits ?? {}).map(Number);
  const rows = periods(l.fromYear, endYear, [policy, applied], editedYears, every);
  const unit = L.unit(l.unit);
  const lo = shown(l.min, l.unit);
  const hi = shown(l.max, l.unit);
  const setRow = (a: number, b: number, text: string) => {
    setDraft({ year: a, text });
    const x = Number(text);
    if (!DECIMAL.test(text) || x < lo || x > hi) return;
    const next = { ...(edits ?? {}) };
    const v = x / displayScale(l.unit);
    for (let y = a; y <= b; y++) next[y] = v;
    onEdits(next);
  };
  const clearRow = (a: number, b: number) => {
    const next = { ...(edits ?? {}) };
    for (let y = a; y <= b; y++) delete next[y];
    onEdits(Object.keys(next).length ? next : null);
  };
  const invalid = draft !== null && (!DECIMAL.test(draft.text) || Number(draft.text) < lo || Number(draft.text) > hi);
  return (
    <div className="year-table" id={id} data-testid="year-table" data-series={l.series}>
      <table>
        <caption>
          {human}: {t.yearTableCaption} <span className="muted">({unit})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.yearCol}</th>
            <th scope="col">{t.policyCol}</th>
            <th scope="col">{t.appliedCol}</th>
            <th scope="col">
              <span className="sr-only">{t.resetYear}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([a, b]) => {
            const p = valueAt(policy, a);
            const v = valueAt(applied, a);
            const hand = editedYears.some((y) => y >= a && y <= b);
            const years = fy(a, b);
            // The typed text stays while it is what the row holds (or is not yet a valid number); a change from
            // elsewhere (the slider scaling the path) shows the new value.
            const typed = draft?.year === a && (invalid || Number(draft.text) / displayScale(l.unit) === edits?.[a]);
            const text = typed ? draft.text : String(shown(v, l.unit));
            return (
              <tr key={a} className={hand ? "edited" : v !== p ? "scaled" : undefined}>
                <th scope="row">
                  <bdi dir="ltr">{years}</bdi>
                </th>
                <td className="num">
                  <bdi dir="ltr">{fmtUpTo(shown(p, l.unit), 4)}</bdi>
                </td>
                <td>
                  <input
                    // Text, not type="number": a number input that has focus is not updated by the page, so
                    // the slider scaling the path would leave the typed value showing.
                    type="text"
                    inputMode="decimal"
                    dir="ltr"
                    autoComplete="off"
                    spellCheck={false}
                    value={text}
                    data-year={a}
                    aria-label={`${human}, ${t.yearCol} ${years}, ${t.appliedCol} (${unit})`}
                    aria-invalid={draft?.year === a && invalid ? true : undefined}
                    aria-describedby={draft?.year === a && invalid ? errorId : undefined}
                    onChange={(e) => setRow(a, b, e.target.value)}
                    onBlur={() => setDraft(null)}
                  />
                  {hand && <span className="sr-only">{t.edited}</span>}
                </td>
                <td>
                  {hand && (
                    <button type="button" onClick={() => clearRow(a, b)} aria-label={`${t.resetYear}: ${human}, ${years}`} title={t.resetYear}>
                      ↺
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {invalid && (
        <p className="year-error" id={errorId} role="alert">
          {t.enterBetween} <bdi dir="ltr">{lo}</bdi> {t.to} <bdi dir="ltr">{hi}</bdi> ({unit})
        </p>
      )}
      <div className="year-actions">
        <label>
          <input type="checkbox" checked={every} onChange={(e) => setEvery(e.target.checked)} /> {t.everyYear}
        </label>
        <button type="button" onClick={onReset} data-testid="year-reset">
          {t.resetLever}
        </button>
      </div>
      <p className="hint">{t.yearsHint}</p>
    </div>
  );
});
