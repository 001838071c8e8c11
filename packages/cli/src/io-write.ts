// Writing output files so that nothing is ever half-written: write to a temporary name, then rename.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Write every file or none: all go to temporary names first, then each is renamed into place. */
export function writeAllOrNothing(files: readonly { path: string; content: string | Uint8Array }[]): void {
  const temps: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = join(dirname(f.path), `.${process.pid}.${temps.length}.tmp`);
      writeFileSync(tmp, f.content);
      temps.push(tmp);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
  files.forEach((f, i) => renameSync(temps[i], f.path));
}
