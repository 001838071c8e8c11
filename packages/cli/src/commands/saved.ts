// `evplan saved export`: every scenario saved through the server (its SQLite database) as a scenario YAML file.
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { REPO_ROOT } from "../context.js";

/** The server's database: $EVPLAN_DB, else var/evplan.sqlite in the checkout (as the server). */
export const defaultDb = () => resolve(process.env.EVPLAN_DB || join(REPO_ROOT, "var", "evplan.sqlite"));

/** One saved scenario as a scenario file: the notes and times as comments, then the document. */
export function savedYaml(s: { name: string; notes: string; scenario: unknown; created_at: string; updated_at: string }): string {
  const notes = s.notes
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => `# ${l}`);
  return [
    "# yaml-language-server: $schema=../schemas/scenario.schema.json",
    `# saved scenario "${s.name}" (created ${s.created_at}, updated ${s.updated_at})`,
    ...notes,
    stringify(s.scenario, { lineWidth: 0 }).trimEnd(),
    "",
  ].join("\n");
}
