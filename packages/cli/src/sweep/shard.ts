// Partial sweep results on disk: a shard file holds the sweep's meta (everything the report needs besides the
// records) and the raw records of its index range. Merging checks that the shards belong to one sweep and tile its
// whole range, then rebuilds exactly the records an unsharded run would have.
import { readFileSync } from "node:fs";
import { endianness } from "node:os";
import { shardRange, type SweepMeta } from "@evplan/core";
import { CliError, shownPath } from "../context.js";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";

/** Write to a temporary name beside the target, then rename: a shard file is whole or absent. */
export function writeAtomically(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

const MAGIC = "EVPLAN-SWEEP-1\n";

export interface ShardHeader {
  readonly meta: SweepMeta;
  readonly shard: { readonly index: number; readonly count: number };
  readonly from: number;
  readonly to: number;
}

/**
 * Parse `k/N` (0-based k). An empty k (`/N`) takes the index from JOB_COMPLETION_INDEX, as set by a Kubernetes
 * Indexed Job.
 */
export function parseShard(text: string, env: NodeJS.ProcessEnv = process.env): { index: number; count: number } {
  const m = /^(\d*)\/(\d+)$/.exec(text.trim());
  if (!m) throw new CliError(`--shard must be k/N (k from 0 to N-1), not "${text}"`);
  const k = m[1] === "" ? env.JOB_COMPLETION_INDEX : m[1];
  if (k === undefined || !/^\d+$/.test(k)) throw new CliError(`--shard ${text}: no shard index given and JOB_COMPLETION_INDEX is not set`);
  const index = Number(k);
  const count = Number(m[2]);
  if (count < 1 || index >= count) throw new CliError(`--shard ${index}/${count}: the index must be from 0 to ${count - 1}`);
  return { index, count };
}

export function shardOf(meta: SweepMeta, shard: { index: number; count: number }): { from: number; to: number } {
  return shardRange(meta.count, shard.index, shard.count);
}

export function writeShard(path: string, header: ShardHeader, records: Float64Array): void {
  if (endianness() !== "LE") throw new CliError("shard files are little-endian; this machine is big-endian");
  const head = Buffer.from(MAGIC + JSON.stringify(header) + "\n", "utf8");
  const pad = (8 - (head.length % 8)) % 8;
  const body = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
  writeAtomically(path, Buffer.concat([head, Buffer.alloc(pad, 0x20), body]));
}

export function readShard(path: string): { header: ShardHeader; records: Float64Array } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new CliError(`cannot read ${shownPath(path)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (buf.subarray(0, MAGIC.length).toString("utf8") !== MAGIC) throw new CliError(`${shownPath(path)} is not an evplan shard file`);
  const nl = buf.indexOf(0x0a, MAGIC.length);
  if (nl < 0) throw new CliError(`${shownPath(path)} is truncated`);
  const header = JSON.parse(buf.subarray(MAGIC.length, nl).toString("utf8")) as ShardHeader;
  let start = nl + 1;
  start += (8 - (start % 8)) % 8;
  const n = (header.to - header.from) * header.meta.width;
  if (buf.length - start !== n * 8) throw new CliError(`${shownPath(path)} is truncated: expected ${n} values`);
  const records = new Float64Array(n);
  new Uint8Array(records.buffer).set(buf.subarray(start, start + n * 8));
  return { header, records };
}

/** Combine shards into the full record buffer; refuses mixed sweeps, gaps and overlaps. */
export function mergeShards(files: readonly string[]): { meta: SweepMeta; records: Float64Array } {
  if (files.length === 0) throw new CliError("merge needs at least one shard file");
  const shards = files.map((f) => ({ file: f, ...readShard(f) }));
  const metaText = JSON.stringify(shards[0].header.meta);
  for (const s of shards)
    if (JSON.stringify(s.header.meta) !== metaText)
      throw new CliError(`${shownPath(s.file)} belongs to another sweep than ${shownPath(shards[0].file)} (different scenario, options or data)`);
  const meta = shards[0].header.meta;
  shards.sort((a, b) => a.header.from - b.header.from);
  let at = 0;
  for (const s of shards) {
    if (s.header.from !== at)
      throw new CliError(
        s.header.from > at ? `records ${at} to ${s.header.from - 1} are missing: a shard was not given` : `${shownPath(s.file)} overlaps another shard`,
      );
    at = s.header.to;
  }
  if (at !== meta.count) throw new CliError(`records ${at} to ${meta.count - 1} are missing: a shard was not given`);
  const records = new Float64Array(meta.count * meta.width);
  for (const s of shards) records.set(s.records, s.header.from * meta.width);
  return { meta, records };
}
