// `evplan saved export`: every scenario saved through the server (its SQLite database) as a scenario YAML file.
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { CliError, shownPath } from "../context.js";
import { writeAllOrNothing } from "../io-write.js";

export function registerSaved(program: Command, print: (s: string) => void): void {
  const saved = program.command("saved").description("scenarios saved through the server (npm start)");
  saved
    .command("export")
    .description("write every saved scenario as <name>.yaml into a folder (all files or none), or print them as one YAML stream")
    .option("--db <file>", "the server's database (default: var/evplan.sqlite, or $EVPLAN_DB)")
    .option("--out <dir>", "folder to write <name>.yaml files into")
    .action(async (opts: { db?: string; out?: string }) => {
      // The YAML writer is loaded only here (saved.ts), as the rest of the CLI starts without it.
      const { defaultDb, savedYaml } = await import("./saved.js");
      const db = resolve(opts.db ?? defaultDb());
      const { existsSync } = await import("node:fs");
      if (!existsSync(db)) throw new CliError(`no database at ${shownPath(db)}: start the server (npm start) and save a scenario, or give --db`);
      // Loaded only here: the rest of the CLI does not need SQLite.
      const { readSavedScenarios } = await import("@evplan/server/store");
      let all;
      try {
        all = readSavedScenarios(db);
      } catch (e) {
        throw new CliError(`cannot read ${shownPath(db)}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!opts.out) {
        print(all.map(savedYaml).join("---\n"));
        return;
      }
      writeAllOrNothing(all.map((s) => ({ path: join(opts.out!, `${s.name}.yaml`), content: savedYaml(s) })));
      process.stderr.write(`evplan: ${all.length} saved scenario${all.length === 1 ? "" : "s"} written to ${shownPath(opts.out)}\n`);
    });
}
