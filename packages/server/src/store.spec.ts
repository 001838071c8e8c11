// The database: migrations from an older file, a newer file refused, interrupted jobs failed, old jobs pruned,
// renames keeping the creation time.
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS, Store, StoreConflict } from "./store.js";

const tmpDb = () => join(mkdtempSync(join(tmpdir(), "evplan-store-")), "db.sqlite");
const stamp = { modelVersion: "1+abc", dataHash: "d1" };

describe("store", () => {
  it("creates the schema on first open, in WAL mode, at the latest version", () => {
    const s = new Store(tmpDb());
    expect(s.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(s.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(s.integrityCheck()).toBe("ok");
    s.close();
  });

  it("migrates a version-1 file and keeps its saved scenarios", () => {
    const path = tmpDb();
    const old = new Database(path);
    old.exec(MIGRATIONS[0]);
    old.pragma("user_version = 1");
    old.prepare("INSERT INTO saved (name, notes, scenario, created_at, updated_at) VALUES ('kept', 'n', '{\"name\":\"kept\"}', 't0', 't0')").run();
    old.close();
    const s = new Store(path);
    expect(s.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(s.getSaved("kept")).toMatchObject({ name: "kept", notes: "n", result: null, model_version: null });
    s.close();
  });

  it("refuses a database from a newer evplan", () => {
    const path = tmpDb();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new Store(path)).toThrow(/newer than this server/);
  });

  it("a rename keeps the creation time and refuses a taken name", () => {
    let t = 0;
    const s = new Store(":memory:", { now: () => new Date(Date.UTC(2026, 0, 1) + t++ * 1000).toISOString() });
    s.createSaved("a", "", { name: "a" }, { json: "[]", stamp });
    s.createSaved("b", "", { name: "b" }, null);
    const a = s.getSaved("a")!;
    const r = s.updateSaved("a", { name: "c" });
    expect(r).toMatchObject({ name: "c", created_at: a.created_at, result: "[]", model_version: "1+abc" });
    expect(r.updated_at > a.updated_at).toBe(true);
    expect(() => s.updateSaved("c", { name: "b" })).toThrow(StoreConflict);
    expect(() => s.updateSaved("nosuch", { notes: "x" })).toThrow(/no saved scenario/);
    expect(() => s.createSaved("b", "", {}, null)).toThrow(/exists/);
  });

  it("fails jobs a stopped server left behind, and prunes finished jobs older than a week", () => {
    let now = Date.UTC(2026, 0, 1);
    const s = new Store(":memory:", { now: () => new Date(now).toISOString() });
    s.insertJob("left-running", "uncertainty", {}, stamp);
    s.setJob("left-running", { status: "running" });
    s.insertJob("old-done", "uncertainty", {}, stamp);
    s.setJob("old-done", { status: "done", result: "{}" });
    expect(s.failInterrupted()).toBe(1);
    expect(s.getJob("left-running")).toMatchObject({ status: "failed", error: expect.stringMatching(/submit it again/) });
    now += 8 * 86_400_000;
    s.insertJob("fresh", "uncertainty", {}, stamp);
    expect(s.pruneJobs()).toBe(2);
    expect(s.getJob("old-done")).toBeUndefined();
    expect(s.getJob("fresh")).toBeDefined();
  });
});
