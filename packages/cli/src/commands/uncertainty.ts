// `evplan uncertainty`: Monte Carlo over the parameters that declare a distribution.
import { Option, type Command } from "commander";
import { defaultThreads, intOption, listOption } from "../sweep/options.js";

export function registerUncertainty(program: Command, print: (s: string) => void): void {
  program
    .command("uncertainty")
    .description("Monte Carlo over uncertain parameters: percentiles p5-p95 per metric and year, and each target's probability of being met")
    .argument("<scenario>", "scenario name or file")
    .requiredOption("--samples <n>", "number of samples (each runs the scenario and its counterfactual with the same draws)")
    .option("--seed <s>", "seed of the index-addressed random streams", "1")
    .option("--threads <k>", "worker threads (results do not depend on it)", defaultThreads())
    .option("--params <list>", "only these parameters (comma-separated; default: every parameter declaring a distribution)")
    .option("--metrics <list>", "only these metrics (comma-separated; default: all)")
    .option("--by-segment", "also report each segment (7 rows per metric instead of 1: more memory)")
    .option("--no-difference", "do not report the paired difference from the counterfactual")
    .addOption(
      new Option(
        "--quantiles <method>",
        "exact (keeps every record), sketch (streaming, 0.1% relative error, flat memory) or auto (exact up to 100,000 samples)",
      )
        .choices(["auto", "exact", "sketch"])
        .default("auto"),
    )
    .option("--shard <k/N>", "run shard k of N (0-based; '/N' reads k from JOB_COMPLETION_INDEX) and write it to --out for `evplan merge`")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .option("--out <file>", "write the report (or, with --shard, the partial result) to this file")
    .option("--data <dir>", "data pack folder (default: data/pakistan, or $EVPLAN_DATA)")
    .option("--scenarios <dir>", "scenario folder (default: scenarios, or $EVPLAN_SCENARIOS)")
    .action(async (scenario: string, opts) => {
      // The sweep machinery (worker pool, progress bar, report) loads only when a sweep runs.
      const { executeSweep } = await import("../sweep/execute.js");
      await executeSweep(
        {
          kind: "uncertainty",
          scenario,
          data: opts.data,
          scenarios: opts.scenarios,
          samples: intOption(opts.samples, "--samples", 1),
          seed: intOption(opts.seed, "--seed", 0),
          params: listOption(opts.params),
          metrics: listOption(opts.metrics),
          bySegment: opts.bySegment === true,
          difference: opts.difference !== false,
          quantiles: opts.quantiles,
        },
        opts,
        print,
        "samples",
      );
    });
}
