// Request and response schemas of the HTTP API (zod). The same schemas validate requests and generate the
// OpenAPI document, so the two cannot drift. A request schema is a function of the schema for its scenarios: the
// server validates the wrapper with `z.unknown()` there and hands the scenario to the core (whose errors name the
// line and field), while the OpenAPI document shows the full scenario schema.
import { z } from "zod";
import { scenarioSchema } from "@evplan/core";

export const SAVED_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const savedName = z.string().regex(SAVED_NAME, "lower-case letters, digits and dashes, at most 64 characters");

/** A scenario: the name of a built-in one, or a scenario document with the keys of a scenario file. */
export const scenarioRefDoc = z.union([z.string().describe("name of a built-in scenario, e.g. nevp-2025-30"), scenarioSchema]);
type Sc = z.ZodType;

export const solveRequest = (scenario: Sc) =>
  z
    .object({
      scenario: scenario.describe("the scenario to solve on"),
      target: z.string().describe("<metric>:<segment|total>:<year>=<value>, as `evplan solve --target`, e.g. ev_sales_share:total:2030=0.30"),
      lever: z.string().optional().describe("the parameter to move (default depends on the target metric)"),
      min: z.number().optional().describe("lower bound of the lever (default: its range in the data pack)"),
      max: z.number().optional().describe("upper bound of the lever"),
      from: z.number().int().optional().describe("the lever takes its value from this year on"),
      minimise: z
        .union([z.boolean(), z.string()])
        .optional()
        .describe("find the least-cost mix of `levers` instead: true for net_fiscal, or the cost metric's id"),
      levers: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .describe("with minimise: levers, each optionally name=min:max"),
    })
    .strict();

export const compareRequest = (scenario: Sc) =>
  z
    .object({
      scenarios: z.array(scenario).min(2, "compare needs at least two scenarios").max(8, "at most 8 scenarios"),
      year: z.number().int().min(1990).max(2100).default(2030).describe("year of the key figures"),
    })
    .strict();

const list = z.array(z.string()).max(500);
export const uncertaintyJob = (scenario: Sc) =>
  z
    .object({
      kind: z.literal("uncertainty"),
      scenario,
      samples: z.number().int().min(1).describe("number of Monte Carlo samples"),
      seed: z.number().int().min(0).optional(),
      params: list.optional().describe("only these uncertain parameters"),
      metrics: list.optional().describe("only these metrics"),
      by_segment: z.boolean().optional().describe("also report each segment"),
      difference: z.boolean().optional().describe("report the paired difference from the counterfactual (default true)"),
    })
    .strict();
export const sensitivityJob = (scenario: Sc) =>
  z
    .object({
      kind: z.literal("sensitivity"),
      scenario,
      metric: z.string().describe("<metric>:<segment|total>:<year>, e.g. ev_sales_share:total:2030"),
      method: z.enum(["tornado", "sobol"]).default("tornado"),
      samples: z.number().int().min(2).default(1000).describe("Sobol: base samples N (N x (k+2) evaluations)"),
      seed: z.number().int().min(0).optional(),
      bootstrap: z.number().int().min(1).max(2000).default(200),
      params: list.optional(),
      difference: z.boolean().optional().describe("of the difference scenario minus counterfactual"),
    })
    .strict();
export const JOB_KINDS = ["uncertainty", "sensitivity"] as const;
export const jobRequestDoc = z.discriminatedUnion("kind", [uncertaintyJob(scenarioRefDoc), sensitivityJob(scenarioRefDoc)]);

const notes = z.string().max(10_000).default("");
export const savedCreate = (scenario: Sc) => z.object({ name: savedName, notes, scenario: scenario.describe("a scenario document") }).strict();
export const savedUpdate = (scenario: Sc) =>
  z
    .object({
      name: savedName.optional().describe("a new name: renames the saved scenario"),
      notes: z.string().max(10_000).optional(),
      scenario: scenario.optional(),
    })
    .strict();

// Responses (documented, and checked against the answers in the tests).

const numbers = z.array(z.number().nullable());
const metricBlock = z.looseObject({ unit: z.string(), label: z.string(), total: numbers, by_segment: z.record(z.string(), numbers) });
const target = z.object({
  metric: z.string(),
  segment: z.string(),
  year: z.number(),
  target: z.number(),
  value: z.number(),
  met: z.boolean(),
  gap: z.number(),
  sense: z.enum(["at_least", "at_most"]),
  label: z.string(),
});
export const runDocumentSchema = z.object({
  scenario: z.string(),
  title: z.string(),
  counterfactual: z.string().nullable(),
  base_year: z.number(),
  end_year: z.number(),
  years: z.array(z.number()),
  targets: z.array(target),
  metrics: z.record(z.string(), metricBlock),
  difference: z.object({ metrics: z.record(z.string(), metricBlock) }).nullable(),
});
const keyFigure = z.object({ id: z.string(), label: z.string(), unit: z.string(), value: z.number().nullable() });
const verification = z.object({ targets: z.array(target), key_figures: z.array(keyFigure) });
const solveTarget = z.object({ metric: z.string(), segment: z.string(), year: z.number(), value: z.number() });
export const solveDocumentSchema = z.union([
  z.object({
    scenario: z.string(),
    lever: z.string(),
    lever_reason: z.string(),
    unit: z.string(),
    from_year: z.number(),
    bounds: z.tuple([z.number(), z.number()]),
    value: z.number(),
    target: solveTarget,
    achieved: z.number(),
    runs: z.number(),
    verification,
  }),
  z.object({
    scenario: z.string(),
    levers: z.array(z.string()),
    values: z.array(z.number()),
    units: z.array(z.string()),
    bounds: z.array(z.tuple([z.number(), z.number()])),
    target: solveTarget,
    achieved: z.number(),
    minimised: z.object({ metric: z.string(), from_year: z.number(), to_year: z.number(), value: z.number() }),
    runs: z.number(),
    verification,
  }),
]);
export const compareDocumentSchema = z.object({
  scenarios: z.array(z.string()),
  year: z.number(),
  figures: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      unit: z.string(),
      values: z.array(z.number().nullable()),
      difference_from_first: z.array(z.number().nullable()),
    }),
  ),
});
export const parameterSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  unit: z.string(),
  index: z.string().nullable(),
  interpolation: z.string(),
  provenance: z.enum(["sourced", "assumption", "sourced+assumption"]),
  values: z.record(z.string(), z.record(z.string(), z.number())),
  references: z.array(z.looseObject({})),
  file: z.string(),
});
export const scenarioSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  extends: z.string().nullable(),
  counterfactual: z.string().nullable(),
  base_year: z.number(),
  end_year: z.number(),
});
export const scenarioDetailSchema = scenarioSummarySchema.extend({ file: z.string(), document: z.looseObject({}), overrides: z.number() });
export const resultStampSchema = z.object({
  model_version: z.string(),
  data_hash: z.string(),
  computed_at: z.string(),
  stale: z.boolean().describe("computed by another model version or data pack: not the current answer"),
});
export const savedSchema = z.object({
  name: z.string(),
  notes: z.string(),
  scenario: z.looseObject({}),
  created_at: z.string(),
  updated_at: z.string(),
  result: resultStampSchema.extend({ key_figures: z.array(keyFigure) }).nullable(),
  stale_result: resultStampSchema.extend({ key_figures: z.array(keyFigure) }).nullable(),
  link: z.string().describe("the planner opened on this saved scenario"),
});
export const savedListSchema = z.object({
  saved: z.array(savedSchema.omit({ scenario: true, result: true, stale_result: true }).extend({ result: z.enum(["current", "stale", "none"]) })),
});
export const jobAcceptedSchema = z.object({ id: z.string(), status: z.literal("queued"), location: z.string() });
export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.number().min(0).max(1),
  result: z.looseObject({}).nullable().describe("the document `evplan uncertainty|sensitivity --format json` prints; null unless done and current"),
  stale_result: z.looseObject({}).nullable().describe("a result from another model version or data pack, kept for reference"),
  error: z.string().nullable(),
  model_version: z.string(),
  data_hash: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  field: z.string().optional().describe("the first offending field"),
  issues: z
    .array(z.object({ file: z.string(), line: z.number().optional(), column: z.number().optional(), field: z.string(), message: z.string() }))
    .optional(),
});
