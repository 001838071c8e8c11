// A lever with no effect in the preset's mode is shown disabled with the reason (issue 13): which mode that is.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { leverCatalogue } from "@evplan/core";
import { inactiveIn } from "../src/Levers";
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
