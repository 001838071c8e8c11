// `evplan scenarios`: the scenarios a user can run, with their titles and modes, from the scenarios folder.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { CompiledScenario } from "@evplan/core/runtime";
import { CliError, makeContext, shownPath } from "../context.js";
import { table } from "../format/table.js";

export function modeOf(c: CompiledScenario): "targets" | "market" | "mixed" {
  return c.modes.every((m) => m === 0) ? "targets" : c.modes.every((m) => m === 1) ? "market" : "mixed";
}

export async function scenariosCommand(opts: { format: string; data?: string; scenarios?: string }, print: (s: string) => void): Promise<void> {
  if (opts.format !== "table" && opts.format !== "json") throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const ctx = await makeContext(opts);
  const names = readdirSync(ctx.paths.scenarios)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ""))
    .sort();
  // Each is compiled, so a broken file is reported here rather than listed as if it ran.
  const list = [];
  for (const name of names) {
    const c = ctx.model.compile(name, (await ctx.scenarioArg(join(ctx.paths.scenarios, `${name}.yaml`))).source);
    list.push({
      name: c.name,
      title: c.title,
      mode: modeOf(c),
      counterfactual: c.counterfactual,
      years: `${c.baseYear}-${c.endYear}`,
      targets: c.targets.length,
    });
  }
  if (opts.format === "json") return print(JSON.stringify(list));
  print(
    table(
      ["name", "title", "mode", "counterfactual"],
      list.map((s) => [s.name, s.title, s.mode, s.counterfactual ?? "none"]),
      ["l", "l", "l", "l"],
      { priority: [4, 3, 2, 1] },
    ),
  );
  print(`\n${list.length} scenarios in ${shownPath(ctx.paths.scenarios)}. Run one: evplan run <name>`);
}
