// Worker thread: builds the sweep once from the compiled inputs the main thread hands it (no file is read, no YAML
// parsed, no schema loaded), then evaluates index ranges on request and sends each range's records back as a
// transferred ArrayBuffer.
import { parentPort, workerData } from "node:worker_threads";
import { sweepFromCompiled, type CompiledJob, type JobSpec } from "./job.js";

export interface WorkerInput {
  readonly spec: JobSpec;
  readonly job: CompiledJob;
}

export interface RangeRequest {
  readonly from: number;
  readonly to: number;
}
export type WorkerReply = { from: number; to: number; buffer: ArrayBuffer } | { error: string } | { ready: true };

const port = parentPort!;
try {
  const { spec, job } = workerData as WorkerInput;
  const sweep = sweepFromCompiled(spec, job);
  const w = sweep.meta.width;
  port.on("message", (req: RangeRequest) => {
    try {
      const out = new Float64Array((req.to - req.from) * w);
      sweep.runRange(req.from, req.to, out, 0);
      port.postMessage({ from: req.from, to: req.to, buffer: out.buffer } satisfies WorkerReply, [out.buffer]);
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerReply);
    }
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
} catch (e) {
  port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerReply);
}
