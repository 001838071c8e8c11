// A Monte Carlo's streaming summary survives its shard file: encode and decode give the same statistics, and a
// damaged body is refused with what is wrong.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { UncertaintySummary, type UncertaintyMeta } from "@evplan/core/runtime";
import { decodeSummary, encodeSummary } from "./summary-bytes.js";

/** A summary over W columns (the last `targets` are target columns) of random records, zeros and non-finite values. */
function summaryOf(records: number[][], targets: number): { meta: UncertaintyMeta; summary: UncertaintySummary } {
  const width = records[0].length;
  const meta = {
    kind: "uncertainty",
    width,
    cells: [],
    years: [],
    difference: false,
    targets: Array.from({ length: targets }, () => ({ target: 0.3, sense: "at_least" })),
  } as unknown as UncertaintyMeta;
  // targetBase(meta) is 0 here (no cells), so the first `targets` columns are the target columns.
  const summary = new UncertaintySummary(meta);
  for (const r of records) summary.add(Float64Array.from(r), 0);
  return { meta, summary };
}

const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 0.3, Infinity, -Infinity, NaN));

describe("summary bytes", () => {
  it("decode what encode wrote: the same percentiles and counts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((w) => fc.array(fc.array(value, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 60 })),
        (records) => {
          const targets = Math.min(2, records[0].length);
          const { meta, summary } = summaryOf(records, targets);
          const back = new UncertaintySummary(meta);
          back.merge(decodeSummary(encodeSummary(summary.toData()), meta.width, targets));
          expect(back.samples).toBe(records.length);
          expect(Array.from(back.stats())).toEqual(Array.from(summary.stats()));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses a count that does not add up, a wrong length and counts left over", () => {
    const { meta, summary } = summaryOf(
      Array.from({ length: 30 }, (_, i) => [i / 10, -i, i % 3 === 0 ? 0 : 1e3 * i]),
      1,
    );
    const good = encodeSummary(summary.toData());
    const W = meta.width;
    // The first bucket's count (the byte after the first gap) one higher.
    const bumped = { numbers: good.numbers, counts: good.counts.slice() };
    bumped.counts[1] += 1;
    expect(() => decodeSummary(bumped, W, 1)).toThrow(/counts do not add up/);
    expect(() => decodeSummary({ numbers: good.numbers.slice(1), counts: good.counts }, W, 1)).toThrow(/summary numbers/);
    const extra = new Uint8Array(good.counts.length + 1);
    extra.set(good.counts);
    expect(() => decodeSummary({ numbers: good.numbers, counts: extra }, W, 1)).toThrow(/left over/);
    expect(() => decodeSummary({ numbers: good.numbers, counts: good.counts.subarray(0, good.counts.length - 1) }, W, 1)).toThrow(/cut short|add up/);
    const fewer = good.numbers.slice();
    fewer[0] = 29;
    expect(() => decodeSummary({ numbers: fewer, counts: good.counts }, W, 1)).toThrow(/other than 29 samples|target count/);
    expect(decodeSummary(good, W, 1).samples).toBe(30);
  });
});
