// A sweep job as plain data (so it can cross into worker threads and into shard files), and the sweep it builds.
import { resolve } from "node:path";
import { Model, SobolSweep, TornadoSweep, UncertaintySweep, parseMetricCell, type Sweep, type SweepMeta } from "@evplan/core/runtime";
import { checkedFromJson, checkedToJson, registryFromJson, registryToJson } from "@evplan/core/node/compiled";
import { looksLikePath, makeContext } from "../context.js";

export interface JobSpec {
  readonly kind: "uncertainty" | "tornado" | "sobol";
  /** Absolute folders, so workers and shards on other machines resolve them alike. */
  readonly data?: string;
  readonly scenarios?: string;
  /** Scenario name, or an absolute path to a scenario file. */
  readonly scenario: string;
  readonly samples?: number;
  readonly seed?: number;
  readonly params?: readonly string[];
  readonly metrics?: readonly string[];
  readonly bySegment?: boolean;
  readonly difference?: boolean;
  /** Monte Carlo: auto, exact or sketch (see UncertaintyOptions.quantiles). */
  readonly quantiles?: "auto" | "exact" | "sketch";
  /** Sensitivity: `<metric>:<segment|total>:<year>`. */
  readonly metric?: string;
  readonly bootstrap?: number;
}

export function normaliseSpec(spec: JobSpec): JobSpec {
  return {
    ...spec,
    data: spec.data === undefined ? undefined : resolve(spec.data),
    scenarios: spec.scenarios === undefined ? undefined : resolve(spec.scenarios),
    scenario: looksLikePath(spec.scenario) ? resolve(spec.scenario) : spec.scenario,
  };
}

/**
 * The compiled inputs of a sweep as JSON text: the registry and the scenario with its counterfactual. Built once in
 * the main thread (from the compiled cache when it holds them) and handed to each worker, which so neither reads
 * nor parses nor validates any file, and never loads the YAML parser or zod.
 */
export interface CompiledJob {
  readonly packDir: string;
  readonly registry: string;
  readonly checked: string;
}

export async function compileJob(spec: JobSpec): Promise<CompiledJob> {
  const ctx = await makeContext({ data: spec.data, scenarios: spec.scenarios }, { compiled: true });
  const { name, source } = await ctx.scenarioArg(spec.scenario);
  const checked = ctx.model.check(name, source);
  return {
    packDir: ctx.paths.data,
    registry: registryToJson(ctx.model.registry, ctx.paths.data, process.cwd()),
    checked: checkedToJson(checked, process.cwd()),
  };
}

/**
 * The sweep on compiled inputs. The main thread and every worker build it from the same JSON text, so records do
 * not depend on the number of threads, nor on whether the inputs came from the cache.
 */
export function sweepFromCompiled(spec: JobSpec, job: CompiledJob): Sweep<SweepMeta> {
  const registry = registryFromJson(job.registry, job.packDir);
  const { scenario: main, counterfactual: cf } = checkedFromJson(job.checked);
  const model = new Model(registry, () => undefined);
  if (spec.kind === "uncertainty") {
    return new UncertaintySweep(model, main, cf, {
      samples: spec.samples!,
      seed: spec.seed,
      params: spec.params,
      metrics: spec.metrics,
      bySegment: spec.bySegment,
      difference: spec.difference,
      quantiles: spec.quantiles,
    });
  }
  const metric = parseMetricCell(spec.metric!);
  if (spec.kind === "tornado") return new TornadoSweep(model, main, cf, { metric, params: spec.params, difference: spec.difference });
  return new SobolSweep(model, main, cf, {
    metric,
    params: spec.params,
    difference: spec.difference,
    samples: spec.samples!,
    seed: spec.seed,
    bootstrap: spec.bootstrap,
  });
}

export async function createSweep(spec: JobSpec): Promise<Sweep<SweepMeta>> {
  return sweepFromCompiled(spec, await compileJob(spec));
}
