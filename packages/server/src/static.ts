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

export class StaticFiles {
  private readonly root: string | undefined;
  private readonly cache = new Map<string, StaticFile | null>();

  constructor(dir: string) {
    this.root = existsSync(join(dir, "index.html")) ? realpathSync(dir) + sep : undefined;
  }

  get available(): boolean {
    return this.root !== undefined;
  }

  /** The file for a decoded path, or undefined (404). Directories give their index.html. */
  lookup(decoded: string): StaticFile | undefined {
    if (!this.root) return undefined;
    const hit = this.cache.get(decoded);
    if (hit !== undefined) return hit ?? undefined;
    let file = normalize(join(this.root, decoded));
    let found: StaticFile | null = null;
    try {
      if (file.startsWith(this.root) || file + sep === this.root) {
        if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
        const real = existsSync(file) ? realpathSync(file) : undefined;
        // Symbolic links must not lead out of the folder either.
        if (real && real.startsWith(this.root) && statSync(real).isFile()) {
          found = {
            body: readFileSync(real),
            type: TYPES[extname(real)] ?? "application/octet-stream",
            immutable: real.startsWith(join(this.root, "assets") + sep),
          };
        }
      }
    } catch {
      found = null;
    }
    // Bounded: only paths that exist are many; misses are not remembered beyond a few thousand.
    if (found || this.cache.size < 4096) this.cache.set(decoded, found);
    return found ?? undefined;
  }
}
