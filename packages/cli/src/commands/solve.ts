// `evplan solve`: the lever value that hits a target, or the least-cost mix of levers that meets it.
import { DEFAULT_LEVERS, InputError, parseTarget, solveDocument, type Model } from "@evplan/core/runtime";
import { CliError, makeContext } from "../context.js";
import { grouped } from "../format/numbers.js";
import { table } from "../format/table.js";
import { figureText } from "./compare.js";

export interface SolveOptions {
  target: string;
  lever?: string;
  min?: string;
  max?: string;
  minimise?: string;
  levers?: string;
  from?: string;
  format: string;
  data?: string;
  scenarios?: string;
}

export { DEFAULT_LEVERS };

function num(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v)) throw new InputError([{ file: "command line", field: flag, message: `"${text}" is not a number` }]);
  return v;
}

export async function solveCommand(arg: string, opts: SolveOptions, print: (s: string) => void): Promise<void> {
  if (opts.format !== "table" && opts.format !== "json") throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const ctx = await makeContext(opts, { compiled: true });
  const { name, source } = await ctx.scenarioArg(arg);
  const model: Model = ctx.model;
  const c = model.compile(name, source);
  const target = parseTarget(opts.target);
  // The document is built in the core, so `--format json` and `POST /api/v1/solve` give the same answer.
  const doc = solveDocument(model, c, {
    target: opts.target,
    lever: opts.lever,
    min: num(opts.min, "--min"),
    max: num(opts.max, "--max"),
    from: num(opts.from, "--from"),
    minimise: opts.minimise,
    levers: opts.levers,
  });
  if (opts.format === "json") return print(JSON.stringify(doc));
  if ("levers" in doc) {
    print(`evplan solve · ${c.title} (${c.name}) · least ${doc.minimised.metric} ${c.baseYear}-${target.year} that meets ${opts.target}\n`);
    print(
      table(
        ["lever", "value", "unit", "bounds"],
        doc.levers.map((l, i) => [l, grouped(doc.values[i], 4), doc.units[i], `${doc.bounds[i][0]} .. ${doc.bounds[i][1]}`]),
        ["l", "r", "l", "l"],
      ),
    );
    print(
      `\nachieved ${figureText(target.metric, doc.achieved)} (target ${figureText(target.metric, target.value)}); ${doc.minimised.metric} ${c.baseYear}-${target.year}: PKR ${grouped(doc.minimised.value / 1e9, 1)} bn; ${doc.runs} model runs`,
    );
    return;
  }
  const lines = [
    `evplan solve · ${c.title} (${c.name}) · target ${opts.target}`,
    "",
    `lever     ${doc.lever} (${doc.lever_reason})`,
    `value     ${grouped(doc.value, 4)} ${doc.unit}, from ${doc.from_year} on (searched ${doc.bounds[0]} .. ${doc.bounds[1]})`,
    `achieved  ${figureText(target.metric, doc.achieved)} against ${figureText(target.metric, target.value)} (verification run; ${doc.runs} model runs)`,
    "",
    "With this lever setting:",
    table(
      ["figure", "value"],
      doc.verification.key_figures.map((f) => [f.label, figureText(f.unit, f.value)]),
    ),
  ];
  print(lines.join("\n"));
}
