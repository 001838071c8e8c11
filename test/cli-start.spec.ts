// The compiled data pack cache as a user meets it (issue 18): a command on a cache hit loads neither the YAML
// parser nor zod (checked on the modules loaded, not on time); results are the same with the cache, without it and
// from a damaged entry; an edited file is never answered from the cache.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = join(root, "packages/cli/bin/evplan.js");
const tracer = join(root, "test/fixtures/trace-imports.mjs");

function evplan(args: string[], env: Record<string, string>, trace?: string) {
  const pre = trace ? ["--import", tracer] : [];
  const r = spawnSync(process.execPath, [...pre, bin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env, ...(trace ? { EVPLAN_TRACE_IMPORTS: trace } : {}) },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The packages a command loaded (from the module trace). */
function packagesLoaded(trace: string): Set<string> {
  const names = new Set<string>();
  for (const line of readFileSync(trace, "utf8").split("\n")) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (m) names.add(m[1]);
    if (line === "require:yaml" || line === "require:zod") names.add(line.slice(8));
  }
  return names;
}

/**
 * A copy of the pack and scenarios with one comment added, so that no entry `npm run build` compiled for the
 * repository's files (keyed by content) covers it.
 */
function copyPack(dir: string): void {
  cpSync(join(root, "data/pakistan"), join(dir, "pack"), { recursive: true });
  cpSync(join(root, "scenarios"), join(dir, "scenarios"), { recursive: true });
  const f = join(dir, "pack", "economy", "exchange_rate.yaml");
  writeFileSync(f, readFileSync(f, "utf8") + "# a copy\n");
}

const COMMANDS: string[][] = [
  ["run", "nevp-2025-30"],
  ["params"],
  ["validate", "scenarios/nevp-2025-30.yaml"],
  ["compare", "nevp-2025-30", "reference"],
  ["solve", "nevp-2025-30", "--target", "ev_sales_share:total:2030=0.30"],
];

describe("the compiled data pack cache", () => {
  it("on a hit, run, params, validate, compare and solve load neither the YAML parser nor zod", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-cache-"));
    const env = { EVPLAN_CACHE: join(dir, "cache") };
    for (const args of COMMANDS) {
      // The first fills the cache (or finds the entries `npm run build` compiled); the second is a hit.
      const miss = evplan(args, env);
      expect(miss.code, miss.stderr).toBe(0);
      const trace = join(dir, `hit-${args[0]}.txt`);
      const hit = evplan(args, env, trace);
      expect(hit.code, hit.stderr).toBe(0);
      expect(hit.stdout).toBe(miss.stdout);
      const loaded = packagesLoaded(trace);
      expect(loaded.has("commander"), `${args[0]}: the trace sees packages`).toBe(true);
      expect(loaded.has("yaml"), `${args[0]} loaded yaml on a hit`).toBe(false);
      expect(loaded.has("zod"), `${args[0]} loaded zod on a hit`).toBe(false);
    }
  });

  it("on a miss reads and validates the files (the parser and zod load), then stores the entries", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-cache-"));
    copyPack(dir);
    const env = { EVPLAN_CACHE: join(dir, "cache") };
    const args = ["run", "reference", "--data", join(dir, "pack"), "--scenarios", join(dir, "scenarios")];
    const miss = evplan(args, env, join(dir, "miss.txt"));
    expect(miss.code, miss.stderr).toBe(0);
    expect(packagesLoaded(join(dir, "miss.txt"))).toContain("yaml");
    expect(packagesLoaded(join(dir, "miss.txt"))).toContain("zod");
    expect(readdirSync(join(dir, "cache")).filter((f) => /^(pack|scenario)-.*\.json$/.test(f))).toHaveLength(2);
    const hit = evplan(args, env, join(dir, "hit.txt"));
    expect(hit.stdout).toBe(miss.stdout);
    expect(packagesLoaded(join(dir, "hit.txt"))).not.toContain("yaml");
  });

  it("gives bit-identical results with the cache, without it, and from a damaged entry", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-cache-"));
    copyPack(dir);
    const cache = join(dir, "cache");
    const args = ["run", "nevp-2025-30-targets", "--format", "json", "--data", join(dir, "pack"), "--scenarios", join(dir, "scenarios")];
    const off = evplan(args, { EVPLAN_CACHE: "off" });
    expect(off.code, off.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["pack", "scenarios"]);
    const miss = evplan(args, { EVPLAN_CACHE: cache });
    const hit = evplan(args, { EVPLAN_CACHE: cache });
    expect(miss.stdout).toBe(off.stdout);
    expect(hit.stdout).toBe(off.stdout);
    // Damage every entry (one byte of its body, a truncation): each is detected and compiled again.
    const entries = readdirSync(cache).filter((f) => /^(pack|scenario)-/.test(f));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    entries.forEach((f, i) => {
      const text = readFileSync(join(cache, f), "utf8");
      writeFileSync(join(cache, f), i % 2 ? text.slice(0, text.length - 100) : text.replace(/"data":\{/, '"data":{"x":1,'));
    });
    const damaged = evplan(args, { EVPLAN_CACHE: cache });
    expect(damaged.code, damaged.stderr).toBe(0);
    expect(damaged.stdout).toBe(off.stdout);
    expect(evplan(args, { EVPLAN_CACHE: cache }).stdout).toBe(off.stdout);
  });

  it("never answers from the cache after a parameter or scenario file changed", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-cache-"));
    cpSync(join(root, "data/pakistan"), join(dir, "pack"), { recursive: true });
    cpSync(join(root, "scenarios"), join(dir, "scenarios"), { recursive: true });
    const env = { EVPLAN_CACHE: join(dir, "cache") };
    const args = ["run", "nevp-2025-30", "--format", "json", "--data", join(dir, "pack"), "--scenarios", join(dir, "scenarios")];
    const before = JSON.parse(evplan(args, env).stdout);
    expect(JSON.parse(evplan(args, env).stdout)).toEqual(before);
    // A second, immediate edit keeps the file's size: the content hash still sees it.
    const file = join(dir, "pack", "economy", "exchange_rate.yaml");
    const text = readFileSync(file, "utf8");
    const edited = text.replace("values: {2025: 281}", "values: {2025: 291}");
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    const after = JSON.parse(evplan(args, env).stdout);
    expect(after.metrics).not.toEqual(before.metrics);
    expect(JSON.parse(evplan(args, { EVPLAN_CACHE: "off" }).stdout)).toEqual(after);
    // A scenario file edited: its new content is compiled, not the cached one.
    const scen = join(dir, "scenarios", "nevp-2025-30.yaml");
    writeFileSync(scen, readFileSync(scen, "utf8").replace(/^title: .*$/m, "title: Edited title"));
    expect(JSON.parse(evplan(args, env).stdout).title).toBe("Edited title");
  });
});
