// Opening a saved scenario restores the year table's hand-set years, not only the sliders (saved.ts). Pure: the
// worker's scaling rule (core's applyLever) is applied here to check the round trip; no browser.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { handSetYears, stateFromSaved, type PresetPaths } from "../src/saved";
import { emptyState } from "../src/state";
import type { LeverInfo } from "../src/protocol";

const lever = { series: "policy.subsidy_budget", min: 0, max: 200e9, fromYear: 2026 } as LeverInfo;
const END = 2040;
/** The preset's path: a budget that steps up in 2028 and ends after 2030. */
const PRESET: Record<number, number> = { 2026: 9e9, 2028: 12e9, 2031: 0 };
const paths: PresetPaths = { leverPaths: { [lever.series]: PRESET }, leverYears: { [lever.series]: 2026 }, endYear: END };

/** What the worker applies for a slider value and hand-set years (applyLever, then applyLeverYears), per year. */
function applied(value: number, years: Record<number, number>): number[] {
  const at = (p: Record<number, number>, y: number) => {
    let v = NaN;
    for (const [k, x] of Object.entries(p)) if (Number(k) <= y) v = x;
    return v;
  };
  const v0 = at(PRESET, 2026);
  const out: number[] = [];
  for (let y = 2026; y <= END; y++) out.push(years[y] ?? at(PRESET, y) * (value / v0));
  return out;
}
/** The saved document's path: every year where the applied value changes (scenarioDocument). */
function savedPath(values: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  values.forEach((v, i) => {
    if (i === 0 || v !== values[i - 1]) out[2026 + i] = v;
  });
  return out;
}

describe("a saved scenario opened in the planner", () => {
  it("brings back the hand-set years as year settings, and the slider value", () => {
    const path = savedPath(applied(18e9, { 2029: 5e9, 2033: 1e9 }));
    const { state, ignored } = stateFromSaved(
      { name: "x", notes: "", scenario: { extends: "nevp-2025-30", overrides: { [lever.series]: { interpolation: "step", values: path } } } },
      [lever],
      ["nevp-2025-30"],
      emptyState(),
      paths,
    );
    expect(ignored).toEqual([]);
    expect(state.overrides[lever.series]).toBe(18e9);
    expect(state.years[lever.series]).toEqual({ 2029: 5e9, 2033: 1e9 });
  });

  it("lists an override whose path is not a step path of whole years and numbers, and reads a path in any key order", () => {
    const open = (values: unknown) =>
      stateFromSaved(
        { name: "x", notes: "", scenario: { extends: "nevp-2025-30", overrides: { [lever.series]: { interpolation: "step", values } } } },
        [lever],
        ["nevp-2025-30"],
        emptyState(),
      );
    for (const bad of [{ 2026: "9e9" }, { "2026.5": 9e9 }, { "02026": 9e9 }, { x: 1 }, {}])
      expect(open(bad).ignored, JSON.stringify(bad)).toEqual([lever.series]);
    // Written out of order (a hand-made file): the value in the display year is the latest date at or before it.
    const { state, ignored } = open(JSON.parse('{"2030": 1e9, "2026": 7e9, "2028": 3e9}'));
    expect(ignored).toEqual([]);
    expect(state.overrides[lever.series]).toBe(7e9);
  });

  it("a slider alone gives no year settings", () => {
    expect(handSetYears(savedPath(applied(0.3e9, {})), PRESET, 2026, 0.3e9, 2026, END)).toEqual({});
  });

  it("round-trips any slider value and hand-set years: the restored settings apply the saved path", () => {
    const years = fc.dictionary(fc.integer({ min: 2026, max: END }).map(String), fc.double({ min: 0, max: 200e9, noNaN: true }), { maxKeys: 8 });
    fc.assert(
      fc.property(fc.double({ min: 1, max: 200e9, noNaN: true }), years, (value, y) => {
        const hand = Object.fromEntries(Object.entries(y).map(([k, v]) => [Number(k), v]));
        const saved = applied(value, hand);
        const path = savedPath(saved);
        const v = path[2026];
        const back = applied(v, handSetYears(path, PRESET, 2026, v, 2026, END));
        back.forEach((x, i) => expect(Math.abs(x - saved[i])).toBeLessThanOrEqual(1e-12 * Math.abs(saved[i])));
      }),
      { numRuns: 300 },
    );
  });

  it("without the preset's paths (its run not there yet) restores the sliders only", () => {
    const path = savedPath(applied(18e9, { 2029: 5e9 }));
    const { state } = stateFromSaved(
      { name: "x", notes: "", scenario: { extends: "nevp-2025-30", overrides: { [lever.series]: { values: path } } } },
      [lever],
      ["nevp-2025-30"],
      emptyState(),
    );
    expect(state.overrides[lever.series]).toBe(18e9);
    expect(state.years).toEqual({});
  });
});
