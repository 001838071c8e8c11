// The version printed by `evplan --version` (the CLI package's own, read once from its package.json), and the
// model's version for reports: the package version and, in a git checkout, the commit.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "./context.js";

export const CLI_VERSION: string = (
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "package.json"), "utf8")) as { version: string }
).version;

export function evplanVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  try {
    // child_process is loaded here, not at start: only reports that carry the version ask for it.
    const { execFileSync } = createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process");
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    return commit ? `${pkg.version} (${commit})` : pkg.version;
  } catch {
    return pkg.version;
  }
}
