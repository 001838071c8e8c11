// The page's side of the worker: one request in flight per kind; a newer run supersedes an older one.
import type { InitReply, Reply, RunReply } from "./protocol";

export class ModelClient {
  private readonly worker = new Worker(new URL("./model-worker.ts", import.meta.url), { type: "module" });
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: RunReply) => void; reject: (e: Error) => void }>();
  private initWaiter: ((r: InitReply) => void) | null = null;

  constructor() {
    this.worker.onmessage = (e: MessageEvent<Reply>) => {
      const r = e.data;
      if (r.type === "init") this.initWaiter?.(r);
      else if (r.type === "run") {
        this.pending.get(r.id)?.resolve(r);
        this.pending.delete(r.id);
      } else if (r.id !== undefined) {
        this.pending.get(r.id)?.reject(new Error(r.message));
        this.pending.delete(r.id);
      } else console.error(r.message);
    };
  }

  init(): Promise<InitReply> {
    return new Promise((resolve) => {
      this.initWaiter = resolve;
      this.worker.postMessage({ type: "init" });
    });
  }

  run(preset: string, overrides: Record<string, number>): Promise<RunReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "run", id, preset, overrides });
    });
  }
}
