// What the API computes, as functions of a model and the request's text: run, solve, compare, checking a job or a
// saved scenario, and running a job. They run in the compute workers (and jobs in job workers or the Redis worker
// process), never on the thread that answers HTTP requests. Each answer is the document the CLI prints.
import {
  InputError,
  Model,
  SobolSweep,
  TornadoSweep,
  UncertaintySweep,
  compareDocument,
  compareFigures,
  describeZodIssue,
  evaluateTargets,
  issuePath,
  keyFigures,
  parseMetricCell,
  parseYaml,
  runDocument,
  runSweep,
  solveDocument,
  sweepReport,
  type CompiledScenario,
  type ScenarioLookup,
  type ScenarioSource,
  type Sweep,
  type SweepMeta,
} from "@evplan/core";
import { dataPackHash, loadDataPack, listScenarioNames, modelVersion, scenarioFolderLookup } from "@evplan/core/node";
import { relative } from "node:path";
import { z } from "zod";
import { BODY, Problem } from "./problem.js";
import { compareRequest, JOB_KINDS, savedCreate, savedUpdate, sensitivityJob, solveRequest, uncertaintyJob } from "./schemas.js";
import type { Stamp } from "./store.js";

export interface ComputeContext {
  readonly model: Model;
  readonly stamp: Stamp;
  readonly scenarioNames: readonly string[];
  readonly lookup: ScenarioLookup;
}

export interface Limits {
  /** Most evaluations (samples x runs per sample) one job may ask for. */
  readonly maxJobEvaluations: number;
}

/** Load the data pack and the built-in scenarios once; later lookups never touch the disk. */
export function createContext(dataDir: string, scenariosDir: string): ComputeContext {
  const pack = loadDataPack(dataDir);
  const base = scenarioFolderLookup([scenariosDir], (f) => relative(process.cwd(), f) || f);
  const scenarioNames = listScenarioNames(scenariosDir);
  const cache = new Map<string, ScenarioSource | undefined>(scenarioNames.map((n) => [n, base(n)]));
  const lookup: ScenarioLookup = (name) => cache.get(name);
  return { model: new Model(pack.registry, lookup), stamp: { modelVersion: modelVersion(), dataHash: pack.hash }, scenarioNames, lookup };
}

export { dataPackHash };

/** The request body: JSON, with a way from a field path to its line for error messages (YAML reads JSON). */
export interface Body {
  readonly data: unknown;
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

export function parseBody(text: string): Body {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Problem(400, "malformed-json", "Malformed JSON", `${BODY}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let located: ReturnType<typeof parseYaml> | null | undefined;
  const locate = (path: readonly (string | number)[]) => {
    if (located === undefined) {
      try {
        located = parseYaml(text, BODY);
      } catch {
        located = null;
      }
    }
    return located?.locate(path);
  };
  return { data, locate };
}

function zodIssues(body: Body, error: z.ZodError): InputError {
  return new InputError(
    error.issues.map((zi) => {
      const path = issuePath(zi);
      const at = body.locate(path);
      return { file: BODY, line: at?.line, column: at?.column, field: path.join("."), message: describeZodIssue(zi) };
    }),
  );
}

function parseWith<T extends z.ZodType>(schema: T, body: Body): z.infer<T> {
  const r = schema.safeParse(body.data);
  if (!r.success) throw zodIssues(body, r.error);
  return r.data;
}

/** A scenario named (built-in) or given inline at `path` of the body. */
function compileRef(ctx: ComputeContext, body: Body, ref: unknown, path: (string | number)[]): CompiledScenario {
  if (typeof ref === "string") {
    if (!ctx.lookup(ref)) {
      const at = body.locate(path);
      throw new InputError([{ file: BODY, line: at?.line, column: at?.column, field: path.join(".") || "scenario", message: `no scenario named "${ref}"` }]);
    }
    return ctx.model.compile(ref);
  }
  return ctx.model.compile("request", inlineSource(body, ref, path));
}

export function inlineSource(body: Body, data: unknown, path: (string | number)[]): ScenarioSource {
  return { file: path.length ? `${BODY}\0${path.join(".")}` : BODY, data, locate: (p) => body.locate([...path, ...p]) };
}

/** The scenario and its counterfactual, as Model.run does it (the counterfactual compiled in the scenario's frame). */
function runCompiled(ctx: ComputeContext, c: CompiledScenario) {
  const main = ctx.model.evaluate(c);
  const cf = ctx.model.counterfactualOf(c);
  return { main, counterfactual: cf ? ctx.model.evaluate(cf) : null, targets: evaluateTargets(main) };
}

export function opRun(ctx: ComputeContext, text: string): string {
  const body = parseBody(text);
  if (typeof body.data !== "object" || body.data === null || Array.isArray(body.data))
    throw new InputError([{ file: BODY, field: "", message: "expected a scenario document (an object with name, extends, overrides, ...)" }]);
  const c = compileRef(ctx, body, body.data, []);
  return JSON.stringify(runDocument(runCompiled(ctx, c)));
}

export function opSolve(ctx: ComputeContext, text: string): string {
  const body = parseBody(text);
  const req = parseWith(solveRequest(z.unknown()), body);
  const c = compileRef(ctx, body, req.scenario, ["scenario"]);
  const minimise = req.minimise === undefined || req.minimise === false ? undefined : req.minimise === true ? "" : req.minimise;
  const levers = Array.isArray(req.levers) ? req.levers.join(",") : req.levers;
  return JSON.stringify(solveDocument(ctx.model, c, { target: req.target, lever: req.lever, min: req.min, max: req.max, from: req.from, minimise, levers }));
}

export function opCompare(ctx: ComputeContext, text: string): string {
  const body = parseBody(text);
  const req = parseWith(compareRequest(z.unknown()), body);
  const runs = req.scenarios.map((ref, i) => runCompiled(ctx, compileRef(ctx, body, ref, ["scenarios", i])));
  return JSON.stringify(compareDocument(compareFigures(runs, req.year), req.year));
}

export type JobRequest = z.infer<ReturnType<typeof uncertaintyJob>> | z.infer<ReturnType<typeof sensitivityJob>>;

function jobRequest(body: Body): JobRequest {
  const kind = (body.data as { kind?: unknown } | null)?.kind;
  if (!(JOB_KINDS as readonly unknown[]).includes(kind)) {
    const at = body.locate(["kind"]);
    throw new InputError([{ file: BODY, line: at?.line, column: at?.column, field: "kind", message: `kind must be one of ${JOB_KINDS.join(", ")}` }]);
  }
  return kind === "uncertainty" ? parseWith(uncertaintyJob(z.unknown()), body) : parseWith(sensitivityJob(z.unknown()), body);
}

/** The sweep a job runs (the same classes `evplan uncertainty` and `evplan sensitivity` use). */
export function buildSweep(ctx: ComputeContext, body: Body, req: JobRequest): Sweep<SweepMeta> {
  const main = compileRef(ctx, body, req.scenario, ["scenario"]);
  const cf = ctx.model.counterfactualOf(main);
  if (req.kind === "uncertainty") {
    return new UncertaintySweep(ctx.model, main, cf, {
      samples: req.samples,
      seed: req.seed,
      params: req.params,
      metrics: req.metrics,
      bySegment: req.by_segment,
      difference: req.difference,
    });
  }
  let metric;
  try {
    metric = parseMetricCell(req.metric);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.issues.map((i) => ({ ...i, file: BODY, field: "metric" })));
    throw e;
  }
  if (req.method === "tornado") return new TornadoSweep(ctx.model, main, cf, { metric, params: req.params, difference: req.difference });
  return new SobolSweep(ctx.model, main, cf, {
    metric,
    params: req.params,
    difference: req.difference,
    samples: req.samples,
    seed: req.seed,
    bootstrap: req.bootstrap,
  });
}

/** Validate a job before it is queued: a bad job is a 422 now, not a failed job later. */
export function opCheckJob(ctx: ComputeContext, text: string, limits: Limits): string {
  const body = parseBody(text);
  const req = jobRequest(body);
  const sweep = buildSweep(ctx, body, req);
  if (sweep.meta.count > limits.maxJobEvaluations) {
    throw new InputError([
      {
        file: BODY,
        field: "samples",
        message: `this job needs ${sweep.meta.count} evaluations; the server runs at most ${limits.maxJobEvaluations} per job (use the CLI's --shard for more)`,
      },
    ]);
  }
  return JSON.stringify({ kind: req.kind, count: sweep.meta.count });
}

/** Run a job to its report, calling `progress` with the done fraction after each chunk. */
export function opRunJob(ctx: ComputeContext, text: string, progress: (fraction: number) => void): string {
  const body = parseBody(text);
  const sweep = buildSweep(ctx, body, jobRequest(body));
  const n = sweep.meta.count;
  progress(0);
  const records = runSweep(sweep, { chunk: Math.max(1, Math.min(256, Math.ceil(n / 50))), onProgress: (done, total) => progress(done / total) });
  return JSON.stringify(sweepReport(sweep.meta, records));
}

/**
 * Validate a saved scenario (POST or PUT) and run it: the name becomes the scenario's name, so an exported file
 * `<name>.yaml` is valid as it stands. Returns the normalised document and its key figures.
 */
export function opCheckSaved(ctx: ComputeContext, text: string, mode: "create" | "update", currentName?: string): string {
  const body = parseBody(text);
  const req = mode === "create" ? parseWith(savedCreate(z.unknown()), body) : parseWith(savedUpdate(z.unknown()), body);
  const name = req.name ?? currentName!;
  if (ctx.scenarioNames.includes(name)) {
    const at = body.locate(["name"]);
    throw new InputError([
      { file: BODY, line: at?.line, column: at?.column, field: "name", message: `"${name}" is the name of a built-in scenario: choose another name` },
    ]);
  }
  let scenario: Record<string, unknown> | undefined;
  let figures: unknown = undefined;
  if (req.scenario !== undefined) {
    if (typeof req.scenario !== "object" || req.scenario === null || Array.isArray(req.scenario))
      throw new InputError([{ file: BODY, field: "scenario", message: "expected a scenario document (an object with name, extends, overrides, ...)" }]);
    scenario = { ...(req.scenario as Record<string, unknown>), name };
    const c = ctx.model.compile(name, inlineSource(body, scenario, ["scenario"]));
    figures = keyFigures(runCompiled(ctx, c));
  }
  return JSON.stringify({ name: req.name, notes: req.notes, scenario, key_figures: figures });
}

/** Key figures of a stored scenario document (to refresh a stale stored result). */
export function opFigures(ctx: ComputeContext, scenarioJson: string, name: string): string {
  const data = JSON.parse(scenarioJson) as unknown;
  const c = ctx.model.compile(name, { file: `saved scenario ${name}`, data });
  return JSON.stringify(keyFigures(runCompiled(ctx, c)));
}

/** opRunJob for a process whose event loop must keep running (the Redis worker renews its lock, sends progress). */
export async function opRunJobAsync(ctx: ComputeContext, text: string, progress: (fraction: number) => unknown): Promise<string> {
  const body = parseBody(text);
  const sweep = buildSweep(ctx, body, jobRequest(body));
  const { count: n, width: w } = sweep.meta;
  const out = new Float64Array(n * w);
  const chunk = Math.max(1, Math.min(256, Math.ceil(n / 50)));
  progress(0);
  for (let i = 0; i < n; i += chunk) {
    const j = Math.min(n, i + chunk);
    sweep.runRange(i, j, out, i * w);
    progress(j / n);
    await new Promise((r) => setImmediate(r));
  }
  return JSON.stringify(sweepReport(sweep.meta, out));
}
