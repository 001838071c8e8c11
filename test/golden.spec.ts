// Golden outputs of the shipped scenarios: a change to any result must be intended, regenerated with
// `npm run golden`, and committed with its reason.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { goldenDocument } from "@evplan/core";
import { makeContext } from "../packages/cli/src/context.js";

const root = join(import.meta.dirname, "..");
const ctx = await makeContext({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
const names = readdirSync(join(root, "scenarios"))
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.replace(/\.yaml$/, ""));

function close(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === "number") {
    const a = actual as number;
    const tol = 1e-9 * Math.max(1, Math.abs(expected));
    expect(Math.abs(a - expected), `${path}: ${a} differs from golden ${expected}`).toBeLessThanOrEqual(tol);
  } else if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => close((actual as unknown[])[i], e, `${path}[${i}]`));
  } else if (expected && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const k of Object.keys(expected)) close((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describe("golden outputs of the shipped scenarios", () => {
  it("has a golden file for every shipped scenario", () => {
    const golden = readdirSync(join(root, "test/golden")).map((f) => f.replace(/\.json$/, ""));
    expect(golden.sort()).toEqual([...names].sort());
  });
  for (const name of names) {
    it(`${name} reproduces its golden figures`, () => {
      const expected = JSON.parse(readFileSync(join(root, "test/golden", `${name}.json`), "utf8"));
      close(JSON.parse(JSON.stringify(goldenDocument(ctx.model.run(name)))), expected, name);
    });
  }
});
