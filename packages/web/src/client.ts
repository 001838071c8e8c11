// The page's side of the worker: one request in flight per kind; a newer run supersedes an older one.
import type { EarlyWorker } from "./boot";
import type { YearEdits, ExtraScenario, AnalysisReply, BacktestReply, DecomposeReply, InitReply, Reply, Request, RunReply, UncertaintyReply } from "./protocol";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class ModelClient {
  /** Started on the first request: a client made at load (the background questions' one) costs nothing until used. */
  private started: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: never) => void; reject: (e: Error) => void; type: string }>();
  private initWaiter: ((r: InitReply) => void) | null = null;
  /** The catalogue, when the worker was started and asked for it before this client existed (boot.ts). */
  private earlyInit: InitReply | null = null;

  /** `boot`: a worker started by the page's first script, already asked for its catalogue (boot.ts). */
  constructor(private readonly boot: EarlyWorker | null = null) {}

  private get worker(): Worker {
    if (this.started) return this.started;
    const worker = (this.started = this.boot?.worker ?? new Worker(new URL("./model-worker.ts", import.meta.url), { type: "module" }));
    const receive = (r: Reply) => {
      if (r.type === "init") {
        if (this.initWaiter) this.initWaiter(r);
        else this.earlyInit = r;
      } else if (r.type !== "error") {
        this.pending.get(r.id)?.resolve(r as never);
        this.pending.delete(r.id);
      } else if (r.id !== undefined) {
        this.pending.get(r.id)?.reject(new Error(r.message));
        this.pending.delete(r.id);
      } else console.error(r.message);
    };
    worker.onmessage = (e: MessageEvent<Reply>) => receive(e.data);
    for (const r of this.boot?.early.splice(0) ?? []) receive(r);
    return worker;
  }

  init(extra?: ExtraScenario[]): Promise<InitReply> {
    return new Promise((resolve) => {
      const worker = this.worker;
      // The catalogue the page's first script asked for (no extra scenarios): already here, or on its way.
      if (this.boot && !extra && !this.bootInitUsed) {
        this.bootInitUsed = true;
        if (this.earlyInit) return resolve(this.earlyInit);
        this.initWaiter = resolve;
        return;
      }
      this.initWaiter = resolve;
      worker.postMessage({ type: "init", extra });
    });
  }
  private bootInitUsed = false;

  private request<T>(msg: DistributiveOmit<Extract<Request, { id: number }>, "id">): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: never) => void, reject, type: msg.type });
      this.worker.postMessage({ ...msg, id });
    });
  }

  /** Counterfactual runs received (by `RunReply.counterfactualKey`), the most recently used last. */
  private readonly counterfactuals = new Map<string, Float64Array>();
  /** A run asked for before the page needed it (the link's setting, at load), handed to the first `run` for it. */
  private prefetched: { key: string; reply: Promise<RunReply> } | null = null;

  /**
   * Asks for a run now, before the page has rendered: the worker computes it while the page renders its levers.
   * The first `run` with the same setting gets this reply instead of asking again.
   */
  prefetch(preset: string, overrides: Record<string, number>, years: YearEdits = {}): void {
    const key = JSON.stringify([preset, overrides, years]);
    const reply = this.run(preset, overrides, years);
    // A link the catalogue turns down (a value out of range) fails here; the page then asks for what it checked.
    reply.catch(() => {});
    this.prefetched = { key, reply };
  }

  run(preset: string, overrides: Record<string, number>, years?: YearEdits): Promise<RunReply> {
    const p = this.prefetched;
    if (p) {
      this.prefetched = null;
      if (p.key === JSON.stringify([preset, overrides, years ?? {}])) return p.reply;
      // Another setting was asked for first (the link did not check out): the early run's buffer goes back.
      p.reply.then(
        (r) => this.release(r),
        () => {},
      );
    }
    return this.request<RunReply>({ type: "run", preset, overrides, years, counterfactuals: [...this.counterfactuals.keys()] }).then((r) =>
      this.withCounterfactual(r, preset, overrides, years),
    );
  }

  /** Asks the worker to warm up the run code for this setting while the page is idle (no reply). */
  warm(preset: string, overrides: Record<string, number>, years: YearEdits = {}): void {
    this.worker.postMessage({ type: "warm", preset, overrides, years });
  }

  /** Hands a reply's output buffer back to the worker, for a later run to write into; the reply is unusable after. */
  release(r: RunReply): void {
    if (r.main.buffer.byteLength > 0) this.worker.postMessage({ type: "release", buffers: [r.main.buffer] }, [r.main.buffer]);
  }

  /** The reply with its counterfactual filled in from the page's copy when the worker did not send it again. */
  private withCounterfactual(r: RunReply, preset: string, overrides: Record<string, number>, years?: YearEdits): RunReply | Promise<RunReply> {
    const key = r.counterfactualKey;
    if (key === null) return r;
    if (r.counterfactual) {
      this.counterfactuals.delete(key);
      this.counterfactuals.set(key, r.counterfactual);
      // A few presets and context settings: the compare run's and the slider's stay while context levers move.
      while (this.counterfactuals.size > 8) this.counterfactuals.delete(this.counterfactuals.keys().next().value!);
      return r;
    }
    const held = this.counterfactuals.get(key);
    if (!held) {
      // Dropped here after the request said it was held: ask again, without claiming any.
      return this.request<RunReply>({ type: "run", preset, overrides, years, counterfactuals: [] }).then((x) =>
        this.withCounterfactual(x, preset, overrides, years),
      );
    }
    this.counterfactuals.delete(key);
    this.counterfactuals.set(key, held);
    return { ...r, counterfactual: held };
  }

  uncertainty(preset: string, overrides: Record<string, number>, samples: number, years: YearEdits = {}): Promise<UncertaintyReply> {
    return this.request({ type: "uncertainty", preset, overrides, samples, years });
  }

  analysis(preset: string, overrides: Record<string, number>, samples: number, years: YearEdits = {}): Promise<AnalysisReply> {
    return this.request({ type: "analysis", preset, overrides, samples, years });
  }

  /**
   * The first-screen answers asked for so far are not wanted any more (the settings moved): the worker stops the
   * one it is computing at its next slice and skips those waiting, and their promises never settle.
   */
  cancelAnalyses(): void {
    let upTo = 0;
    for (const [id, p] of this.pending)
      if (p.type === "analysis") {
        upTo = Math.max(upTo, id);
        this.pending.delete(id);
      }
    if (upTo > 0) this.worker.postMessage({ type: "cancel-analysis", upTo });
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
