// The compiled data pack cache: entries keyed by a content hash of every file that went in (the pack's parameter
// files, the scenario files that can be reached) and of the code that compiled them. An entry is one file: a
// header line (key and the SHA-256 of the body) and the body; it is written to a temporary file and renamed, so a
// reader sees a whole entry or none, and one that is damaged, truncated or for another key is ignored, never trusted.
//
// Where: $EVPLAN_CACHE if set (`off` turns the cache off), else $XDG_CACHE_HOME/evplan, else ~/.cache/evplan.
// Folders given as `readOnly` (the entries `npm run build` writes for the built-in pack) are read, never written.
import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Bumped when the layout of an entry's body changes. */
export const CACHE_FORMAT = "evplan-compiled-1";

/** The cache folder, or null when the cache is off. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const set = env.EVPLAN_CACHE;
  if (set !== undefined && set !== "") return set === "off" ? null : set;
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith("/") ? xdg : join(homedir(), ".cache"), "evplan");
}

/** Files larger than this are not hashed: the reader refuses them with its own clear error. */
const MAX_HASHED_BYTES = 8 * 1024 * 1024;

/** The YAML files under a folder, sorted, recursively (a data pack) or not (a scenario folder). */
export function yamlFilesIn(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry);
    let st;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (recursive) out.push(...yamlFilesIn(full, true));
    } else if (entry.endsWith(".yaml") || entry.endsWith(".yml")) out.push(full);
  }
  return out;
}

/**
 * A hash of files by their path relative to `base` and their bytes; undefined when one cannot be read or is too
 * large (the caller then reads the files and reports the problem).
 */
export function hashFiles(h: ReturnType<typeof createHash>, base: string, files: readonly string[]): boolean {
  for (const f of files) {
    let bytes: Buffer;
    try {
      // Only regular files: a device (/dev/zero) or a pipe is left to the reader, which refuses it clearly.
      const st = statSync(f);
      if (!st.isFile() || st.size > MAX_HASHED_BYTES) return false;
      bytes = readFileSync(f);
    } catch {
      return false;
    }
    h.update(relative(base, f).split(sep).join("/"));
    h.update("\0");
    h.update(bytes);
    h.update("\0");
  }
  return true;
}

/** A file's identity on disk without reading it: size, modification time (ns) and inode. */
function statSignature(f: string): string | undefined {
  try {
    const st = statSync(f, { bigint: true });
    return st.isFile() ? `${st.size}:${st.mtimeNs}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** A file changed less than this before the memo was written may change again unseen within its timestamp. */
const RACY_NS = 2_000_000_000n;

/**
 * The SHA-256 of files (hashFiles), memoised in `memoDir`: when every file has the size, modification time and
 * inode it had when the memo was written, the contents are not read again. As git's index, a file modified within
 * 2 s before the memo was written is "racy" and always re-read, so an edit that keeps the size within the same
 * timestamp is still seen. Without a memo folder the files are hashed every time.
 */
export function filesDigest(memoDir: string | null, base: string, files: readonly string[]): string | undefined {
  const full = () => {
    const h = createHash("sha256");
    return hashFiles(h, base, files) ? h.digest("hex") : undefined;
  };
  if (!memoDir) return full();
  const sigs = files.map(statSignature);
  if (sigs.some((x) => x === undefined)) return full();
  const id = createHash("sha256").update(base).update("\0").update(files.join("\0")).digest("hex").slice(0, 32);
  const memoFile = join(memoDir, `memo-${id}.json`);
  try {
    const memo = JSON.parse(readFileSync(memoFile, "utf8")) as { sigs?: unknown; digest?: unknown; writtenNs?: unknown };
    if (typeof memo.digest === "string" && typeof memo.writtenNs === "string" && Array.isArray(memo.sigs) && memo.sigs.length === sigs.length) {
      const written = BigInt(memo.writtenNs);
      const same = sigs.every((x, i) => x === (memo.sigs as unknown[])[i] && BigInt(x!.split(":")[1]) < written - RACY_NS);
      if (same) return memo.digest;
    }
  } catch {
    // No memo, or a damaged one: hashed again.
  }
  const writtenNs = BigInt(Date.now()) * 1_000_000n;
  const digest = full();
  if (digest !== undefined) writeEntryFile(memoDir, memoFile, JSON.stringify({ sigs, digest, writtenNs: String(writtenNs) }));
  return digest;
}

let codeHash: string | undefined;
/**
 * A hash of the core's code as it runs (the built files, or the sources under a test runner): an entry compiled
 * by other code is another key, even when the package version was not bumped.
 */
export function codeVersion(memoDir: string | null = cacheDir()): string {
  if (codeHash) return codeHash;
  const here = dirname(fileURLToPath(import.meta.url));
  const root = dirname(here);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const f = join(dir, e);
      if (statSync(f).isDirectory()) walk(f);
      else if (/\.(js|ts)$/.test(e) && !/\.(spec\.ts|d\.ts|spec\.js)$/.test(e)) files.push(f);
    }
  };
  walk(root);
  codeHash = createHash("sha256")
    .update(CACHE_FORMAT)
    .update(filesDigest(memoDir, root, files) ?? "unreadable")
    .digest("hex");
  return codeHash;
}

export interface CacheLocation {
  /** Where entries are written (null: nowhere). */
  readonly dir: string | null;
  /** Further folders read, never written (entries built with the package). */
  readonly readOnly: readonly string[];
}

const entryFile = (dir: string, kind: string, key: string) => join(dir, `${kind}-${key.slice(0, 32)}.json`);

/** The body of a cached entry, or undefined if there is none that is whole and for this key. */
export function readEntry(where: CacheLocation, kind: string, key: string): string | undefined {
  for (const dir of [...(where.dir ? [where.dir] : []), ...where.readOnly]) {
    const f = entryFile(dir, kind, key);
    let text: string;
    try {
      text = readFileSync(f, "utf8");
    } catch {
      continue;
    }
    const nl = text.indexOf("\n");
    if (nl < 0) continue;
    let head: { format?: unknown; kind?: unknown; key?: unknown; sha256?: unknown };
    try {
      head = JSON.parse(text.slice(0, nl));
    } catch {
      continue;
    }
    const body = text.slice(nl + 1);
    if (head.format !== CACHE_FORMAT || head.kind !== kind || head.key !== key) continue;
    if (createHash("sha256").update(body).digest("hex") !== head.sha256) continue;
    return body;
  }
  return undefined;
}

/** Write an entry (temporary file, then rename); a cache that cannot be written is skipped, never an error. */
export function writeEntry(dir: string | null, kind: string, key: string, body: string): boolean {
  if (!dir) return false;
  const head = JSON.stringify({ format: CACHE_FORMAT, kind, key, sha256: createHash("sha256").update(body).digest("hex") });
  return writeEntryFile(dir, entryFile(dir, kind, key), head + "\n" + body);
}

/** A whole file or none: written to a temporary file beside it, flushed, then renamed over it. */
function writeEntryFile(dir: string, f: string, text: string): boolean {
  const tmp = `${f}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, "wx", 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, f);
    return true;
  } catch {
    if (existsSync(tmp)) rmSync(tmp, { force: true });
    return false;
  }
}
