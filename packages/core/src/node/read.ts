// Reading input files with a bound: a user's mistake (a folder, a device, a huge file) is a clear error, never a
// stack trace or gigabytes read into memory. The one reader of data pack and scenario files (the evplan command
// and @evplan/core/node share it); its errors are FileReadError, which the command prints without a stack trace.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { isAbsolute, relative } from "node:path";

/** A file that cannot be read as asked: the message names the file and the reason. */
export class FileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileReadError";
  }
}

/** A path as the user should see it: relative to the working folder when inside it. */
export function shownPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : p;
}

/** Scenario and parameter files are a few kilobytes; 8 MB is far beyond any real one. */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;
/** The IEA history is about 2 MB. */
export const MAX_CSV_BYTES = 256 * 1024 * 1024;

export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "ENOSPC":
      return "no space left on the device";
    case "EEXIST":
      return "it already exists";
    case "ENOTEMPTY":
      return "the folder is not empty";
    default:
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}

/**
 * The bytes of a regular file, at most `limit` of them. Refuses folders and devices up front, and reads devices
 * that claim to be files (or files that grow while read) only up to the limit.
 */
export function readBounded(path: string, what: string, limit: number): Buffer {
  const shown = shownPath(path);
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new FileReadError(`cannot read ${what} ${shown}: ${ioReason(e)}`);
  }
  if (st.isDirectory()) throw new FileReadError(`${what} ${shown} is a folder; give a file`);
  if (!st.isFile()) throw new FileReadError(`${what} ${shown} is not a regular file (a device, pipe or socket)`);
  if (st.size > limit) throw new FileReadError(`${what} ${shown} is ${(st.size / 1048576).toFixed(1)} MB; at most ${limit / 1048576} MB is read`);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new FileReadError(`cannot read ${what} ${shown}: ${ioReason(e)}`);
  }
  try {
    const buf = Buffer.alloc(Math.min(limit + 1, Math.max(st.size + 1, 65536)));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > limit) throw new FileReadError(`${what} ${shown} is larger than ${limit / 1048576} MB; at most that is read`);
        break;
      }
      const k = readSync(fd, buf, n, buf.length - n, null);
      if (k === 0) break;
      n += k;
    }
    if (n > limit) throw new FileReadError(`${what} ${shown} is larger than ${limit / 1048576} MB; at most that is read`);
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw new FileReadError(`cannot read ${what} ${shown}: ${ioReason(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** A UTF-8 text file, bounded; a NUL byte means it is not text. */
export function readTextBounded(path: string, what: string, limit = MAX_YAML_BYTES): string {
  const buf = readBounded(path, what, limit);
  if (buf.includes(0)) throw new FileReadError(`${what} ${shownPath(path)} is not a text file (it contains NUL bytes)`);
  return buf.toString("utf8");
}
