// The year table's rows (YearTable.tsx) and the value of a dated path in a year (paths.ts). Pure: no browser.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { periods } from "../src/YearTable";
import { valueAt } from "../src/paths";

const BUDGET = { 2026: 9e9, 2027: 19e9, 2028: 24e9, 2029: 26e9, 2030: 23e9, 2031: 0 };

describe("a year table's rows", () => {
  it("are the path's periods, with a row of its own around a year set by hand", () => {
    expect(periods(2026, 2060, [BUDGET], [], false)).toEqual([
      [2026, 2026],
      [2027, 2027],
      [2028, 2028],
      [2029, 2029],
      [2030, 2030],
      [2031, 2060],
    ]);
    const levy = { 2026: 2.5, 2027: 5 };
    expect(periods(2026, 2060, [levy], [2040], false)).toEqual([
      [2026, 2026],
      [2027, 2039],
      [2040, 2040],
      [2041, 2060],
    ]);
    expect(periods(2026, 2030, [levy], [], true)).toEqual([2026, 2027, 2028, 2029, 2030].map((y) => [y, y]));
  });

  it("cover every year from the first to the last exactly once, and no path changes inside a row", () => {
    const path = fc.dictionary(fc.integer({ min: 2020, max: 2070 }).map(String), fc.integer({ min: 0, max: 5 }), { maxKeys: 10 });
    fc.assert(
      fc.property(path, path, fc.array(fc.integer({ min: 2020, max: 2070 }), { maxLength: 5 }), fc.boolean(), (a, b, edited, every) => {
        const pa = Object.fromEntries(Object.entries(a).map(([y, v]) => [Number(y), v]));
        const pb = Object.fromEntries(Object.entries(b).map(([y, v]) => [Number(y), v]));
        const rows = periods(2026, 2060, [pa, pb], edited, every);
        expect(rows[0][0]).toBe(2026);
        expect(rows.at(-1)![1]).toBe(2060);
        for (let i = 1; i < rows.length; i++) expect(rows[i][0]).toBe(rows[i - 1][1] + 1);
        for (const [s, e] of rows) {
          for (let y = s; y <= e; y++) {
            if (Object.keys(pa).length) expect(valueAt(pa, y)).toBe(valueAt(pa, s));
            if (Object.keys(pb).length) expect(valueAt(pb, y)).toBe(valueAt(pb, s));
          }
          // A year set by hand is a row of its own.
          for (const y of edited) if (y >= s && y <= e && y >= 2026 && y <= 2060) expect([s, e]).toEqual([y, y]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("read a dated path's value in a year: the last change not after it, or the first value before it", () => {
    expect(valueAt(BUDGET, 2028)).toBe(24e9);
    expect(valueAt(BUDGET, 2045)).toBe(0);
    expect(valueAt({ 2027: 5 }, 2026)).toBe(5);
  });
});
