// Static files: never outside the build, malformed paths refused, and the cache bounded whatever paths are asked.
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodePath, StaticFiles } from "./static.js";

function build() {
  const dir = mkdtempSync(join(tmpdir(), "evplan-static-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html>");
  writeFileSync(join(dir, "assets", "app-123.js"), "x");
  writeFileSync(join(dir, "..", "evplan-static-secret.txt"), "secret");
  symlinkSync(join(dir, "..", "evplan-static-secret.txt"), join(dir, "link.txt"));
  return dir;
}

describe("static files", () => {
  it("serves the build's files, the index for a folder, hashed assets as immutable", () => {
    const web = new StaticFiles(build());
    expect(web.lookup("/")?.type).toMatch(/text\/html/);
    expect(web.lookup("/index.html")?.immutable).toBe(false);
    expect(web.lookup("/assets/app-123.js")).toMatchObject({ type: "text/javascript; charset=utf-8", immutable: true });
  });

  it("never leaves the folder: .., absolute-looking paths, symbolic links", () => {
    const web = new StaticFiles(build());
    for (const p of ["/../evplan-static-secret.txt", "/assets/../../evplan-static-secret.txt", "/link.txt", "//etc/passwd"])
      expect(web.lookup(p), p).toBeUndefined();
  });

  it("decodes paths, refusing malformed escapes and NUL", () => {
    expect(decodePath("/a%20b")).toBe("/a b");
    for (const p of ["/%", "/%E0%A4%A", "/a%00b"]) expect(decodePath(p)).toBeUndefined();
  });

  it("keeps the cache bounded: aliases of a file share one entry, misses are capped", () => {
    const web = new StaticFiles(build());
    for (let i = 0; i < 2000; i++) web.lookup(`/${"./".repeat(i % 50)}x${i % 7}/../index.html`);
    expect(web.size).toBe(1);
    for (let i = 0; i < 10_000; i++) web.lookup(`/missing-${i}`);
    expect(web.size).toBeLessThanOrEqual(1 + 4096);
  });
});
