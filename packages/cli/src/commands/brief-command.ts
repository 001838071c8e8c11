// `evplan brief`: the command line of the policy brief (commands/brief.ts prints it).
import { resolve } from "node:path";
import type { Command } from "commander";
import { CliError } from "../context.js";
import { writeAllOrNothing } from "../io-write.js";
import type { BriefOptions } from "./brief.js";

export function registerBrief(program: Command, print: (s: string) => void): void {
  program
    .command("brief")
    .description("a one- or two-page policy brief as PDF: the answer against the targets, what it takes, how sure, key charts, settings and sources")
    .argument("<scenario>", "scenario name or file")
    .option("--compare <scenario>", "explain the difference from this scenario (one lever at a time)")
    .requiredOption("--out <file.pdf>", "where to write the PDF")
    .option("--chromium <path>", "Chromium to print with (default: $CHROMIUM_PATH or /usr/bin/chromium)")
    .option("--scenarios <dir>", "scenario folder (default: scenarios, or $EVPLAN_SCENARIOS)")
    .action(async (arg: string, opts: BriefOptions) => {
      if (!opts.out!.endsWith(".pdf")) throw new CliError(`--out must name a .pdf file, not "${opts.out}"`);
      // Chromium, the HTTP server and the scenario reading load only when a brief is printed.
      const { printBrief } = await import("./brief.js");
      const r = await printBrief(arg, opts);
      writeAllOrNothing([{ path: resolve(opts.out!), content: r.pdf }]);
      print(`wrote ${opts.out} (${r.pages} page${r.pages === 1 ? "" : "s"}): brief for ${r.name}${opts.compare ? ` compared with ${opts.compare}` : ""}`);
    });
}
