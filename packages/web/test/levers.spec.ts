// A lever with no effect in the preset's mode is shown disabled with the reason (issue 13): which mode that is.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { leverCatalogue } from "@evplan/core";
import { inactiveIn, sameGroupProps } from "../src/Levers";
import { makeContext } from "../../cli/src/context.js";

const ctx = await makeContext({ data: join(import.meta.dirname, "../../../data/pakistan"), scenarios: join(import.meta.dirname, "../../../scenarios") });
const levers = leverCatalogue(ctx.model.registry, 2025);
const find = (series: string) => levers.find((l) => l.series === series)!;
const market = Array(6).fill("market") as ("targets" | "market")[];
const targets = Array(6).fill("targets") as ("targets" | "market")[];

describe("levers without effect in the current mode", () => {
  it("the targets-mode EV share is inactive in market mode, the subsidy in targets mode", () => {
    expect(inactiveIn(find("adoption.target_ev_share.car"), market)).toBe("market");
    expect(inactiveIn(find("adoption.target_ev_share.car"), targets)).toBeNull();
    expect(inactiveIn(find("policy.subsidy_budget"), targets)).toBe("targets");
    expect(inactiveIn(find("policy.subsidy_budget"), market)).toBeNull();
  });
  it("a segment's lever follows that segment's mode; a mandate acts in both", () => {
    const mixed = [...market];
    mixed[5] = "targets";
    expect(inactiveIn(find("policy.nev_levy_rate.truck"), mixed)).toBe("targets");
    expect(inactiveIn(find("policy.nev_levy_rate.car"), mixed)).toBeNull();
    expect(inactiveIn(find("policy.min_ev_share.car"), targets)).toBeNull();
  });
});

describe("a lever group re-renders only for its own levers (sameGroupProps)", () => {
  const incentives = levers.filter((l) => l.group === "incentives");
  const other = levers.find((l) => l.group !== "incentives")!;
  const own = incentives[0];
  const base = {
    group: "incentives",
    t: {} as never,
    lang: "en" as const,
    levers: incentives,
    defaults: {},
    overrides: {},
    years: {},
    setLever: () => {},
    modes: market,
    leverYears: {},
    paths: {},
    applied: {},
    endYear: 2060,
  };
  it("a move of another group's lever (new maps, same entries here) keeps the group", () => {
    expect(sameGroupProps(base, { ...base, overrides: { [other.series]: 2 }, applied: { [other.series]: { 2030: 1 } } })).toBe(true);
  });
  it("a move of one of its own levers, a year set by hand, a new applied path or any other prop re-renders it", () => {
    expect(sameGroupProps(base, { ...base, overrides: { [own.series]: 2 } })).toBe(false);
    expect(sameGroupProps(base, { ...base, years: { [own.series]: { 2030: 1 } } })).toBe(false);
    expect(sameGroupProps(base, { ...base, applied: { [own.series]: { 2030: 1 } } })).toBe(false);
    expect(sameGroupProps(base, { ...base, lang: "ur" })).toBe(false);
    expect(sameGroupProps(base, { ...base, modes: targets })).toBe(false);
    expect(sameGroupProps(base, { ...base, endYear: 2050 })).toBe(false);
  });
  it("the same value in a new map is the same", () => {
    const a = { ...base, overrides: { [own.series]: 2 } };
    expect(sameGroupProps(a, { ...a, overrides: { [own.series]: 2, [other.series]: 3 } })).toBe(true);
  });
});
