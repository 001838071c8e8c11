// A sweep job as plain data (so it can cross into worker threads and into shard files), and the sweep it builds.
import { resolve } from "node:path";
import { SobolSweep, TornadoSweep, UncertaintySweep, parseMetricCell, type Sweep, type SweepMeta } from "@evplan/core/runtime";
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

export async function createSweep(spec: JobSpec): Promise<Sweep<SweepMeta>> {
  const ctx = await makeContext({ data: spec.data, scenarios: spec.scenarios }, { compiled: true });
  const { name, source } = await ctx.scenarioArg(spec.scenario);
  const model = ctx.model;
  const main = model.compile(name, source);
  const cf = model.counterfactualOf(main);
  if (spec.kind === "uncertainty") {
    return new UncertaintySweep(model, main, cf, {
      samples: spec.samples!,
      seed: spec.seed,
      params: spec.params,
      metrics: spec.metrics,
      bySegment: spec.bySegment,
      difference: spec.difference,
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
