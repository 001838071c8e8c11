// The HTTP application (hono): the JSON API under /api/v1 and the built web planner, with security headers on
// every answer and problem documents for every error. Computation goes to the thread pools; this thread only routes,
// reads the database and serves files, so it answers even while a solve runs.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { paramsDocument, type KeyFigure } from "@evplan/core";
import type { JobQueue } from "./jobs.js";
import type { ComputeContext } from "./ops.js";
import { openApiDocument, ROUTES } from "./openapi.js";
import type { ThreadPool } from "./pool.js";
import { Problem, toProblem } from "./problem.js";
import { referencePage } from "./reference.js";
import { SAVED_NAME } from "./schemas.js";
import { decodePath, type StaticFiles } from "./static.js";
import { StoreConflict, type SavedRow, type Store } from "./store.js";

export interface AppDeps {
  /** The main thread's model: for the parameter and scenario listings (cheap, computed once). */
  readonly ctx: ComputeContext;
  readonly compute: ThreadPool;
  readonly jobs: JobQueue;
  readonly store: Store;
  readonly web: StaticFiles;
  readonly limits: { readonly maxBodyBytes: number; readonly requestTimeoutMs: number };
  readonly version?: string;
}

/**
 * Content-Security-Policy of the planner: its own scripts and workers only, inline styles (ECharts positions its
 * tooltips with them), images from data: and blob: (chart export), no framing, no plug-ins, no base tag.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

const JSON_TYPE = "application/json; charset=utf-8";

export function problemResponse(p: Problem): Response {
  return new Response(JSON.stringify(p.body), { status: p.body.status, headers: { "content-type": "application/problem+json", ...p.headers } });
}

const json = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": JSON_TYPE, ...headers } });

const notFound = (what: string) => new Problem(404, "not-found", "Not found", what);

interface StoredResult {
  key_figures: KeyFigure[];
  model_version: string;
  data_hash: string;
  computed_at: string;
  stale: boolean;
}

export function createApp(deps: AppDeps): Hono {
  const { ctx, compute, jobs, store, web, limits } = deps;
  const stamp = ctx.stamp;
  const app = new Hono();
  const version = deps.version ?? "0.1.0";

  // Computed once: these depend only on the data pack and the scenario files read at start.
  const parametersJson = JSON.stringify(paramsDocument(ctx.model.registry));
  const scenarios = ctx.scenarioNames.map((name) => {
    const c = ctx.model.compile(name);
    const doc = ctx.lookup(name)!.data as Record<string, unknown>;
    return {
      summary: {
        name,
        title: c.title,
        description: c.description,
        extends: typeof doc.extends === "string" ? doc.extends : null,
        counterfactual: c.counterfactual,
        base_year: c.baseYear,
        end_year: c.endYear,
      },
      file: ctx.lookup(name)!.file,
      document: doc,
      overrides: c.overrides.length,
    };
  });
  const openapi = openApiDocument({ version, modelVersion: stamp.modelVersion, dataHash: stamp.dataHash });
  const openapiJson = JSON.stringify(openapi);
  const referenceHtml = referencePage(openapi);

  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });

  app.onError((e) => {
    const p = toProblem(e);
    if (p.body.status >= 500 && !(e instanceof Problem)) console.error("evplan server: internal error:", e);
    return problemResponse(p);
  });

  const limitBody = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: () =>
      problemResponse(
        new Problem(
          413,
          "payload-too-large",
          "Payload too large",
          `the body is larger than ${limits.maxBodyBytes} bytes, the most this server accepts (EVPLAN_MAX_BODY_BYTES)`,
        ),
      ),
  });
  app.use("/api/*", async (c, next) => {
    if (c.req.method === "POST" || c.req.method === "PUT") return limitBody(c, next);
    return next();
  });

  /** Compute on the pool with the request's time limit. */
  const calc = (task: Parameters<ThreadPool["exec"]>[0]) => compute.exec(task, { timeoutMs: limits.requestTimeoutMs });

  const v1 = "/api/v1";
  app.get(`${v1}/parameters`, () => json(parametersJson));
  app.get(`${v1}/scenarios`, () => json(JSON.stringify({ scenarios: scenarios.map((s) => s.summary) })));
  app.get(`${v1}/scenarios/:name`, (c) => {
    const s = scenarios.find((x) => x.summary.name === c.req.param("name"));
    if (!s) throw notFound(`no scenario named "${c.req.param("name")}"; GET ${v1}/scenarios lists them`);
    return json(JSON.stringify({ ...s.summary, file: s.file, document: s.document, overrides: s.overrides }));
  });

  for (const op of ["run", "solve", "compare"] as const) {
    app.post(`${v1}/${op}`, async (c) => json(await calc({ op, text: await c.req.text() })));
  }

  app.post(`${v1}/jobs`, async (c) => {
    const text = await c.req.text();
    const checked = JSON.parse(await calc({ op: "checkJob", text })) as { kind: "uncertainty" | "sensitivity" };
    const id = await jobs.submit(checked.kind, text);
    const location = `${v1}/jobs/${id}`;
    return json(JSON.stringify({ id, status: "queued", location }), 202, { location });
  });
  app.get(`${v1}/jobs/:id`, async (c) => {
    const job = await jobs.get(c.req.param("id"));
    if (!job) throw notFound(`no job with id "${c.req.param("id")}"`);
    return json(JSON.stringify(job));
  });

  // Saved scenarios.

  const link = (name: string) => `/#saved=${encodeURIComponent(name)}`;
  const storedResult = (row: SavedRow): StoredResult | null =>
    row.result === null
      ? null
      : {
          key_figures: JSON.parse(row.result) as KeyFigure[],
          model_version: row.model_version!,
          data_hash: row.data_hash!,
          computed_at: row.result_at!,
          stale: row.model_version !== stamp.modelVersion || row.data_hash !== stamp.dataHash,
        };
  const listed = (row: ReturnType<Store["listSaved"]>[number]) => {
    const state = !row.has_result ? "none" : row.model_version !== stamp.modelVersion || row.data_hash !== stamp.dataHash ? "stale" : "current";
    return { name: row.name, notes: row.notes, created_at: row.created_at, updated_at: row.updated_at, result: state, link: link(row.name) };
  };
  const full = (row: SavedRow, staleResult: StoredResult | null = null) => {
    const r = storedResult(row);
    return {
      name: row.name,
      notes: row.notes,
      scenario: JSON.parse(row.scenario) as unknown,
      created_at: row.created_at,
      updated_at: row.updated_at,
      result: r && !r.stale ? r : null,
      stale_result: r && r.stale ? r : staleResult,
      link: link(row.name),
    };
  };
  const savedName = (c: Context) => {
    const name = c.req.param("name") ?? "";
    if (!SAVED_NAME.test(name)) throw notFound(`no saved scenario named "${name}"`);
    return name;
  };
  const conflict = (e: unknown) => {
    if (e instanceof StoreConflict) {
      const missing = e.message.startsWith("no ");
      return new Problem(missing ? 404 : 409, missing ? "not-found" : "conflict", missing ? "Not found" : "Conflict", e.message, {
        field: missing ? undefined : "name",
      });
    }
    return e;
  };
  type Checked = { name?: string; notes?: string; scenario?: unknown; key_figures?: KeyFigure[] };

  app.post(`${v1}/saved`, async (c) => {
    const checked = JSON.parse(await calc({ op: "checkSaved", text: await c.req.text(), mode: "create" })) as Checked;
    let row: SavedRow;
    try {
      row = store.createSaved(checked.name!, checked.notes ?? "", checked.scenario, { json: JSON.stringify(checked.key_figures), stamp });
    } catch (e) {
      throw conflict(e);
    }
    return json(JSON.stringify(full(row)), 201, { location: `${v1}/saved/${row.name}` });
  });
  app.get(`${v1}/saved`, () => json(JSON.stringify({ saved: store.listSaved().map(listed) })));
  app.get(`${v1}/saved/:name`, async (c) => {
    const name = savedName(c);
    let row = store.getSaved(name);
    if (!row) throw notFound(`no saved scenario named "${name}"`);
    const before = storedResult(row);
    if (before === null || before.stale) {
      // Never serve an old model's figures as current: run the scenario again on this model and data pack.
      try {
        const figures = await calc({ op: "figures", text: row.scenario, name });
        store.refreshSavedResult(name, figures, stamp);
        row = store.getSaved(name) ?? row;
      } catch (e) {
        // The scenario no longer runs (for example a parameter left the data pack): keep the old result, marked.
        if (!(e instanceof Problem) || e.body.status !== 422) throw e;
        return json(JSON.stringify({ ...full(row), error: e.body }));
      }
    }
    return json(JSON.stringify(full(row, before?.stale ? before : null)));
  });
  app.put(`${v1}/saved/:name`, async (c) => {
    const name = savedName(c);
    const existing = store.getSaved(name);
    if (!existing) throw notFound(`no saved scenario named "${name}"`);
    const text = await c.req.text();
    const checked = JSON.parse(await calc({ op: "checkSaved", text, mode: "update", name })) as Checked;
    let scenario = checked.scenario;
    // A rename alone keeps the document, whose name follows the saved name.
    if (scenario === undefined && checked.name && checked.name !== name) scenario = { ...(JSON.parse(existing.scenario) as object), name: checked.name };
    let row: SavedRow;
    try {
      row = store.updateSaved(name, {
        name: checked.name,
        notes: checked.notes,
        scenario,
        result: checked.key_figures ? { json: JSON.stringify(checked.key_figures), stamp } : undefined,
      });
    } catch (e) {
      throw conflict(e);
    }
    return json(JSON.stringify(full(row)));
  });
  app.delete(`${v1}/saved/:name`, (c) => {
    const name = savedName(c);
    if (!store.deleteSaved(name)) throw notFound(`no saved scenario named "${name}"`);
    return new Response(null, { status: 204 });
  });

  app.get(`${v1}/health`, async () =>
    json(
      JSON.stringify({
        status: "ok",
        model_version: stamp.modelVersion,
        data_hash: stamp.dataHash,
        jobs: { backend: jobs.backend, ...(await jobs.stats()) },
        compute: compute.stats(),
        memory_rss_bytes: process.memoryUsage.rss(),
      }),
    ),
  );
  app.get(`${v1}/openapi.json`, () => json(openapiJson));
  app.get(`${v1}/reference`, () => new Response(referenceHtml, { headers: { "content-type": "text/html; charset=utf-8" } }));
  app.get(v1, (c) => c.redirect(`${v1}/reference`));

  // Any other method on a known API path is a 405 naming the allowed ones.
  const allowed = new Map<string, Set<string>>();
  for (const r of ROUTES) {
    const p = r.path.replace(/\{(\w+)\}/g, ":$1");
    if (!allowed.has(p)) allowed.set(p, new Set());
    allowed.get(p)!.add(r.method.toUpperCase());
  }
  for (const [path, methods] of allowed) {
    if (methods.has("GET")) methods.add("HEAD");
    app.all(path, () => {
      const allow = [...methods].join(", ");
      return problemResponse(new Problem(405, "method-not-allowed", "Method not allowed", `allowed: ${allow}`, { headers: { allow } }));
    });
  }
  app.all("/api/*", (c) => problemResponse(notFound(`no API endpoint ${c.req.method} ${new URL(c.req.url).pathname}; see ${v1}/reference`)));

  // The planner: static files, GET and HEAD only.
  app.all("*", (c) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      return problemResponse(
        new Problem(405, "method-not-allowed", "Method not allowed", "the planner's files allow GET and HEAD", { headers: { allow: "GET, HEAD" } }),
      );
    }
    const raw = new URL(c.req.url).pathname;
    const path = decodePath(raw);
    if (path === undefined) return problemResponse(new Problem(400, "bad-request", "Bad request", `the path "${raw}" is not valid percent-encoding`));
    if (!web.available) return problemResponse(notFound("the web planner is not built: run npm run build:web (npm start does)"));
    const file = web.lookup(path);
    if (!file) return problemResponse(notFound(`no file ${path}`));
    const headers = {
      "content-type": file.type,
      "content-length": String(file.body.byteLength),
      "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    };
    return new Response(method === "HEAD" ? null : file.body, { headers });
  });

  return app;
}
