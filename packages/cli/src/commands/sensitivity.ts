// `evplan sensitivity`: tornado (one at a time) or Sobol indices of one metric cell.
import { Option, type Command } from "commander";
import { CliError } from "../context.js";
import { defaultThreads, intOption, listOption } from "../sweep/options.js";

export function registerSensitivity(program: Command, print: (s: string) => void): void {
  program
    .command("sensitivity")
    .description("sensitivity of one metric to the uncertain parameters: tornado (each at its p5 and p95) or Sobol first- and total-order indices")
    .argument("<scenario>", "scenario name or file")
    .requiredOption("--metric <cell>", "<metric>:<segment|total>:<year>, e.g. ev_sales_share:total:2030")
    .addOption(new Option("--method <method>", "tornado or sobol").default("tornado"))
    .option("--samples <n>", "Sobol: base samples N (N x (k+2) evaluations)", "1000")
    .option("--seed <s>", "seed of the index-addressed random streams", "1")
    .option("--bootstrap <b>", "Sobol: bootstrap resamples for the confidence intervals", "200")
    .option("--params <list>", "only these parameters (comma-separated)")
    .option("--difference", "of the difference scenario minus counterfactual (same draws) instead of the scenario")
    .option("--threads <k>", "worker threads (results do not depend on it)", defaultThreads())
    .option("--shard <k/N>", "run shard k of N and write it to --out for `evplan merge`")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .option("--out <file>", "write the report (or, with --shard, the partial result) to this file")
    .option("--data <dir>", "data pack folder (default: data/pakistan, or $EVPLAN_DATA)")
    .option("--scenarios <dir>", "scenario folder (default: scenarios, or $EVPLAN_SCENARIOS)")
    .action(async (scenario: string, opts) => {
      if (opts.method !== "tornado" && opts.method !== "sobol") throw new CliError(`--method must be tornado or sobol, not "${opts.method}"`);
      // The sweep machinery (worker pool, progress bar, report) loads only when a sweep runs.
      const { executeSweep } = await import("../sweep/execute.js");
      await executeSweep(
        {
          kind: opts.method,
          scenario,
          data: opts.data,
          scenarios: opts.scenarios,
          metric: opts.metric,
          samples: intOption(opts.samples, "--samples", 2),
          seed: intOption(opts.seed, "--seed", 0),
          bootstrap: intOption(opts.bootstrap, "--bootstrap", 1),
          params: listOption(opts.params),
          difference: opts.difference === true,
        },
        opts,
        print,
        opts.method === "sobol" ? "evaluations" : "runs",
      );
    });
}
