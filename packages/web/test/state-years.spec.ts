// Year settings in the link (state.ts): written as runs of years, read back the same, and a malformed or
// out-of-range part ignored or clamped with a notice while the rest applies. Pure: no browser.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkState, emptyState, parseState, readCheckedState, writeState, yearRuns } from "../src/state";

const catalog = {
  presets: [{ name: "nevp-2025-30", endYear: 2060 }],
  levers: [
    { series: "policy.subsidy_budget", min: 0, max: 200e9, fromYear: 2026 },
    { series: "taxes.carbon_levy", min: 0, max: 50, fromYear: 2026 },
  ],
};

describe("year settings in the link", () => {
  it("are written as runs of equal consecutive years, and read back exactly", () => {
    const years = { "taxes.carbon_levy": { 2031: 10, 2032: 10, 2033: 10, 2035: 10, 2036: 12.5 }, "policy.subsidy_budget": { 2028: 3e10 } };
    const hash = writeState(emptyState({ preset: "nevp-2025-30", years }));
    expect(hash).toBe(
      "#s=nevp-2025-30&y.policy.subsidy_budget.2028=30000000000&y.taxes.carbon_levy.2031-2033=10&y.taxes.carbon_levy.2035=10&y.taxes.carbon_levy.2036=12.5",
    );
    const back = readCheckedState(hash, catalog);
    expect(back.notices).toEqual([]);
    expect(back.state.years).toEqual(years);
  });

  it("round-trip any setting inside the levers' ranges and years", () => {
    const path = fc.dictionary(fc.integer({ min: 2026, max: 2060 }).map(String), fc.double({ min: 0, max: 50, noNaN: true }), { maxKeys: 12 });
    fc.assert(
      fc.property(path, fc.double({ min: 0, max: 50, noNaN: true }), (p, slider) => {
        const years: Record<string, Record<number, number>> = Object.keys(p).length
          ? { "taxes.carbon_levy": Object.fromEntries(Object.entries(p).map(([y, v]) => [Number(y), v])) }
          : {};
        const s = emptyState({ preset: "nevp-2025-30", overrides: { "taxes.carbon_levy": slider }, years });
        const back = readCheckedState(writeState(s), catalog);
        expect(back.notices).toEqual([]);
        expect(back.state).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it("ignore a malformed key or value with a notice, and keep the rest", () => {
    const r = parseState("#s=nevp-2025-30&y.taxes.carbon_levy=3&y.taxes.carbon_levy.2031=ten&y.taxes.carbon_levy.2040-2031=1&y.policy.subsidy_budget.2027=5e9");
    expect(r.state.years).toEqual({ "policy.subsidy_budget": { 2027: 5e9 } });
    expect(r.notices.map((n) => n.message)).toEqual([
      '"y.taxes.carbon_levy" is not a lever, a year and a value; ignored',
      'taxes.carbon_levy in 2031: "ten" is not a number; ignored',
      '"y.taxes.carbon_levy.2040-2031" is not a lever, a year and a value; ignored',
    ]);
  });

  it("clamp a value to the lever's range, drop years outside the lever's years and unknown levers, with notices", () => {
    const parsed = parseState("#s=nevp-2025-30&y.taxes.carbon_levy.2030=80&y.taxes.carbon_levy.2020-2027=4&y.no.such.2030=1&y.taxes.carbon_levy.2031=7");
    const r = checkState(parsed.state, catalog);
    expect(r.state.years).toEqual({ "taxes.carbon_levy": { 2026: 4, 2027: 4, 2030: 50, 2031: 7 } });
    expect(r.notices.map((n) => n.message).sort()).toEqual(
      [
        'there is no lever "no.such"; its year settings were ignored',
        "taxes.carbon_levy in 2030 = 80 is outside the lever's range 0 to 50; set to 50",
        "taxes.carbon_levy: years 2020-2025 are outside the lever's years 2026-2060; ignored",
      ].sort(),
    );
  });

  it("a year given twice keeps the first, and year settings of an unknown scenario are dropped", () => {
    const twice = parseState("#s=nevp-2025-30&y.taxes.carbon_levy.2030-2032=5&y.taxes.carbon_levy.2031=9");
    expect(twice.state.years).toEqual({ "taxes.carbon_levy": { 2030: 5, 2031: 5, 2032: 5 } });
    expect(twice.notices[0].message).toBe("taxes.carbon_levy in 2031 is given twice; the first value is kept");
    const gone = readCheckedState("#s=nosuch&y.taxes.carbon_levy.2030=5", catalog);
    expect(gone.state.preset).toBe("nevp-2025-30");
    expect(gone.state.years).toEqual({});
  });

  it("never throw on any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (junk) => {
        const r = readCheckedState("#s=nevp-2025-30&y." + junk, catalog);
        expect(r.state.preset).toBe("nevp-2025-30");
      }),
      { numRuns: 300 },
    );
    expect(yearRuns({})).toEqual([]);
  });
});
