// A worker thread of the server's pools: loads the data pack once, then computes what it is sent (see ops.ts) and
// replies with the JSON text of the answer or a problem document.
import { parentPort, workerData } from "node:worker_threads";
import { createContext, opCheckJob, opCheckSaved, opCompare, opFigures, opRun, opRunJob, opSolve, type ComputeContext } from "./ops.js";
import { toProblem } from "./problem.js";
import type { Reply, Task, WorkerConfig } from "./pool.js";

const port = parentPort!;
const config = workerData as WorkerConfig;
const send = (m: Reply) => port.postMessage(m);

function compute(ctx: ComputeContext, id: number, t: Task): string {
  switch (t.op) {
    case "run":
      return opRun(ctx, t.text);
    case "solve":
      return opSolve(ctx, t.text);
    case "compare":
      return opCompare(ctx, t.text);
    case "checkJob":
      return opCheckJob(ctx, t.text, { maxJobEvaluations: config.maxJobEvaluations });
    case "runJob":
      return opRunJob(ctx, t.text, (progress) => send({ id, progress }));
    case "checkSaved":
      return opCheckSaved(ctx, t.text, t.mode, t.name);
    case "figures":
      return opFigures(ctx, t.text, t.name!);
  }
}

try {
  const ctx = createContext(config.data, config.scenarios);
  port.on("message", (m: { id: number } & Task) => {
    try {
      send({ id: m.id, ok: compute(ctx, m.id, m) });
    } catch (e) {
      const p = toProblem(e);
      // The stack goes to the server's log, not to the client.
      if (p.body.status >= 500) console.error(`evplan server: internal error in ${m.op}:`, e);
      send({ id: m.id, problem: { body: p.body, headers: p.headers } });
    }
  });
  send({ ready: true });
} catch (e) {
  send({ fatal: e instanceof Error ? e.message : String(e) });
}
