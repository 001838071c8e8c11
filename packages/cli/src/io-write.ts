// Writing outputs so that nothing is ever half-written or mixed:
// - one file: written to a temporary name in the same folder, flushed, then renamed over the target (rename is
//   atomic within a file system, so a reader or a kill -9 sees the old file or the new one);
// - several files that belong together (`run --out DIR`): the folder is the unit. Its new state is built in a
//   temporary sibling folder (the files kept from before are hard links, never copies), then swapped in with two
//   renames; a process killed between those two renames leaves the old folder under a recovery name, and the next
//   write to the same folder puts it back before anything else.
// Temporary names carry the writer's process id, so leftovers of a killed writer are removed by the next one.
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync, copyFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliError, shownPath } from "./context.js";
import { ioReason } from "./io-read.js";

const TMP = /^\.(.+)\.evplan-(\d+)-[0-9a-z]+\.(tmp|old)$/;

function tempName(target: string, kind: "tmp" | "old"): string {
  return join(dirname(target), `.${basename(target)}.evplan-${process.pid}-${Math.random().toString(36).slice(2, 8)}.${kind}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Put back what a killed writer left: a target folder moved aside but not replaced is restored; temporary files
 * and folders of writers no longer running are removed.
 */
export function recover(target: string): void {
  const dir = dirname(target);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  const name = basename(target);
  let targetExists = true;
  try {
    lstatSync(target);
  } catch {
    targetExists = false;
  }
  for (const e of entries) {
    const m = TMP.exec(e);
    if (!m || m[1] !== name || alive(Number(m[2]))) continue;
    const path = join(dir, e);
    if (m[3] === "old" && !targetExists) {
      renameSync(path, target);
      targetExists = true;
    } else rmSync(path, { recursive: true, force: true });
  }
}

function fail(action: string, path: string, e: unknown): never {
  if (e instanceof CliError) throw e;
  throw new CliError(`cannot ${action} ${shownPath(path)}: ${ioReason(e)}`);
}

function ensureFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR") throw new CliError(`cannot create the folder ${shownPath(dir)}: a part of the path is a file, not a folder`);
    fail("create the folder", dir, e);
  }
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    fail("use the folder", dir, e);
  }
  if (!st.isDirectory()) throw new CliError(`cannot write into ${shownPath(dir)}: it is a file, not a folder`);
}

function writeFlushed(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    const buf = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    let at = 0;
    while (at < buf.length) at += writeSync(fd, buf, at, buf.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Write one file whole or not at all. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const target = resolve(path);
  ensureFolder(dirname(target));
  try {
    if (statSync(target).isDirectory()) throw new CliError(`cannot write ${shownPath(path)}: it is a folder; give a file name`);
  } catch (e) {
    if (e instanceof CliError) throw e;
  }
  recover(target);
  const tmp = tempName(target, "tmp");
  try {
    writeFlushed(tmp, content);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    fail("write", path, e);
  }
}

/** Mirror `from` into `to` with hard links (copies where linking is refused), for the files a new folder keeps. */
function linkTree(from: string, to: string, skip: ReadonlySet<string>): void {
  mkdirSync(to);
  for (const e of readdirSync(from)) {
    if (skip.has(e) || TMP.test(e)) continue;
    const src = join(from, e);
    const dst = join(to, e);
    const st = lstatSync(src);
    if (st.isDirectory()) linkTree(src, dst, new Set());
    else if (st.isFile()) {
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
      }
    }
  }
}

/**
 * Write a set of files into folder `dir` so that the set changes all at once: afterwards the folder holds every new
 * file, and every other file it held before, untouched. Fails without changing anything.
 */
export function writeFolderAtomic(dir: string, files: readonly { name: string; content: string | Uint8Array }[]): void {
  const target = resolve(dir);
  const parent = dirname(target);
  ensureFolder(parent);
  recover(target);
  let exists = false;
  try {
    const st = statSync(target);
    if (!st.isDirectory()) throw new CliError(`cannot write into ${shownPath(dir)}: it is a file, not a folder`);
    exists = true;
  } catch (e) {
    if (e instanceof CliError) throw e;
  }
  if (exists)
    for (const f of files) {
      let isDir = false;
      try {
        isDir = lstatSync(join(target, f.name)).isDirectory();
      } catch {
        // absent: fine
      }
      if (isDir) throw new CliError(`cannot write ${shownPath(join(target, f.name))}: a folder of that name is in the way; move it or choose another --out`);
    }
  const tmp = tempName(target, "tmp");
  try {
    if (exists) linkTree(target, tmp, new Set(files.map((f) => f.name)));
    else mkdirSync(tmp);
    for (const f of files) writeFlushed(join(tmp, f.name), f.content);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    fail("write into", dir, e);
  }
  if (!exists) {
    try {
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      fail("write into", dir, e);
    }
    return;
  }
  const old = tempName(target, "old");
  try {
    renameSync(target, old);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    fail("replace", dir, e);
  }
  try {
    renameSync(tmp, target);
  } catch (e) {
    renameSync(old, target);
    rmSync(tmp, { recursive: true, force: true });
    fail("replace", dir, e);
  }
  rmSync(old, { recursive: true, force: true });
}

/** Files given by full path, all in one folder: written together (see writeFolderAtomic). */
export function writeAllOrNothing(files: readonly { path: string; content: string | Uint8Array }[]): void {
  if (files.length === 0) return;
  const dir = dirname(resolve(files[0].path));
  if (files.some((f) => dirname(resolve(f.path)) !== dir)) throw new Error("writeAllOrNothing: every file must be in one folder");
  const cwd = process.cwd();
  if (cwd === dir || cwd.startsWith(dir.endsWith("/") ? dir : dir + "/"))
    throw new CliError(`--out ${shownPath(dir) || "."} would replace the folder you are working in; give a folder for the outputs, such as --out results`);
  writeFolderAtomic(
    dir,
    files.map((f) => ({ name: basename(f.path), content: f.content })),
  );
}
