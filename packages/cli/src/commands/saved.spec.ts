// `evplan saved export`: every saved scenario as a YAML file that `evplan validate` accepts as it stands.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store } from "@evplan/server/store";
import { REPO_ROOT } from "../context.js";

const bin = join(REPO_ROOT, "packages/cli/bin/evplan.js");
const evplan = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: REPO_ROOT, encoding: "utf8" });

describe("evplan saved export", () => {
  it("writes each saved scenario as <name>.yaml with its notes, and each file validates", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-export-"));
    const db = join(dir, "db.sqlite");
    const store = new Store(db);
    store.createSaved(
      "levy-a",
      "carbon levy\nfrom FY2027",
      { name: "levy-a", extends: "nevp-2025-30", overrides: { "taxes.carbon_levy": { 2027: 10 } } },
      null,
    );
    store.createSaved("plain", "", { name: "plain", extends: "reference" }, null);
    store.close();
    const out = join(dir, "out");
    const r = evplan("saved", "export", "--db", db, "--out", out);
    expect(r.stderr).toMatch(/2 saved scenarios written/);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["levy-a.yaml", "plain.yaml"]);
    const text = readFileSync(join(out, "levy-a.yaml"), "utf8");
    expect(text).toMatch(/^# carbon levy$/m);
    expect(text).toMatch(/^# from FY2027$/m);
    for (const f of readdirSync(out)) {
      const v = evplan("validate", join(out, f));
      expect(v.status, v.stderr).toBe(0);
    }
    // Without --out: one YAML stream on stdout.
    const s = evplan("saved", "export", "--db", db);
    expect(s.status).toBe(0);
    expect(s.stdout.split(/^---$/m)).toHaveLength(2);
  });

  it("a missing database is a clear error, exit 2", () => {
    const r = evplan("saved", "export", "--db", join(tmpdir(), "evplan-no-such-db.sqlite"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no database at .*evplan-no-such-db\.sqlite/);
  });
});
