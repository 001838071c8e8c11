// The page's side of the worker: one request in flight per kind; a newer run supersedes an older one.
import type { YearEdits, ExtraScenario, AnalysisReply, BacktestReply, DecomposeReply, InitReply, Reply, Request, RunReply, UncertaintyReply } from "./protocol";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class ModelClient {
  private readonly worker = new Worker(new URL("./model-worker.ts", import.meta.url), { type: "module" });
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: never) => void; reject: (e: Error) => void }>();
  private initWaiter: ((r: InitReply) => void) | null = null;

  constructor() {
    this.worker.onmessage = (e: MessageEvent<Reply>) => {
      const r = e.data;
      if (r.type === "init") this.initWaiter?.(r);
      else if (r.type !== "error") {
        this.pending.get(r.id)?.resolve(r as never);
        this.pending.delete(r.id);
      } else if (r.id !== undefined) {
        this.pending.get(r.id)?.reject(new Error(r.message));
        this.pending.delete(r.id);
      } else console.error(r.message);
    };
  }

  init(extra?: ExtraScenario[]): Promise<InitReply> {
    return new Promise((resolve) => {
      this.initWaiter = resolve;
      this.worker.postMessage({ type: "init", extra });
    });
  }

  private request<T>(msg: DistributiveOmit<Extract<Request, { id: number }>, "id">): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: never) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  run(preset: string, overrides: Record<string, number>, years: YearEdits = {}): Promise<RunReply> {
    return this.request({ type: "run", preset, overrides, years });
  }

  uncertainty(preset: string, overrides: Record<string, number>, samples: number, years: YearEdits = {}): Promise<UncertaintyReply> {
    return this.request({ type: "uncertainty", preset, overrides, samples, years });
  }

  analysis(preset: string, overrides: Record<string, number>, samples: number, years: YearEdits = {}): Promise<AnalysisReply> {
    return this.request({ type: "analysis", preset, overrides, samples, years });
  }

  decompose(
    preset: string,
    overrides: Record<string, number>,
    fromPreset: string,
    fromOverrides: Record<string, number>,
    years: YearEdits = {},
  ): Promise<DecomposeReply> {
    return this.request({ type: "decompose", preset, overrides, years, fromPreset, fromOverrides });
  }

  backtest(args: { text?: string; file?: string; region?: string; mode?: string; fitUntil: number }): Promise<BacktestReply> {
    return this.request({ type: "backtest", ...args });
  }
}
