// The `evplan` command: wires sub-commands to the core, and turns bad input into a clear message and exit code 2.
// Each command's module is imported when it runs, so that starting the command loads only what that command needs
// (on a compiled data pack cache hit, neither the YAML parser nor zod: see context.ts).
import { Command, CommanderError, Option } from "commander";
import { InputError, formatIssue } from "@evplan/core/runtime";
import { CliError } from "./context.js";
import { registerUncertainty } from "./commands/uncertainty.js";
import { registerSensitivity } from "./commands/sensitivity.js";
import { registerMerge } from "./commands/merge.js";
import { setWide } from "./format/table.js";
import { CLI_VERSION } from "./version.js";
import { registerSaved } from "./commands/saved-command.js";
import { FileReadError } from "./io-read.js";
import { registerBrief } from "./commands/brief-command.js";
import { tuneForFewRuns } from "./few-runs.js";

const print = (s: string) => process.stdout.write(s.endsWith("\n") ? s : s + "\n");

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("evplan")
    .description("Planner for Pakistan's electric-vehicle transition: scenarios, targets, fleet, energy, CO2, money.")
    .showHelpAfterError()
    .exitOverride()
    .version(`evplan ${CLI_VERSION}`, "-V, --version", "print the version")
    .option("--wide", "print tables at full width (by default they fit the terminal or $COLUMNS)");
  const dataOpt = () => new Option("--data <dir>", "data pack folder (default: data/pakistan, or $EVPLAN_DATA)");
  const scenOpt = () => new Option("--scenarios <dir>", "scenario folder (default: scenarios, or $EVPLAN_SCENARIOS)");

  program
    .command("run")
    .description("run a scenario and its counterfactual")
    .argument("<scenario>", "scenario name (from the scenarios folder) or a path to a scenario file")
    .addOption(new Option("--format <format>", "table, json, csv, or xlsx (a report workbook; needs --out)").default("table"))
    .option("--out <dir>", "also write <scenario>.json and <scenario>.csv into this folder (and <scenario>.xlsx with --format xlsx)")
    .addOption(dataOpt())
    .addOption(scenOpt())
    .action(async (arg: string, opts) => {
      tuneForFewRuns();
      await (await import("./commands/run.js")).runCommand(arg, opts, print);
    });

  program
    .command("params")
    .description("list every parameter of the data pack with values, unit, references and provenance")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .addOption(dataOpt())
    .action(async (opts) => {
      tuneForFewRuns();
      await (await import("./commands/params.js")).paramsCommand(opts, print);
    });

  program
    .command("scenarios")
    .description("list the scenarios of the scenarios folder: name, title, mode and counterfactual")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .addOption(dataOpt())
    .addOption(scenOpt())
    .action(async (opts) => (await import("./commands/scenarios.js")).scenariosCommand(opts, print));

  program
    .command("validate")
    .description("check a scenario file")
    .argument("<file>", "scenario file (or name)")
    .addOption(dataOpt())
    .addOption(scenOpt())
    .action(async (file: string, opts) => {
      tuneForFewRuns();
      await (await import("./commands/validate.js")).validateCommand(file, opts, print);
    });
  program
    .command("solve")
    .description("find the lever value that hits a target, or the least-cost mix of levers that meets it")
    .argument("<scenario>", "scenario name or file")
    .requiredOption("--target <spec>", "<metric>:<segment|total>:<year>=<value>, e.g. ev_sales_share:total:2030=0.30")
    .option("--lever <parameter>", "the parameter to move (default depends on the target metric; named in the output)")
    .option("--min <value>", "lower bound of the lever (default: the lever's range in the data pack)")
    .option("--max <value>", "upper bound of the lever")
    .option("--from <year>", "the lever takes its value from this year on (default: the lever's from_year)")
    .option("--minimise [metric]", "find the least-cost mix instead (default cost metric: net_fiscal, summed to the target year)")
    .option("--levers <list>", "with --minimise: comma-separated levers, each optionally name=min:max")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .addOption(dataOpt())
    .addOption(scenOpt())
    .action(async (arg: string, opts) => {
      // A goal seek runs the model about 15 times (each to the target's year); a least-cost search many more.
      if (opts.minimise === undefined) tuneForFewRuns();
      await (await import("./commands/solve.js")).solveCommand(arg, { ...opts, minimise: opts.minimise === true ? "" : opts.minimise }, print);
    });

  program
    .command("calibration")
    .description("the base year against the registered fleet and the Economic Survey's transport fuel figure")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .addOption(dataOpt())
    .addOption(scenOpt())
    .action(async (opts) => (await import("./commands/calibration.js")).calibrationCommand(opts, print));

  program
    .command("compare")
    .description("key figures of several scenarios side by side, with differences from the first")
    .argument("<scenarios...>", "two or more scenario names or files")
    .addOption(new Option("--format <format>", "table, json or csv").default("table"))
    .option("--year <year>", "year of the key figures", "2030")
    .addOption(dataOpt())
    .addOption(scenOpt())
    .action(async (args: string[], opts) => {
      tuneForFewRuns();
      await (await import("./commands/compare.js")).compareCommand(args, opts, print);
    });
  registerUncertainty(program, print);
  registerSensitivity(program, print);
  registerMerge(program, print);
  registerSaved(program, print);
  registerBrief(program, print);

  program
    .command("backtest")
    .description("the planner's choice model on other countries' EV history, against a naive logistic and persistence")
    .option("--history <file.csv>", "IEA Global EV Data Explorer CSV (region_country, category, parameter, mode, powertrain, year, unit, value)")
    .option("--region <name>", "region or country, e.g. Norway")
    .option("--mode <mode>", 'vehicle mode, e.g. "Cars" or "2 and 3 wheelers"')
    .option("--fit-until <year>", "last year used for calibration (with --all: a comma-separated list, default 2020)")
    .option("--all", "every region x mode with enough data")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .action(async (opts) => (await import("./commands/backtest.js")).backtestCommand(opts, print));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    // --wide is accepted anywhere on the line, before or after the command.
    setWide(argv.includes("--wide"));
    await buildProgram().parseAsync(
      argv.filter((a) => a !== "--wide"),
      { from: "user" },
    );
    return 0;
  } catch (e) {
    return reportError(e);
  }
}

export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // Commander already printed its message; help and version are not errors.
    return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
  }
  if (e instanceof InputError) {
    process.stderr.write(`evplan: invalid input\n${e.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`);
    return 2;
  }
  if (e instanceof CliError || e instanceof FileReadError) {
    process.stderr.write(`evplan: ${e.message}\n`);
    return 2;
  }
  process.stderr.write(`evplan: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}
