// The server's database (SQLite through better-sqlite3, WAL): saved scenarios and the in-process pool's jobs.
// Created on first open; `migrations` brings an older file up to date inside one transaction each.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** Each entry moves the schema from version i to i + 1 (PRAGMA user_version). Append, never edit. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE saved (
     name TEXT PRIMARY KEY,
     notes TEXT NOT NULL DEFAULT '',
     scenario TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     request TEXT NOT NULL,
     status TEXT NOT NULL,
     progress REAL NOT NULL DEFAULT 0,
     result TEXT,
     error TEXT,
     model_version TEXT NOT NULL,
     data_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // A saved scenario keeps the key figures of its last run, stamped with the model and data pack that made them.
  `ALTER TABLE saved ADD COLUMN result TEXT;
   ALTER TABLE saved ADD COLUMN model_version TEXT;
   ALTER TABLE saved ADD COLUMN data_hash TEXT;
   ALTER TABLE saved ADD COLUMN result_at TEXT;`,
];

export interface Stamp {
  readonly modelVersion: string;
  readonly dataHash: string;
}

export interface SavedRow {
  name: string;
  notes: string;
  scenario: string;
  created_at: string;
  updated_at: string;
  result: string | null;
  model_version: string | null;
  data_hash: string | null;
  result_at: string | null;
}

export interface JobRow {
  id: string;
  kind: string;
  request: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  result: string | null;
  error: string | null;
  model_version: string;
  data_hash: string;
  created_at: string;
  updated_at: string;
}

/** Thrown when a name is taken (409) or missing (404). */
export class StoreConflict extends Error {}

export class Store {
  readonly db: Database.Database;
  private readonly now: () => string;

  constructor(path: string, opts: { now?: () => string } = {}) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.now = opts.now ?? (() => new Date().toISOString());
    // WAL: readers do not block the writer; synchronous FULL: an acknowledged save survives a crash of the process
    // and of the machine.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("foreign_keys = ON");
    migrate(this.db);
  }

  close(): void {
    this.db.close();
  }

  // Saved scenarios.

  /** The listing: no documents, no figures (a result is only "current", "stale" or absent). */
  listSaved(): (Omit<SavedRow, "scenario" | "result"> & { has_result: number })[] {
    return this.db
      .prepare("SELECT name, notes, created_at, updated_at, model_version, data_hash, result_at, result IS NOT NULL AS has_result FROM saved ORDER BY name")
      .all() as (Omit<SavedRow, "scenario" | "result"> & { has_result: number })[];
  }

  getSaved(name: string): SavedRow | undefined {
    return this.db.prepare("SELECT * FROM saved WHERE name = ?").get(name) as SavedRow | undefined;
  }

  createSaved(name: string, notes: string, scenario: unknown, result: { json: string; stamp: Stamp } | null): SavedRow {
    const t = this.now();
    try {
      this.db
        .prepare(
          "INSERT INTO saved (name, notes, scenario, created_at, updated_at, result, model_version, data_hash, result_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          name,
          notes,
          JSON.stringify(scenario),
          t,
          t,
          result?.json ?? null,
          result?.stamp.modelVersion ?? null,
          result?.stamp.dataHash ?? null,
          result ? t : null,
        );
    } catch (e) {
      if (e instanceof Error && /UNIQUE constraint/.test(e.message)) throw new StoreConflict(`a saved scenario named "${name}" exists`);
      throw e;
    }
    return this.getSaved(name)!;
  }

  /** Update notes, scenario and/or name (a rename keeps the creation time). */
  updateSaved(name: string, patch: { name?: string; notes?: string; scenario?: unknown; result?: { json: string; stamp: Stamp } | null }): SavedRow {
    const tx = this.db.transaction(() => {
      const row = this.getSaved(name);
      if (!row) throw new StoreConflict(`no saved scenario named "${name}"`);
      const next = patch.name ?? name;
      if (next !== name && this.getSaved(next)) throw new StoreConflict(`a saved scenario named "${next}" exists`);
      const t = this.now();
      const r = patch.result === undefined ? undefined : patch.result;
      this.db
        .prepare(
          `UPDATE saved SET name = ?, notes = ?, scenario = ?, updated_at = ?,
             result = ?, model_version = ?, data_hash = ?, result_at = ? WHERE name = ?`,
        )
        .run(
          next,
          patch.notes ?? row.notes,
          patch.scenario === undefined ? row.scenario : JSON.stringify(patch.scenario),
          t,
          r === undefined ? row.result : (r?.json ?? null),
          r === undefined ? row.model_version : (r?.stamp.modelVersion ?? null),
          r === undefined ? row.data_hash : (r?.stamp.dataHash ?? null),
          r === undefined ? row.result_at : r ? t : null,
          name,
        );
      return this.getSaved(next)!;
    });
    return tx();
  }

  /** Replace a stale stored result without touching the scenario's updated time. */
  refreshSavedResult(name: string, json: string, stamp: Stamp): void {
    this.db
      .prepare("UPDATE saved SET result = ?, model_version = ?, data_hash = ?, result_at = ? WHERE name = ?")
      .run(json, stamp.modelVersion, stamp.dataHash, this.now(), name);
  }

  deleteSaved(name: string): boolean {
    return this.db.prepare("DELETE FROM saved WHERE name = ?").run(name).changes > 0;
  }

  // Jobs of the in-process pool.

  insertJob(id: string, kind: string, request: unknown, stamp: Stamp): void {
    const t = this.now();
    this.db
      .prepare(
        "INSERT INTO jobs (id, kind, request, status, progress, model_version, data_hash, created_at, updated_at) VALUES (?, ?, ?, 'queued', 0, ?, ?, ?, ?)",
      )
      .run(id, kind, JSON.stringify(request), stamp.modelVersion, stamp.dataHash, t, t);
  }

  getJob(id: string): JobRow | undefined {
    return this.db.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as JobRow | undefined;
  }

  setJob(id: string, patch: { status?: JobRow["status"]; progress?: number; result?: string; error?: string }): void {
    const row = this.getJob(id);
    if (!row) return;
    this.db
      .prepare("UPDATE jobs SET status = ?, progress = ?, result = ?, error = ?, updated_at = ? WHERE id = ?")
      .run(patch.status ?? row.status, patch.progress ?? row.progress, patch.result ?? row.result, patch.error ?? row.error, this.now(), id);
  }

  /** Finished jobs older than `days` go (Redis keeps results as long): the table does not grow without end. */
  pruneJobs(days = 7): number {
    const cutoff = new Date(Date.parse(this.now()) - days * 86_400_000).toISOString();
    return this.db.prepare("DELETE FROM jobs WHERE status IN ('done', 'failed') AND updated_at < ?").run(cutoff).changes;
  }

  /** Jobs left queued or running by a server that stopped: they will not finish, so say so. */
  failInterrupted(): number {
    return this.db
      .prepare(
        "UPDATE jobs SET status = 'failed', error = 'the server stopped before the job finished; submit it again', updated_at = ? WHERE status IN ('queued', 'running')",
      )
      .run(this.now()).changes;
  }

  integrityCheck(): string {
    return String(this.db.pragma("integrity_check", { simple: true }));
  }
}

export function migrate(db: Database.Database): void {
  const current = Number(db.pragma("user_version", { simple: true }));
  if (current > MIGRATIONS.length) throw new Error(`the database has schema version ${current}, newer than this server's ${MIGRATIONS.length}: upgrade evplan`);
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export interface SavedExport {
  name: string;
  notes: string;
  scenario: unknown;
  created_at: string;
  updated_at: string;
}

/** Every saved scenario of a database file, opened read-only (for `evplan saved export`; never migrates). */
export function readSavedScenarios(path: string): SavedExport[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const version = Number(db.pragma("user_version", { simple: true }));
    if (version > MIGRATIONS.length)
      throw new Error(`the database has schema version ${version}, newer than this evplan's ${MIGRATIONS.length}: upgrade evplan`);
    if (version === 0) return [];
    const rows = db.prepare("SELECT name, notes, scenario, created_at, updated_at FROM saved ORDER BY name").all() as (Omit<SavedExport, "scenario"> & {
      scenario: string;
    })[];
    return rows.map((r) => ({ ...r, scenario: JSON.parse(r.scenario) as unknown }));
  } finally {
    db.close();
  }
}
