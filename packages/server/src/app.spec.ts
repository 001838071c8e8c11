// Every endpoint through app.request() (no socket): answers equal to the CLI's documents, errors as problem
// documents naming the field with the CLI's messages, limits, saved scenarios, jobs, static files and headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { scenarioSchema } from "@evplan/core";
import { Validator } from "@seriousme/openapi-schema-validator";
import { REPO_ROOT } from "./config.js";
import { ROUTES } from "./openapi.js";
import {
  compareDocumentSchema,
  jobSchema,
  parameterSchema,
  problemSchema,
  runDocumentSchema,
  savedListSchema,
  savedSchema,
  scenarioDetailSchema,
  solveDocumentSchema,
} from "./schemas.js";
import { testApp } from "./testing.js";

const bin = join(REPO_ROOT, "packages/cli/bin/evplan.js");
function evplan(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: REPO_ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let t: ReturnType<typeof testApp>;
beforeAll(() => {
  t = testApp({ maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await t?.close();
});

const post = (path: string, body: unknown, method = "POST") =>
  t.app.request(path, { method, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return problemSchema.parse(await res.json());
}

/** The run document without the scenario's own name and title (the API's scenario is named in the body). */
const figures = (doc: Record<string, unknown>) => {
  const { scenario: _s, title: _t, ...rest } = doc;
  return rest;
};

describe("GET /api/v1/parameters and /scenarios", () => {
  it("parameters: the document `evplan params --format json` prints", async () => {
    const res = await t.app.request("/api/v1/parameters");
    expect(res.status).toBe(200);
    const body = z.array(parameterSchema).parse(await res.json());
    expect(body).toEqual(JSON.parse(evplan("params", "--format", "json").stdout));
    expect(body.length).toBeGreaterThan(50);
  });

  it("scenarios: every file in scenarios/, and one of them with its document", async () => {
    const list = (await (await t.app.request("/api/v1/scenarios")).json()) as { scenarios: { name: string; title: string }[] };
    expect(list.scenarios.map((s) => s.name)).toEqual(expect.arrayContaining(["reference", "nevp-2025-30", "nevp-2025-30-targets"]));
    const res = await t.app.request("/api/v1/scenarios/nevp-2025-30");
    expect(res.status).toBe(200);
    const one = scenarioDetailSchema.parse(await res.json());
    expect(one.document).toEqual(parse(readFileSync(join(REPO_ROOT, "scenarios/nevp-2025-30.yaml"), "utf8")));
    expect(one.counterfactual).toBe("reference");
    const missing = await problem(await t.app.request("/api/v1/scenarios/nosuch"), 404);
    expect(missing.detail).toMatch(/no scenario named "nosuch"/);
  });
});

describe("POST /api/v1/run", () => {
  it("returns the figures `evplan run nevp-2025-30 --format json` prints", async () => {
    const res = await post("/api/v1/run", { name: "x", extends: "nevp-2025-30" });
    expect(res.status).toBe(200);
    const doc = runDocumentSchema.parse(await res.json());
    const cli = JSON.parse(evplan("run", "nevp-2025-30", "--format", "json").stdout);
    expect(doc.scenario).toBe("x");
    expect(figures(doc)).toEqual(figures(cli));
  });

  it("an override moves the answer (a carbon levy lowers fuel use)", async () => {
    const base = (await (await post("/api/v1/run", { name: "x", extends: "nevp-2025-30" })).json()) as { metrics: { fuel_use: { total: number[] } } };
    const levy = (await (
      await post("/api/v1/run", { name: "x", extends: "nevp-2025-30", overrides: { "taxes.carbon_levy": { 2027: 60 } } })
    ).json()) as typeof base;
    expect(levy.metrics.fuel_use.total.at(-1)!).toBeLessThan(base.metrics.fuel_use.total.at(-1)!);
  });

  it("an invalid scenario is a 422 naming the field and line, with the CLI's message", async () => {
    const body = '{\n  "name": "x",\n  "extends": "nevp-2025-30",\n  "overrides": { "nosuch.parameter": 1 }\n}';
    const p = await problem(await post("/api/v1/run", body), 422);
    expect(p.field).toBe("overrides.nosuch.parameter");
    expect(p.issues![0]).toMatchObject({ file: "request body", line: 4, field: "overrides.nosuch.parameter" });
    // The same document as a file, through the CLI: the same message.
    const dir = mkdtempSync(join(tmpdir(), "evplan-api-"));
    const file = join(dir, "x.yaml");
    writeFileSync(file, "name: x\nextends: nevp-2025-30\noverrides:\n  nosuch.parameter: 1\n");
    const cli = evplan("validate", file);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(p.issues![0].message);
  });

  it("an unknown scenario to extend, a body that is not a scenario, malformed JSON", async () => {
    const p = await problem(await post("/api/v1/run", { name: "x", extends: "nosuch" }), 422);
    expect(p.field).toBe("extends");
    expect(p.detail).toMatch(/unknown scenario "nosuch"/);
    expect((await problem(await post("/api/v1/run", [1, 2]), 422)).detail).toMatch(/expected a scenario document/);
    expect((await problem(await post("/api/v1/run", '{"name": '), 400)).type).toMatch(/malformed-json/);
  });

  it("a body over the limit is a 413", async () => {
    const big = { name: "x", extends: "nevp-2025-30", description: "x".repeat(70 * 1024) };
    expect((await problem(await post("/api/v1/run", big), 413)).detail).toMatch(/larger than 65536 bytes/);
  });
});

describe("POST /api/v1/solve and /compare", () => {
  it("solve returns the document `evplan solve --format json` prints", async () => {
    const res = await post("/api/v1/solve", { scenario: "nevp-2025-30", target: "ev_sales_share:total:2030=0.30" });
    expect(res.status).toBe(200);
    const doc = solveDocumentSchema.parse(await res.json());
    expect(doc).toEqual(JSON.parse(evplan("solve", "nevp-2025-30", "--target", "ev_sales_share:total:2030=0.30", "--format", "json").stdout));
    expect("achieved" in doc && Math.abs(doc.achieved - 0.3)).toBeLessThan(1e-6);
  });

  it("a bad target names the field target", async () => {
    const p = await problem(await post("/api/v1/solve", { scenario: "nevp-2025-30", target: "nosuch:total:2030=1" }), 422);
    expect(p.field).toBe("target");
    expect(p.detail).toMatch(/unknown metric "nosuch"/);
    const q = await problem(await post("/api/v1/solve", { scenario: { name: "y", extends: "nosuch" }, target: "ev_sales_share:total:2030=0.3" }), 422);
    expect(q.field).toBe("scenario.extends");
    const r = await problem(await post("/api/v1/solve", { scenario: "nevp-2025-30", target: "ev_sales_share:total:2030=0.3", lever: 3 }), 422);
    expect(r.field).toBe("lever");
  });

  it("compare returns the document `evplan compare --format json` prints", async () => {
    const res = await post("/api/v1/compare", { scenarios: ["reference", "nevp-2025-30", "nevp-2025-30-targets"] });
    expect(res.status).toBe(200);
    const doc = compareDocumentSchema.parse(await res.json());
    expect(doc).toEqual(JSON.parse(evplan("compare", "reference", "nevp-2025-30", "nevp-2025-30-targets", "--format", "json").stdout));
    const p = await problem(await post("/api/v1/compare", { scenarios: ["reference"] }), 422);
    expect(p.field).toBe("scenarios");
    expect(p.detail).toMatch(/at least two/);
    const q = await problem(await post("/api/v1/compare", { scenarios: ["reference", { name: "z", extends: "reference", overrides: { "no.such": 1 } }] }), 422);
    expect(q.field).toBe("scenarios.1.overrides.no.such");
  });
});

describe("jobs", () => {
  it("an uncertainty job is queued, runs off the request thread, and gives the CLI's report", async () => {
    const res = await post("/api/v1/jobs", { kind: "uncertainty", scenario: "nevp-2025-30", samples: 16, seed: 3 });
    expect(res.status).toBe(202);
    const { id, location } = (await res.json()) as { id: string; location: string };
    expect(res.headers.get("location")).toBe(location);
    let job: z.infer<typeof jobSchema>;
    for (;;) {
      job = jobSchema.parse(await (await t.app.request(location)).json());
      if (job.status === "done" || job.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job.id).toBe(id);
    expect(job.status).toBe("done");
    expect(job.progress).toBe(1);
    const cli = JSON.parse(evplan("uncertainty", "nevp-2025-30", "--samples", "16", "--seed", "3", "--threads", "1", "--format", "json").stdout);
    expect(job.result).toEqual(cli);
  });

  it("a sensitivity job, and bad jobs are 422s naming the field", async () => {
    const res = await post("/api/v1/jobs", { kind: "sensitivity", scenario: "nevp-2025-30", metric: "ev_sales_share:total:2030", method: "tornado" });
    expect(res.status).toBe(202);
    expect((await problem(await post("/api/v1/jobs", { kind: "nosuch", scenario: "reference" }), 422)).field).toBe("kind");
    expect((await problem(await post("/api/v1/jobs", { kind: "uncertainty", scenario: "reference", samples: 0 }), 422)).field).toBe("samples");
    const big = await problem(await post("/api/v1/jobs", { kind: "uncertainty", scenario: "reference", samples: 1_000_000 }), 422);
    expect(big.field).toBe("samples");
    expect(big.detail).toMatch(/at most 50000/);
    expect((await problem(await post("/api/v1/jobs", { kind: "sensitivity", scenario: "reference", metric: "x:y" }), 422)).field).toBe("metric");
    expect((await problem(await t.app.request("/api/v1/jobs/nosuch"), 404)).type).toMatch(/not-found/);
  });

  it("a stored result from another model version is marked stale, never served as current", async () => {
    t.store.insertJob("old-job", "uncertainty", {}, { modelVersion: "0.0.1+old", dataHash: t.ctx.stamp.dataHash });
    t.store.setJob("old-job", { status: "done", progress: 1, result: JSON.stringify({ answer: 1 }) });
    const job = jobSchema.parse(await (await t.app.request("/api/v1/jobs/old-job")).json());
    expect(job.result).toBeNull();
    expect(job.stale_result).toEqual({ answer: 1 });
    t.store.insertJob("new-job", "uncertainty", {}, t.ctx.stamp);
    t.store.setJob("new-job", { status: "done", progress: 1, result: JSON.stringify({ answer: 2 }) });
    expect(jobSchema.parse(await (await t.app.request("/api/v1/jobs/new-job")).json()).result).toEqual({ answer: 2 });
  });
});

describe("saved scenarios", () => {
  const scenario = { name: "ignored", extends: "nevp-2025-30", overrides: { "taxes.carbon_levy": { 2027: 10, 2030: 30 } } };

  it("create, list, read, rename, change, delete", async () => {
    const created = await post("/api/v1/saved", { name: "levy-a", notes: "first", scenario });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/v1/saved/levy-a");
    const a = savedSchema.parse(await created.json());
    // The saved name is the scenario's name, so an export is a valid file as it stands.
    expect(a.scenario).toMatchObject({ name: "levy-a", extends: "nevp-2025-30" });
    expect(a.result!.stale).toBe(false);
    expect(a.result!.model_version).toBe(t.ctx.stamp.modelVersion);
    expect(a.link).toBe("/#saved=levy-a");
    // The stored figures are the run's.
    const run = (await (await post("/api/v1/run", { ...scenario, name: "levy-a" })).json()) as { metrics: { ev_sales_share: { total: number[] } } };
    expect(a.result!.key_figures[0].value).toBeCloseTo(run.metrics.ev_sales_share.total[2030 - 2025], 12);

    expect((await problem(await post("/api/v1/saved", { name: "levy-a", scenario }), 409)).field).toBe("name");
    const list = savedListSchema.parse(await (await t.app.request("/api/v1/saved")).json());
    expect(list.saved.find((s) => s.name === "levy-a")).toMatchObject({ notes: "first", result: "current" });

    await new Promise((r) => setTimeout(r, 5));
    const renamed = await post("/api/v1/saved/levy-a", { name: "levy-b", notes: "second" }, "PUT");
    expect(renamed.status).toBe(200);
    const b = savedSchema.parse(await renamed.json());
    expect(b).toMatchObject({ name: "levy-b", notes: "second", created_at: a.created_at });
    expect(b.scenario).toMatchObject({ name: "levy-b" });
    expect(b.updated_at > a.updated_at).toBe(true);
    expect((await t.app.request("/api/v1/saved/levy-a")).status).toBe(404);

    const changed = savedSchema.parse(
      await (await post("/api/v1/saved/levy-b", { scenario: { ...scenario, overrides: { "taxes.carbon_levy": { 2027: 80 } } } }, "PUT")).json(),
    );
    expect(changed.result!.key_figures[0].value!).toBeGreaterThan(b.result!.key_figures[0].value!);
    const bad = await problem(await post("/api/v1/saved/levy-b", { scenario: { ...scenario, overrides: { "no.such": 1 } } }, "PUT"), 422);
    expect(bad.field).toBe("scenario.overrides.no.such");

    expect((await t.app.request("/api/v1/saved/levy-b", { method: "DELETE" })).status).toBe(204);
    expect((await t.app.request("/api/v1/saved/levy-b", { method: "DELETE" })).status).toBe(404);
  });

  it("names: a built-in scenario's name and malformed names are refused", async () => {
    expect((await problem(await post("/api/v1/saved", { name: "nevp-2025-30", scenario }), 422)).detail).toMatch(/built-in scenario/);
    expect((await problem(await post("/api/v1/saved", { name: "Bad Name", scenario }), 422)).field).toBe("name");
    expect((await problem(await post("/api/v1/saved", { name: "ok", scenario: { extends: "nosuch" } }), 422)).field).toBe("scenario.extends");
  });

  it("a result from an older model is recomputed before it is served, the old one returned as stale", async () => {
    await post("/api/v1/saved", { name: "aging", scenario });
    t.store.db
      .prepare("UPDATE saved SET model_version = '0.0.1+old', result = ? WHERE name = 'aging'")
      .run(JSON.stringify([{ id: "x", label: "x", unit: "x", value: 42 }]));
    expect(savedListSchema.parse(await (await t.app.request("/api/v1/saved")).json()).saved.find((s) => s.name === "aging")!.result).toBe("stale");
    const got = savedSchema.parse(await (await t.app.request("/api/v1/saved/aging")).json());
    expect(got.result!.model_version).toBe(t.ctx.stamp.modelVersion);
    expect(got.result!.key_figures[0].value).not.toBe(42);
    expect(got.stale_result).toMatchObject({ model_version: "0.0.1+old", stale: true });
    expect(got.stale_result!.key_figures[0].value).toBe(42);
  });
});

describe("the planner, methods, headers, documents", () => {
  it("serves the built planner with security headers, GET and HEAD only", async () => {
    const res = await t.app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/<div id="root">|<script/);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const head = await t.app.request("/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await t.app.request("/index.html", { method });
      expect(r.status).toBe(405);
      expect(r.headers.get("allow")).toBe("GET, HEAD");
    }
  });

  it("malformed paths are a 400, paths outside the build a 404, never a crash", async () => {
    for (const path of ["/%", "/%E0%A4%A", "/a%00b"]) expect((await problem(await t.app.request(path), 400)).type).toMatch(/bad-request/);
    for (const path of ["/..%2f..%2fpackage.json", "/../../package.json", "/nosuch.js"]) expect((await t.app.request(path)).status).toBe(404);
    expect((await t.app.request("/")).status).toBe(200);
  });

  it("API: unknown endpoints 404, wrong methods 405 with Allow", async () => {
    expect((await problem(await t.app.request("/api/v1/nosuch"), 404)).detail).toMatch(/reference/);
    const r = await t.app.request("/api/v1/run");
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("POST");
    expect((await t.app.request("/api/v1/saved/x", { method: "PATCH" })).headers.get("allow")).toBe("GET, PUT, DELETE, HEAD");
  });

  it("OpenAPI 3.1 from the zod schemas, with every route, and a rendered reference page", async () => {
    const doc = (await (await t.app.request("/api/v1/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const r of ROUTES) expect(doc.paths[r.path]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
    const { $schema: _drop, ...scenarioJson } = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    expect(doc.components.schemas.Scenario).toEqual(scenarioJson);
    const html = await (await t.app.request("/api/v1/reference")).text();
    for (const r of ROUTES) expect(html).toContain(`${r.method.toUpperCase()} ${r.path}`);
    expect(html).toContain("curl -X POST http://127.0.0.1:8080/api/v1/run");
    expect(html).not.toMatch(/<script|https?:\/\/cdn/);
  });

  it("the OpenAPI document validates as OpenAPI 3.1 (against the specification's JSON Schema)", async () => {
    const doc = await (await t.app.request("/api/v1/openapi.json")).json();
    const validator = new Validator();
    const r = await validator.validate(doc);
    expect(r.errors ?? []).toEqual([]);
    expect(r.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("every request example in the OpenAPI document is answered with its documented success status", async () => {
    for (const r of ROUTES.filter((x) => x.example !== undefined && x.method !== "put")) {
      const res = await post(r.path, r.example, r.method.toUpperCase());
      const ok = Object.keys(r.responses)
        .map(Number)
        .filter((c) => c < 300);
      expect(ok, `${r.method} ${r.path}: ${res.status} ${res.status >= 300 ? await res.text() : ""}`).toContain(res.status);
    }
  });

  it("health names the model version, data pack and job backend", async () => {
    const h = (await (await t.app.request("/api/v1/health")).json()) as Record<string, unknown>;
    expect(h).toMatchObject({ status: "ok", model_version: t.ctx.stamp.modelVersion, data_hash: t.ctx.stamp.dataHash, jobs: { backend: "in-process" } });
  });
});

describe("limits", () => {
  it("a full job queue is a 429 with Retry-After", async () => {
    const s = testApp({ maxQueuedJobs: 0, computeThreads: 1 });
    try {
      const res = await s.app.request("/api/v1/jobs", { method: "POST", body: JSON.stringify({ kind: "uncertainty", scenario: "reference", samples: 4 }) });
      const p = await problem(res, 429);
      expect(p.type).toMatch(/too-many-jobs/);
      expect(res.headers.get("retry-after")).toBe("30");
    } finally {
      await s.close();
    }
  });

  it("a request over the time limit is a 503, and the server answers the next one", async () => {
    const s = testApp({ computeThreads: 1, requestTimeoutMs: 1 });
    try {
      const body = JSON.stringify({
        scenario: "nevp-2025-30",
        target: "ev_sales_share:total:2030=0.30",
        minimise: true,
        levers: ["policy.subsidy_scale", "taxes.carbon_levy"],
      });
      const p = await problem(await s.app.request("/api/v1/solve", { method: "POST", body }), 503);
      expect(p.type).toMatch(/timeout/);
      expect((await s.app.request("/api/v1/parameters")).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("the HTTP thread answers while a long solve computes", async () => {
    const body = JSON.stringify({
      scenario: "nevp-2025-30",
      target: "ev_sales_share:total:2030=0.30",
      minimise: true,
      levers: ["policy.subsidy_scale", "taxes.carbon_levy"],
    });
    const order: string[] = [];
    await t.compute.whenReady();
    const solve = Promise.resolve(t.app.request("/api/v1/solve", { method: "POST", body })).then((r) => {
      order.push("solve");
      return r;
    });
    await new Promise((r) => setTimeout(r, 20));
    const page = await t.app.request("/");
    order.push("page");
    const health = await t.app.request("/api/v1/health");
    order.push("health");
    expect(page.status).toBe(200);
    expect(((await health.json()) as { compute: { busy: number } }).compute.busy).toBe(1);
    expect((await solve).status).toBe(200);
    expect(order).toEqual(["page", "health", "solve"]);
  });

  it("when every compute thread is busy and the queue is full, a 503 at once", async () => {
    const s = testApp({ computeThreads: 1, maxPending: 0 });
    try {
      // Wait until the one thread is ready, so the first request starts at once.
      await s.compute.whenReady();
      const body = JSON.stringify({ scenario: "nevp-2025-30", target: "ev_sales_share:total:2030=0.30" });
      const [a, b] = await Promise.all([s.app.request("/api/v1/solve", { method: "POST", body }), s.app.request("/api/v1/solve", { method: "POST", body })]);
      expect([a.status, b.status].sort()).toEqual([200, 503]);
      const busy = a.status === 503 ? a : b;
      expect(busy.headers.get("retry-after")).toBe("1");
      expect(((await busy.json()) as { type: string }).type).toMatch(/busy/);
    } finally {
      await s.close();
    }
  });
});
