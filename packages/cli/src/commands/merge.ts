// `evplan merge`: combine shard files of one sweep into exactly the report the unsharded run prints.
import { Option, type Command } from "commander";
import type { UncertaintyMeta } from "@evplan/core/runtime";
import { CliError } from "../context.js";

export function registerMerge(program: Command, print: (s: string) => void): void {
  program
    .command("merge")
    .description("combine the shard files of a sweep (uncertainty or sensitivity --shard k/N) into its report")
    .argument("<files...>", "shard files, in any order")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .option("--out <file>", "write the report to this file")
    .action(async (files: string[], opts: { format: string; out?: string }) => {
      const { REPORT_FORMATS, render, renderReport } = await import("../sweep/render.js");
      const { mergeShards, writeAtomically } = await import("../sweep/shard.js");
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format must be table or json, not "${opts.format}"`);
      const merged = mergeShards(files);
      const { uncertaintyReportFromStats } = await import("@evplan/core/runtime");
      const text =
        "summary" in merged
          ? renderReport(uncertaintyReportFromStats(merged.meta as UncertaintyMeta, merged.summary.stats()), opts.format)
          : render(merged.meta, merged.records, opts.format);
      if (opts.out) writeAtomically(opts.out, text);
      else print(text);
    });
}
