// docs/library.md's example runs as written, from the repository root, through the package's published entries
// (`@evplan/core` and `@evplan/core/node`, the built files), and prints what the model gives.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { metricValue } from "../index.js";
import { openModel } from "./index.js";

const root = join(import.meta.dirname, "..", "..", "..", "..");

describe("docs/library.md", () => {
  it("its example runs and prints the model's figures", () => {
    const md = readFileSync(join(root, "docs", "library.md"), "utf8");
    const code = /```js\n([\s\S]*?)```/.exec(md)![1];
    const r = spawnSync(process.execPath, ["--input-type=module"], { cwd: root, input: code, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const { model, pack } = openModel({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
    const run = model.run("nevp-2025-30");
    expect(lines[0]).toEqual({ scenario: "nevp-2025-30", ev_sales_share_2030: metricValue(run.main, "ev_sales_share", "total", 2030), data_pack: pack.hash });
    expect(lines.filter((l) => l.scenario === "my-levy" && "id" in l)).toHaveLength(3);
    expect(lines.at(-1)).toMatchObject({ scenario: "my-levy", years: 36 });
  });
});
