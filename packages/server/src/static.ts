// The built web planner (packages/web/dist) as static files: GET and HEAD only, never a path outside the folder,
// never a crash on a malformed URL. Files are read once and kept (the build is a few megabytes).
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

export interface StaticFile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly type: string;
  /** Vite's hashed assets never change under their name. */
  readonly immutable: boolean;
}

/** Decode a URL path; undefined when it is malformed (`/%`, `/%E0%A4%A`) or holds a NUL. */
export function decodePath(path: string): string | undefined {
  try {
    const p = decodeURIComponent(path);
    return p.includes("\0") ? undefined : p;
  } catch {
    return undefined;
  }
}

const MAX_MISSES = 4096;

export class StaticFiles {
  private readonly root: string | undefined;
  private readonly cache = new Map<string, StaticFile | null>();
  private misses = 0;

  constructor(dir: string) {
    this.root = existsSync(join(dir, "index.html")) ? realpathSync(dir) + sep : undefined;
  }

  get available(): boolean {
    return this.root !== undefined;
  }

  /** The file for a decoded path, or undefined (404). Directories give their index.html. */
  lookup(decoded: string): StaticFile | undefined {
    if (!this.root) return undefined;
    // Keyed by the normalised path, so `/a/../index.html` and `//index.html` do not add entries: the cache holds at
    // most the build's files and a bounded number of misses.
    const file = normalize(join(this.root, decoded));
    if (!(file.startsWith(this.root) || file + sep === this.root)) return undefined;
    const hit = this.cache.get(file);
    if (hit !== undefined) return hit ?? undefined;
    let found: StaticFile | null = null;
    try {
      const target = existsSync(file) && statSync(file).isDirectory() ? join(file, "index.html") : file;
      const real = existsSync(target) ? realpathSync(target) : undefined;
      // Symbolic links must not lead out of the folder either.
      if (real && real.startsWith(this.root) && statSync(real).isFile()) {
        found = {
          body: new Uint8Array(readFileSync(real)),
          type: TYPES[extname(real)] ?? "application/octet-stream",
          immutable: real.startsWith(join(this.root, "assets") + sep),
        };
      }
    } catch {
      found = null;
    }
    if (found) this.cache.set(file, found);
    else if (this.misses++ < MAX_MISSES) this.cache.set(file, null);
    return found ?? undefined;
  }

  /** Entries held (tests). */
  get size(): number {
    return this.cache.size;
  }
}
