// The OpenAPI 3.1 document of the API, generated from the zod schemas that validate the requests (schemas.ts), and
// the table of routes it is built from.
import { z } from "zod";
import { scenarioSchema } from "@evplan/core";
import { PROBLEM_TYPES } from "./problem.js";
import {
  compareDocumentSchema,
  compareRequest,
  jobAcceptedSchema,
  jobSchema,
  parameterSchema,
  problemSchema,
  runDocumentSchema,
  savedCreate,
  savedListSchema,
  savedSchema,
  savedUpdate,
  scenarioDetailSchema,
  scenarioSummarySchema,
  sensitivityJob,
  solveDocumentSchema,
  solveRequest,
  uncertaintyJob,
} from "./schemas.js";

// In the document, a scenario is a reference to one component, not the whole schema repeated in every request.
const REF = "@ref:";
const scenarioRef = z.looseObject({}).describe(`${REF}ScenarioRef`);
const scenarioDoc = z.looseObject({}).describe(`${REF}Scenario`);

export interface Route {
  readonly method: "get" | "post" | "put" | "delete";
  /** OpenAPI path, `{name}` for parameters. */
  readonly path: string;
  readonly id: string;
  readonly summary: string;
  readonly description?: string;
  readonly request?: z.ZodType;
  /** A curl example's body. */
  readonly example?: unknown;
  readonly responses: Record<number, { description: string; schema?: z.ZodType; type?: string }>;
}

const problems = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      c,
      {
        description:
          {
            400: "malformed JSON or URL",
            404: "not found",
            409: "the name is taken",
            413: "body too large",
            422: "invalid input: the issues name file, line and field",
            429: "too many jobs queued",
            503: "busy, or over the time limit",
          }[c] ?? "error",
        schema: problemSchema,
        type: "application/problem+json",
      },
    ]),
  );

export const ROUTES: readonly Route[] = [
  {
    method: "get",
    path: "/api/v1/parameters",
    id: "listParameters",
    summary: "Every parameter of the data pack",
    description: "The document `evplan params --format json` prints: values, unit, references, provenance, uncertainty, lever range.",
    responses: { 200: { description: "the parameters, sorted by name", schema: z.array(parameterSchema) } },
  },
  {
    method: "get",
    path: "/api/v1/scenarios",
    id: "listScenarios",
    summary: "The built-in scenarios",
    responses: { 200: { description: "one summary per scenario file", schema: z.object({ scenarios: z.array(scenarioSummarySchema) }) } },
  },
  {
    method: "get",
    path: "/api/v1/scenarios/{name}",
    id: "getScenario",
    summary: "One built-in scenario: its file as a document, and what it resolves to",
    responses: { 200: { description: "the scenario", schema: scenarioDetailSchema }, ...problems(404) },
  },
  {
    method: "post",
    path: "/api/v1/run",
    id: "run",
    summary: "Run a scenario and its counterfactual",
    description: "The body is a scenario document with the keys of a scenario file; the answer is the document `evplan run --format json` prints.",
    request: scenarioDoc,
    example: { name: "x", extends: "nevp-2025-30" },
    responses: {
      200: { description: "every metric by year, segment and breakdown, targets, difference", schema: runDocumentSchema },
      ...problems(400, 413, 422, 503),
    },
  },
  {
    method: "post",
    path: "/api/v1/solve",
    id: "solve",
    summary: "The lever value that hits a target, or the least-cost mix of levers",
    description: "The fields are `evplan solve`'s flags; the answer is the document `evplan solve --format json` prints.",
    request: solveRequest(scenarioRef),
    example: { scenario: "nevp-2025-30", target: "ev_sales_share:total:2030=0.30" },
    responses: { 200: { description: "the lever value (or mix) and a verification run", schema: solveDocumentSchema }, ...problems(400, 413, 422, 503) },
  },
  {
    method: "post",
    path: "/api/v1/compare",
    id: "compare",
    summary: "Key figures of several scenarios side by side",
    description: "The answer is the document `evplan compare --format json` prints.",
    request: compareRequest(scenarioRef),
    example: {
      scenarios: ["reference", "nevp-2025-30", { name: "levy", extends: "nevp-2025-30", overrides: { "taxes.carbon_levy": { 2027: 10, 2030: 30 } } }],
    },
    responses: { 200: { description: "figures with differences from the first scenario", schema: compareDocumentSchema }, ...problems(400, 413, 422, 503) },
  },
  {
    method: "post",
    path: "/api/v1/jobs",
    id: "submitJob",
    summary: "Queue an uncertainty (Monte Carlo) or sensitivity (tornado, Sobol) sweep",
    description:
      "Validated at once (a bad job is a 422), then run by a worker: a thread pool in this process, or BullMQ worker processes when the server has REDIS_URL. The result is the document `evplan uncertainty|sensitivity --format json` prints.",
    request: z.discriminatedUnion("kind", [uncertaintyJob(scenarioRef), sensitivityJob(scenarioRef)]),
    example: { kind: "uncertainty", scenario: "nevp-2025-30", samples: 200 },
    responses: { 202: { description: "queued; poll the location", schema: jobAcceptedSchema }, ...problems(400, 413, 422, 429, 503) },
  },
  {
    method: "get",
    path: "/api/v1/jobs/{id}",
    id: "getJob",
    summary: "A job's status, progress and result",
    responses: { 200: { description: "the job", schema: jobSchema }, ...problems(404) },
  },
  {
    method: "post",
    path: "/api/v1/saved",
    id: "createSaved",
    summary: "Save a scenario under a name",
    description: "The scenario is validated and run; its key figures are stored with the model version and data-pack hash that made them.",
    request: savedCreate(scenarioDoc),
    example: {
      name: "my-levy",
      notes: "carbon levy from FY2027",
      scenario: { name: "my-levy", extends: "nevp-2025-30", overrides: { "taxes.carbon_levy": { 2027: 10 } } },
    },
    responses: { 201: { description: "saved", schema: savedSchema }, ...problems(400, 409, 413, 422, 503) },
  },
  {
    method: "get",
    path: "/api/v1/saved",
    id: "listSaved",
    summary: "Every saved scenario (without its document)",
    responses: { 200: { description: "sorted by name", schema: savedListSchema } },
  },
  {
    method: "get",
    path: "/api/v1/saved/{name}",
    id: "getSaved",
    summary: "A saved scenario with its key figures",
    description:
      "A stored result from another model version or data pack is never served as current: it is recomputed, and the old one is returned as `stale_result`.",
    responses: { 200: { description: "the saved scenario", schema: savedSchema }, ...problems(404) },
  },
  {
    method: "put",
    path: "/api/v1/saved/{name}",
    id: "updateSaved",
    summary: "Change a saved scenario's notes or document, or rename it",
    request: savedUpdate(scenarioDoc),
    example: { name: "my-levy-2", notes: "renamed" },
    responses: { 200: { description: "the saved scenario after the change", schema: savedSchema }, ...problems(400, 404, 409, 413, 422, 503) },
  },
  {
    method: "delete",
    path: "/api/v1/saved/{name}",
    id: "deleteSaved",
    summary: "Delete a saved scenario",
    responses: { 204: { description: "deleted" }, ...problems(404) },
  },
  {
    method: "get",
    path: "/api/v1/health",
    id: "health",
    summary: "Model version, data-pack hash, job backend and load",
    responses: {
      200: { description: "the server's state", schema: z.looseObject({ status: z.literal("ok"), model_version: z.string(), data_hash: z.string() }) },
    },
  },
];

type Json = Record<string, unknown>;

/** Replace the marked stand-ins by references to the shared components. */
function withRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withRefs);
  if (node && typeof node === "object") {
    const o = node as Json;
    if (typeof o.description === "string" && o.description.startsWith(REF)) return { $ref: `#/components/schemas/${o.description.slice(REF.length)}` };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withRefs(v)]));
  }
  return node;
}

const jsonSchema = (s: z.ZodType, io: "input" | "output") => {
  const j = withRefs(z.toJSONSchema(s, { io, unrepresentable: "any" })) as Json;
  delete j.$schema;
  return j;
};

export function openApiDocument(info: { version: string; modelVersion: string; dataHash: string }): Json {
  const paths: Record<string, Json> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const op: Json = {
      operationId: r.id,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(params.length ? { parameters: params } : {}),
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([code, resp]) => [
          code,
          {
            description: resp.description,
            ...(resp.schema ? { content: { [resp.type ?? "application/json"]: { schema: jsonSchema(resp.schema, "output") } } } : {}),
          },
        ]),
      ),
    };
    if (r.request)
      op.requestBody = {
        required: true,
        content: { "application/json": { schema: jsonSchema(r.request, "input"), ...(r.example ? { example: r.example } : {}) } },
      };
    (paths[r.path] ??= {})[r.method] = op;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "evplan API",
      version: info.version,
      description: `The evplan model of Pakistan's electric-vehicle transition over HTTP. Model ${info.modelVersion}, data pack ${info.dataHash}. Errors are application/problem+json (RFC 9457).`,
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: {
        ScenarioRef: { oneOf: [{ type: "string", description: "name of a built-in scenario" }, { $ref: "#/components/schemas/Scenario" }] },
        Scenario: jsonSchema(scenarioSchema, "input"),
        Problem: jsonSchema(problemSchema, "output"),
      },
    },
    "x-problem-types": PROBLEM_TYPES,
  };
}
