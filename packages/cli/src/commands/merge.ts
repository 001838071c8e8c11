// `evplan merge`: combine shard files of one sweep into exactly the report the unsharded run prints.
import { Option, type Command } from "commander";
import { CliError } from "../context.js";
import { REPORT_FORMATS, render } from "../sweep/render.js";
import { mergeShards, writeAtomically } from "../sweep/shard.js";

export function registerMerge(program: Command, print: (s: string) => void): void {
  program
    .command("merge")
    .description("combine the shard files of a sweep (uncertainty or sensitivity --shard k/N) into its report")
    .argument("<files...>", "shard files, in any order")
    .addOption(new Option("--format <format>", "table or json").default("table"))
    .option("--out <file>", "write the report to this file")
    .action((files: string[], opts: { format: string; out?: string }) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format must be table or json, not "${opts.format}"`);
      const { meta, records } = mergeShards(files);
      const text = render(meta, records, opts.format);
      if (opts.out) writeAtomically(opts.out, text);
      else print(text);
    });
}
