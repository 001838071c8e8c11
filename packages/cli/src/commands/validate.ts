// `evplan validate <file>`: check a scenario file against the schema and the data pack, run nothing else.
import { makeContext } from "../context.js";

export async function validateCommand(file: string, opts: { data?: string; scenarios?: string }, print: (s: string) => void): Promise<void> {
  // A compiled entry for the file (and every file it can extend) was validated when it was compiled.
  const ctx = await makeContext(opts, { compiled: true });
  const { name, source } = await ctx.scenarioArg(file);
  // The same checks as `run` before it evaluates anything: the scenario and its counterfactual over its horizon.
  const { scenario: c } = ctx.model.check(name, source);
  print(
    `ok: ${c.file} is scenario "${c.name}" (${c.baseYear}-${c.endYear}, ${c.overrides.length} overridden series, ${c.targets.length} targets, counterfactual ${c.counterfactual ?? "none"})`,
  );
  for (const n of c.notes) print(`note: ${n}`);
}
