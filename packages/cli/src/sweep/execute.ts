// Running a sweep from the command line: validate, run on threads (or one shard of it), then print the report or
// write the shard file.
import { availableParallelism } from "node:os";
import { CliError, shownPath } from "../context.js";
import { createSweep, normaliseSpec, type JobSpec } from "./job.js";
import { runRange } from "./pool.js";
import { progressBar } from "./progress.js";
import { REPORT_FORMATS, render } from "./render.js";
import { parseShard, shardOf, writeAtomically, writeShard } from "./shard.js";

export interface SweepCliOptions {
  threads?: string;
  shard?: string;
  out?: string;
  format: string;
}

/** A whole number of at least `min` from a command-line flag. */
export function intOption(text: string | undefined, flag: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new CliError(`${flag} must be a whole number of at least ${min}, not "${text}"`);
  return v;
}

export function listOption(text: string | undefined): string[] | undefined {
  return text === undefined
    ? undefined
    : text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
}

export const defaultThreads = (): string => String(availableParallelism());

/** Records of one run (or shard) are held in memory: beyond this, the sweep must be split with --shard. */
export const MAX_RECORD_BYTES = 2 * 1024 ** 3;

/** Worker threads beyond the cores available only add memory (each holds a model): capped, with a note. */
export function cappedThreads(requested: number, cores = availableParallelism(), note: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (requested <= cores) return requested;
  note(`evplan: --threads ${requested} is more than the ${cores} cores available; using ${cores}\n`);
  return cores;
}

export async function executeSweep(rawSpec: JobSpec, opts: SweepCliOptions, print: (s: string) => void, label: string): Promise<void> {
  if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const threads = cappedThreads(intOption(opts.threads, "--threads", 1) ?? 1);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard && !opts.out) throw new CliError("--shard writes a partial result file: give --out FILE");
  const spec = normaliseSpec(rawSpec);
  // Built here first, so bad input is reported before any worker starts.
  const sweep = createSweep(spec);
  const { from, to } = shard ? shardOf(sweep.meta, shard) : { from: 0, to: sweep.meta.count };
  const bytes = (to - from) * sweep.meta.width * 8;
  if (bytes > MAX_RECORD_BYTES)
    throw new CliError(
      `this sweep holds ${(bytes / 1024 ** 3).toFixed(1)} GB of results in memory (${to - from} evaluations of ${sweep.meta.width} values), more than ${MAX_RECORD_BYTES / 1024 ** 3} GB: use fewer --samples, fewer --metrics, or split it with --shard k/N and evplan merge`,
    );
  const bar = progressBar(label, to - from);
  let records: Float64Array;
  try {
    records = await runRange(spec, sweep, { from, to, threads, onProgress: bar.update });
  } finally {
    bar.stop();
  }
  if (shard) {
    writeShard(opts.out!, { meta: sweep.meta, shard, from, to }, records);
    process.stderr.write(
      `evplan: shard ${shard.index}/${shard.count} (records ${from} to ${to - 1} of ${sweep.meta.count}) written to ${shownPath(opts.out!)}\n`,
    );
    return;
  }
  const text = render(sweep.meta, records, opts.format);
  if (opts.out) writeAtomically(opts.out, text);
  else print(text);
}
