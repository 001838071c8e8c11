// Running a sweep from the command line: validate, run on threads (or one shard of it), then print the report or
// write the shard file.
import { CliError, shownPath } from "../context.js";
import { cappedThreads, intOption, MAX_RECORD_BYTES, MAX_STREAMING_SAMPLES } from "./options.js";
import { compileJob, normaliseSpec, sweepFromCompiled, type JobSpec } from "./job.js";
import { runRange, runReport, summariseRange } from "./pool.js";
import { progressBar } from "./progress.js";
import { REPORT_FORMATS, renderReport } from "./render.js";
import { parseShard, shardOf, writeAtomically, writeShard, writeSummaryShard } from "./shard.js";
import type { UncertaintySweep } from "@evplan/core/runtime";

export interface SweepCliOptions {
  threads?: string;
  shard?: string;
  out?: string;
  format: string;
}

export { cappedThreads, defaultThreads, intOption, listOption, MAX_RECORD_BYTES } from "./options.js";

export async function executeSweep(rawSpec: JobSpec, opts: SweepCliOptions, print: (s: string) => void, label: string): Promise<void> {
  if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) throw new CliError(`--format must be table or json, not "${opts.format}"`);
  const threads = cappedThreads(intOption(opts.threads, "--threads", 1) ?? 1);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard && !opts.out) throw new CliError("--shard writes a partial result file: give --out FILE");
  const spec = normaliseSpec(rawSpec);
  // Built here first, so bad input is reported before any worker starts.
  const job = await compileJob(spec);
  const sweep = sweepFromCompiled(spec, job);
  const { from, to } = shard ? shardOf(sweep.meta, shard) : { from: 0, to: sweep.meta.count };
  // A Monte Carlo with streaming percentiles keeps no records, in a shard too (the shard holds its summary).
  const keepsRecords = (sweep.meta as { quantiles?: string }).quantiles !== "sketch";
  if (!keepsRecords && to - from > MAX_STREAMING_SAMPLES)
    throw new CliError(
      `--samples ${to - from} is more than the ${String(MAX_STREAMING_SAMPLES).replace(/\B(?=(\d{3})+(?!\d))/g, ",")} samples one run takes (about ${(((to - from) * 2.5e-3) / 3600 / 2).toFixed(0)} hours on two cores; exact percentiles would hold ${(((to - from) * sweep.meta.width * 8) / 1024 ** 3).toFixed(0)} GB of results in memory): use fewer --samples${shard ? "" : " or split it with --shard k/N and evplan merge"}`,
    );
  const bytes = (to - from) * sweep.meta.width * 8;
  if (keepsRecords && bytes > MAX_RECORD_BYTES)
    throw new CliError(
      `this sweep holds ${(bytes / 1024 ** 3).toFixed(1)} GB of results in memory (${to - from} evaluations of ${sweep.meta.width} values), more than ${MAX_RECORD_BYTES / 1024 ** 3} GB: use fewer --samples, fewer --metrics, streaming percentiles (--quantiles sketch), or split it with --shard k/N and evplan merge`,
    );
  const bar = progressBar(label, to - from);
  const input = { spec, job };
  if (shard) {
    const header = { meta: sweep.meta, shard, from, to };
    let write: () => void;
    try {
      if (keepsRecords) {
        const records = await runRange(input, sweep, { from, to, threads, onProgress: bar.update });
        write = () => writeShard(opts.out!, header, records);
      } else {
        const summary = await summariseRange(input, sweep as UncertaintySweep, { from, to, threads, onProgress: bar.update });
        write = () => writeSummaryShard(opts.out!, header, summary);
      }
    } finally {
      bar.stop();
    }
    write();
    process.stderr.write(
      `evplan: shard ${shard.index}/${shard.count} (${keepsRecords ? "records" : "the summary of samples"} ${from} to ${to - 1} of ${sweep.meta.count}) written to ${shownPath(opts.out!)}\n`,
    );
    return;
  }
  let report;
  try {
    report = await runReport(input, sweep, { threads, onProgress: bar.update });
  } finally {
    bar.stop();
  }
  const text = renderReport(report, opts.format);
  if (opts.out) writeAtomically(opts.out, text);
  else print(text);
}
