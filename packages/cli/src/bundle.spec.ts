// The evplan command as `npm run build` ships it (issue 18, CLI start): bin/evplan.js loads the bundle of
// scripts/bundle-cli.mjs, not the ~100 modules of dist, and prints exactly what the unbundled modules print, on
// stdout and stderr, with the same exit code, for a hit on the built cache entries and for bad input.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const bin = join(root, "packages/cli/bin/evplan.js");
const tracer = join(root, "test/fixtures/trace-imports.mjs");
/** The same command, from the unbundled modules. */
const unbundled = `const { main } = await import(${JSON.stringify(join(root, "packages/cli/dist/main.js"))}); process.exitCode = await main(process.argv.slice(1));`;

function evplan(argv: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the bundled command", () => {
  it("loads the bundle and the few chunks a run needs, not the modules of dist", () => {
    const trace = join(mkdtempSync(join(tmpdir(), "evplan-bundle-")), "trace.txt");
    const r = evplan(["--import", tracer, bin, "run", "nevp-2025-30"], { EVPLAN_TRACE_IMPORTS: trace });
    expect(r.code).toBe(0);
    const ours = readFileSync(trace, "utf8")
      .split("\n")
      .filter((l) => /\/packages\/(core|cli)\/dist\//.test(l));
    expect(ours.some((l) => l.endsWith("/packages/cli/dist/bundle/main.mjs"))).toBe(true);
    expect(ours.filter((l) => !l.includes("/packages/cli/dist/bundle/"))).toEqual([]);
    expect(ours.length).toBeLessThan(30);
  });

  it.each([
    [["run", "nevp-2025-30"]],
    [["compare", "nevp-2025-30", "reference"]],
    [["params"]],
    [["run", "no-such-scenario"]],
    [["solve", "nevp-2025-30", "--target", "ev_sales_share:total:2030=0.30"]],
  ])("prints what the unbundled modules print: %j", (args) => {
    const a = evplan([bin, ...args]);
    const b = evplan(["--input-type=module", "-e", unbundled, ...args]);
    expect(a).toEqual(b);
    expect(a.stdout.length + a.stderr.length).toBeGreaterThan(0);
  });
});
