// The page's number formatting against Intl.NumberFormat's en-US output, which it replaces (format.ts says why):
// the same text for any finite number and precision the page uses.
import { describe, expect, it } from "vitest";
import { fmtNumber, fmtUpTo } from "../src/format";

/** A deterministic stream of doubles over many magnitudes, with ties at every precision mixed in. */
function* samples(n: number): Generator<number> {
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const fixed = [
    0, -0, 0.5, 1.5, 2.5, -2.5, 1.005, 1.045, -1.005, 0.045, 999.995, 9.995, 99999.5, 1e21, 1.5e21, 123456789.125, 1e-7, -1e-7, 5e-324, 1.7976931348623157e308,
  ];
  yield* fixed;
  for (let i = 0; i < n; i++) {
    const sign = next() < 0.3 ? -1 : 1;
    const mag = 10 ** Math.floor(next() * 24 - 8);
    const r = next();
    // A third exact ties (k + 0.5) / 10^d, a third short decimals, a third arbitrary doubles.
    const d = Math.floor(next() * 5);
    const x = r < 1 / 3 ? (Math.floor(next() * 1e6) + 0.5) / 10 ** d : r < 2 / 3 ? Math.round(next() * 1e6) / 10 ** (d + 1) : next() * mag;
    yield sign * x;
  }
}

describe("number formatting", () => {
  it("fmtNumber matches Intl.NumberFormat en-US at 0-6 fixed decimals", () => {
    const fmts = [0, 1, 2, 3, 4, 5, 6].map((d) => new Intl.NumberFormat("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }));
    let checked = 0;
    for (const x of samples(40_000))
      for (let d = 0; d <= 6; d++) {
        const want = fmts[d].format(x);
        if (fmtNumber(x, d) !== want) expect(`${fmtNumber(x, d)} for ${x} at ${d}`).toBe(`${want} for ${x} at ${d}`);
        checked++;
      }
    expect(checked).toBeGreaterThan(280_000);
  });

  it("fmtUpTo matches Intl.NumberFormat en-US with at most 0-6 decimals", () => {
    const fmts = [0, 1, 2, 3, 4, 5, 6].map((d) => new Intl.NumberFormat("en-US", { maximumFractionDigits: d }));
    for (const x of samples(40_000))
      for (let d = 0; d <= 6; d++) {
        const want = fmts[d].format(x);
        if (fmtUpTo(x, d) !== want) expect(`${fmtUpTo(x, d)} for ${x} at ${d}`).toBe(`${want} for ${x} at ${d}`);
      }
  });

  it("writes a dash for what is not a number", () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      expect(fmtNumber(x, 1)).toBe("–");
      expect(fmtUpTo(x, 1)).toBe("–");
    }
  });
});
