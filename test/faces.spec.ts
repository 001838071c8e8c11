// The CLI and the web planner lay out what the core's views return: the same scenario through both faces' data
// paths gives the same headline figures, targets and CSV rows.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { headlines, keyFigures, runCsv } from "@evplan/core";
import { makeContext } from "../packages/cli/src/context.js";
import { csvText, summary } from "../packages/cli/src/commands/run.js";
import { PlannerModel } from "../packages/web/src/planner.js";

const root = join(import.meta.dirname, "..");
const ctx = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });

describe("the CLI and the web planner show the same figures", () => {
  const web = new PlannerModel(ctx.model, ctx.model.registry, 2025);
  for (const name of ["nevp-2025-30", "nevp-2025-30-targets", "reference"]) {
    it(`${name}: headlines, targets and key figures agree`, () => {
      const cli = ctx.model.run(name);
      const reply = web.run(1, name, {}, () => 0);
      expect(reply.headlines).toEqual(headlines(cli));
      expect(reply.targets).toEqual(cli.targets);
      expect(reply.figures).toEqual(keyFigures(cli));
      // The headline values are the model's own numbers, not recomputed by a face.
      const share = reply.headlines.find((h) => h.id === "ev_share_2030")!;
      expect(share.target?.target).toBe(cli.targets.find((t) => t.metric === "ev_sales_share" && t.segment === "total" && t.year === 2030)?.target);
    });
  }

  it("the web CSV rows are the CLI CSV rows (difference rows included)", () => {
    const cli = ctx.model.run("nevp-2025-30");
    const reply = web.run(1, "nevp-2025-30", {}, () => 0);
    const webCsv = runCsv(reply, { name: "nevp-2025-30", out: reply.main }, { name: reply.counterfactualName!, out: reply.counterfactual! });
    const cliCsv = csvText(cli);
    expect(webCsv).toBe(cliCsv);
    expect(cliCsv).toContain("nevp-2025-30 minus reference,ev_sales_share,total,all,all,2030,");
  });

  it("the CLI summary prints the headline's EV share and target status", () => {
    const cli = ctx.model.run("nevp-2025-30");
    const text = summary(cli);
    const share = headlines(cli).find((h) => h.id === "ev_share_2030")!;
    expect(text).toContain(`${(share.value * 100).toFixed(1)}%`);
    expect(text).toContain(share.target!.met ? "met" : "MISSED");
  });
});
