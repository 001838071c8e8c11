// Partial sweep results on disk: a shard file holds the sweep's meta (everything the report needs besides the
// records) and the raw records of its index range. Merging checks that the shards belong to one sweep and tile its
// whole range, then rebuilds exactly the records an unsharded run would have.
import { createHash } from "node:crypto";
import { endianness } from "node:os";
import { readBounded } from "../io-read.js";
import { shardRange, type SweepMeta } from "@evplan/core/runtime";
import { CliError, shownPath } from "../context.js";
import { writeFileAtomic } from "../io-write.js";

/** A shard file or report is whole or absent (see io-write.ts). */
export const writeAtomically = writeFileAtomic;

// Version 2 adds a SHA-256 of the records to the header, so that a tampered or damaged file is refused.
const MAGIC = "EVPLAN-SWEEP-2\n";
const OLD_MAGIC = "EVPLAN-SWEEP-1\n";
/** Shard files are read whole; the largest a sweep writes is MAX_RECORD_BYTES plus its header. */
const MAX_SHARD_BYTES = 2 * 1024 ** 3 + 64 * 1024 ** 2;

export interface ShardHeader {
  readonly meta: SweepMeta;
  readonly shard: { readonly index: number; readonly count: number };
  readonly from: number;
  readonly to: number;
  /** Hex SHA-256 of the records' bytes (little-endian float64). */
  readonly sha256?: string;
}

/** Checksum over the header (without its checksum field) and the records, so neither can change unnoticed. */
function digest(header: Omit<ShardHeader, "sha256">, bytes: Uint8Array): string {
  return createHash("sha256").update(JSON.stringify(header)).update(bytes).digest("hex");
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
  const body = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
  const plain = { meta: header.meta, shard: header.shard, from: header.from, to: header.to };
  const head = Buffer.from(MAGIC + JSON.stringify({ ...plain, sha256: digest(plain, body) }) + "\n", "utf8");
  const pad = (8 - (head.length % 8)) % 8;
  writeAtomically(path, Buffer.concat([head, Buffer.alloc(pad, 0x20), body]));
}

const isCount = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0;

/** The header's shape, checked field by field: a damaged header names what is wrong. */
function checkHeader(h: unknown, shown: string): ShardHeader {
  const bad = (what: string) => new CliError(`${shown} has a damaged header: ${what}`);
  if (!h || typeof h !== "object") throw bad("not a JSON object");
  const x = h as Record<string, unknown>;
  const meta = x.meta as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== "object") throw bad("no meta");
  if (!isCount(meta.count) || !isCount(meta.width) || (meta.width as number) < 1) throw bad("meta.count and meta.width must be whole numbers");
  if (!isCount(x.from) || !isCount(x.to) || (x.from as number) > (x.to as number) || (x.to as number) > (meta.count as number))
    throw bad(`from and to must be whole numbers with 0 <= from <= to <= ${meta.count}`);
  const shard = x.shard as Record<string, unknown> | undefined;
  if (!shard || !isCount(shard.index) || !isCount(shard.count)) throw bad("shard must name index and count");
  if (typeof x.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(x.sha256)) throw bad("no records checksum");
  return h as ShardHeader;
}

export function readShard(path: string): { header: ShardHeader; records: Float64Array } {
  const shown = shownPath(path);
  const buf = readBounded(path, "shard file", MAX_SHARD_BYTES);
  const magic = buf.subarray(0, MAGIC.length).toString("utf8");
  if (magic === OLD_MAGIC) throw new CliError(`${shown} was written by an older evplan without a checksum; run its shard again`);
  if (magic !== MAGIC) throw new CliError(`${shown} is not an evplan shard file`);
  const nl = buf.indexOf(0x0a, MAGIC.length);
  if (nl < 0) throw new CliError(`${shown} is truncated`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.subarray(MAGIC.length, nl).toString("utf8"));
  } catch (e) {
    throw new CliError(`${shown} has a damaged header: ${(e as Error).message}`);
  }
  const header = checkHeader(parsed, shown);
  let start = nl + 1;
  start += (8 - (start % 8)) % 8;
  const n = (header.to - header.from) * header.meta.width;
  if (buf.length - start !== n * 8) throw new CliError(`${shown} is truncated or padded: expected ${n} values after the header`);
  const body = buf.subarray(start, start + n * 8);
  const { sha256, ...plain } = header;
  if (digest(plain, body) !== sha256) throw new CliError(`${shown} is damaged or was edited: its header and records do not match the checksum`);
  const records = new Float64Array(n);
  new Uint8Array(records.buffer).set(body);
  for (let i = 0; i < n; i++) if (!Number.isFinite(records[i])) throw new CliError(`${shown} holds a non-finite record value at position ${i}`);
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
