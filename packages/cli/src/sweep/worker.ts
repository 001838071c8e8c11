// Worker thread: builds the sweep once from the compiled inputs the main thread hands it (no file is read, no YAML
// parsed, no schema loaded), then answers requests one at a time: evaluate an index range into the shared records,
// or into this worker's streaming summary; send that summary; compute exact statistics of some record columns.
import { parentPort, workerData } from "node:worker_threads";
import {
  STATS_PER_COLUMN,
  UncertaintySummary,
  exactColumnStats,
  type UncertaintyMeta,
  type UncertaintySummaryData,
  type UncertaintySweep,
} from "@evplan/core/runtime";
import { sweepFromCompiled, type CompiledJob, type JobSpec } from "./job.js";

export interface WorkerInput {
  readonly spec: JobSpec;
  readonly job: CompiledJob;
  /** Where records go: record i at (i - recordsFrom) * width (absent for a streaming summary). */
  readonly records?: SharedArrayBuffer;
  readonly recordsFrom?: number;
}

export type WorkerRequest =
  | { readonly op: "range"; readonly from: number; readonly to: number }
  | { readonly op: "summarise"; readonly from: number; readonly to: number }
  | { readonly op: "summary" }
  | { readonly op: "stats"; readonly rows: number; readonly colFrom: number; readonly colTo: number };

export type WorkerReply =
  | { op: "ready" }
  | { op: "range"; from: number; to: number }
  | { op: "summary"; data: UncertaintySummaryData }
  | { op: "stats"; colFrom: number; colTo: number; buffer: ArrayBuffer }
  | { error: string };

const port = parentPort!;
const fail = (e: unknown) => port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerReply);
try {
  const { spec, job, records, recordsFrom = 0 } = workerData as WorkerInput;
  const sweep = sweepFromCompiled(spec, job);
  const w = sweep.meta.width;
  const view = records ? new Float64Array(records) : null;
  let summary: UncertaintySummary | null = null;
  port.on("message", (req: WorkerRequest) => {
    try {
      if (req.op === "range") {
        if (!view) throw new Error("no shared records buffer");
        sweep.runRange(req.from, req.to, view, (req.from - recordsFrom) * w);
        port.postMessage({ op: "range", from: req.from, to: req.to } satisfies WorkerReply);
      } else if (req.op === "summarise") {
        summary ??= new UncertaintySummary(sweep.meta as UncertaintyMeta);
        (sweep as UncertaintySweep).runSummary(req.from, req.to, summary);
        port.postMessage({ op: "range", from: req.from, to: req.to } satisfies WorkerReply);
      } else if (req.op === "summary") {
        summary ??= new UncertaintySummary(sweep.meta as UncertaintyMeta);
        const data = summary.toData();
        // The counts are fresh copies of the occupied buckets: moved, not copied again.
        const moved = data.columns.flatMap((c) => [c.pos.counts.buffer, c.neg.counts.buffer]).filter((b) => b.byteLength > 0) as ArrayBuffer[];
        port.postMessage({ op: "summary", data } satisfies WorkerReply, moved);
        summary = null;
      } else {
        if (!view) throw new Error("no shared records buffer");
        const out = new Float64Array((req.colTo - req.colFrom) * STATS_PER_COLUMN);
        exactColumnStats(sweep.meta as UncertaintyMeta, view, req.rows, req.colFrom, req.colTo, out);
        port.postMessage({ op: "stats", colFrom: req.colFrom, colTo: req.colTo, buffer: out.buffer } satisfies WorkerReply, [out.buffer]);
      }
    } catch (e) {
      fail(e);
    }
  });
  port.postMessage({ op: "ready" } satisfies WorkerReply);
} catch (e) {
  fail(e);
}
