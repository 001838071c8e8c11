// Partial sweep results on disk: a shard file holds the sweep's meta (everything the report needs besides the
// records) and either the raw records of its index range or, for a Monte Carlo with streaming percentiles, the
// streaming summary of that range (its size does not grow with the samples). Merging checks that the shards belong
// to one sweep and tile its whole range, then rebuilds exactly the records, or the summary, an unsharded run
// would have.
import { createHash } from "node:crypto";
import { endianness } from "node:os";
import { readBounded } from "../io-read.js";
import { UncertaintySummary, shardRange, type SweepMeta, type UncertaintyMeta } from "@evplan/core/runtime";
import { decodeSummary, encodeSummary, summaryNumbers } from "./summary-bytes.js";
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
  /** What the body holds: the records (the default), or the streaming summary of a Monte Carlo's range. */
  readonly body?: "records" | "summary";
  /** A summary body: how many bytes of histogram counts follow its float64 numbers. */
  readonly counts?: number;
  /** Hex SHA-256 of the header and the body's bytes (little-endian). */
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
  writeBody(path, { meta: header.meta, shard: header.shard, from: header.from, to: header.to }, [records]);
}

/** A shard of a Monte Carlo with streaming percentiles: the summary of its range, not its records. */
export function writeSummaryShard(path: string, header: ShardHeader, summary: UncertaintySummary): void {
  const { numbers, counts } = encodeSummary(summary.toData());
  writeBody(path, { meta: header.meta, shard: header.shard, from: header.from, to: header.to, body: "summary", counts: counts.length }, [numbers, counts]);
}

function writeBody(path: string, plain: Omit<ShardHeader, "sha256">, parts: readonly (Float64Array | Uint8Array)[]): void {
  if (endianness() !== "LE") throw new CliError("shard files are little-endian; this machine is big-endian");
  const body = Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
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
  if (x.body !== undefined && x.body !== "records" && x.body !== "summary") throw bad(`body must be records or summary, not ${JSON.stringify(x.body)}`);
  if (x.body === "summary") {
    if (meta.kind !== "uncertainty" || !Array.isArray(meta.targets)) throw bad("a summary body belongs to a Monte Carlo");
    if (!isCount(x.counts)) throw bad("a summary body must say how many counts it holds");
  }
  return h as ShardHeader;
}

/** What a shard holds: its records, or (a Monte Carlo with streaming percentiles) the summary of its range. */
export type ShardBody = { readonly records: Float64Array } | { readonly summary: UncertaintySummary };

export function readShard(path: string): { header: ShardHeader } & ShardBody {
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
  const meta = header.meta;
  const summary = header.body === "summary";
  const numbers = summary ? summaryNumbers(meta.width, (meta as UncertaintyMeta).targets.length) : (header.to - header.from) * meta.width;
  const bytes = numbers * 8 + (summary ? header.counts! : 0);
  if (buf.length - start !== bytes)
    throw new CliError(`${shown} is truncated or padded: expected ${summary ? `a summary of ${bytes} bytes` : `${numbers} values`} after the header`);
  const body = buf.subarray(start, start + bytes);
  const { sha256, ...plain } = header;
  if (digest(plain, body) !== sha256) throw new CliError(`${shown} is damaged or was edited: its header and records do not match the checksum`);
  const values = new Float64Array(numbers);
  new Uint8Array(values.buffer).set(body.subarray(0, numbers * 8));
  if (summary) {
    const counts = new Uint8Array(body.subarray(numbers * 8));
    const um = meta as UncertaintyMeta;
    let data;
    try {
      data = decodeSummary({ numbers: values, counts }, um.width, um.targets.length);
    } catch (e) {
      throw new CliError(`${shown} holds a damaged summary: ${(e as Error).message}`);
    }
    if (data.samples !== header.to - header.from)
      throw new CliError(`${shown} summarises ${data.samples} samples, not the ${header.to - header.from} of its range`);
    const s = new UncertaintySummary(um);
    s.merge(data);
    return { header, summary: s };
  }
  for (let i = 0; i < numbers; i++) if (!Number.isFinite(values[i])) throw new CliError(`${shown} holds a non-finite record value at position ${i}`);
  return { header, records: values };
}

/**
 * Combine shards into the full record buffer, or (shards of a Monte Carlo with streaming percentiles) into the
 * summary of the whole run; refuses mixed sweeps, gaps and overlaps. Each shard is let go once merged, so a merge of
 * summaries holds one shard at a time.
 */
export function mergeShards(files: readonly string[]): { meta: SweepMeta } & ShardBody {
  if (files.length === 0) throw new CliError("merge needs at least one shard file");
  const first = readShard(files[0]);
  const meta = first.header.meta;
  const metaText = JSON.stringify(meta);
  // A Monte Carlo with streaming percentiles merges summaries; record shards of one (from an evplan before summary
  // shards) are summarised as they are read, which gives the same counts.
  const um = meta as UncertaintyMeta;
  const summary = meta.kind === "uncertainty" && um.quantiles === "sketch" ? new UncertaintySummary(um) : null;
  const tiles: { file: string; from: number; to: number }[] = [];
  const parts: { from: number; records: Float64Array }[] = [];
  for (const file of files) {
    const s = file === files[0] ? first : readShard(file);
    if (JSON.stringify(s.header.meta) !== metaText)
      throw new CliError(`${shownPath(file)} belongs to another sweep than ${shownPath(files[0])} (different scenario, options or data)`);
    tiles.push({ file, from: s.header.from, to: s.header.to });
    if (summary) {
      if ("summary" in s) summary.merge(s.summary.toData());
      else summary.addRecords(s.records, 0, s.header.to - s.header.from);
    } else if ("summary" in s) throw new CliError(`${shownPath(file)} holds a summary, but its sweep keeps exact percentiles: run its shard again`);
    else parts.push({ from: s.header.from, records: s.records });
  }
  tiles.sort((a, b) => a.from - b.from);
  let at = 0;
  for (const t of tiles) {
    if (t.from !== at)
      throw new CliError(t.from > at ? `records ${at} to ${t.from - 1} are missing: a shard was not given` : `${shownPath(t.file)} overlaps another shard`);
    at = t.to;
  }
  if (at !== meta.count) throw new CliError(`records ${at} to ${meta.count - 1} are missing: a shard was not given`);
  if (summary) return { meta, summary };
  const records = new Float64Array(meta.count * meta.width);
  for (const p of parts) records.set(p.records, p.from * meta.width);
  return { meta, records };
}
