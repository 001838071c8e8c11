// grouped() writes what toLocaleString("en-US") writes, without Intl (whose first use costs more than a model run).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { grouped } from "./numbers.js";

const intl = (x: number, d: number) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });

describe("grouped", () => {
  it("matches toLocaleString('en-US') on any double and 0-4 decimals", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        expect(grouped(x, d)).toBe(intl(x, d));
      }),
      { numRuns: 5000 },
    );
  });

  it("matches it on halves and near-halves of table magnitudes, where rounding differs between methods", () => {
    for (const x of [0, -0, 0.5, 1.5, 2.5, -0.5, -0.3, 0.15, 1.005, 2.675, 4.35, 999.95, 999999.5, 5159.915, -1234.5, 1e20, 123456789.125])
      for (const d of [0, 1, 2, 3]) expect(grouped(x, d)).toBe(intl(x, d));
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 3 }), (n, d) => {
        const x = n / 10 ** (d + 1) + (n < 0 ? -5 : 5) / 10 ** (d + 1);
        expect(grouped(x, d)).toBe(intl(x, d));
      }),
      { numRuns: 5000 },
    );
    expect(grouped(NaN)).toBe("n/a");
    expect(grouped(Infinity)).toBe("n/a");
  });
});
