// The sweep commands' options: light enough to load when the command line is parsed (the sweep itself loads on use).
import { availableParallelism } from "node:os";
import { CliError } from "../context.js";

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

/**
 * Samples one run takes with streaming percentiles: memory does not bound them, time does (at about 2.5 ms of CPU
 * a sample, ten million take about 3.5 hours on two cores).
 */
export const MAX_STREAMING_SAMPLES = 10_000_000;

/** Worker threads beyond the cores available only add memory (each holds a model): capped, with a note. */
export function cappedThreads(requested: number, cores = availableParallelism(), note: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (requested <= cores) return requested;
  note(`evplan: --threads ${requested} is more than the ${cores} cores available; using ${cores}\n`);
  return cores;
}
