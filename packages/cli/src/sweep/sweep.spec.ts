// Sweeps as a user runs them: threads and shards never change the result; merge refuses what does not belong.
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseShard } from "./shard.js";
// @ts-expect-error: a plain ESM helper shared with the benchmark
import { writeSyntheticPack } from "../../../../bench/synthetic-pack.mjs";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const bin = join(root, "packages/cli/bin/evplan.js");
let pack: { data: string; scenarios: string; scenario: string };
let dir: string;

function evplan(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args, "--data", pack.data, "--scenarios", pack.scenarios], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function merge(args: string[]) {
  const r = spawnSync(process.execPath, [bin, "merge", ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "evplan-sweep-"));
  pack = await writeSyntheticPack(join(dir, "pack"));
});

const mc = (seed: number) => [
  "uncertainty",
  "push",
  "--samples",
  "45",
  "--seed",
  String(seed),
  "--metrics",
  "ev_sales_share,co2_ttw,net_fiscal",
  "--by-segment",
];
const MC = mc(7);

describe("evplan uncertainty", () => {
  it("gives identical results on one thread and on two, and a seed reproduces them", () => {
    const one = evplan([...MC, "--threads", "1", "--format", "json"]);
    expect(one.stderr).toBe("");
    expect(one.code).toBe(0);
    // Two workers even for 45 samples (by default a sweep this small runs in the main thread alone), and the main
    // thread taking none (it would otherwise finish them before a worker is ready).
    const two = evplan([...MC, "--threads", "2", "--format", "json"], { EVPLAN_SWEEP_MIN_PER_WORKER: "1", EVPLAN_SWEEP_HERE: "off" });
    expect(two.stdout).toBe(one.stdout);
    // Without the compiled cache (every file read and validated again), the main thread beside a worker: the same.
    const uncached = evplan([...MC, "--threads", "2", "--format", "json"], { EVPLAN_SWEEP_MIN_PER_WORKER: "1", EVPLAN_CACHE: "off" });
    expect(uncached.stdout).toBe(one.stdout);
    const doc = JSON.parse(one.stdout);
    expect(doc.samples).toBe(45);
    expect(doc.metrics.ev_sales_share.total.p50).toHaveLength(doc.years.length);
    expect(Object.keys(doc.metrics.ev_sales_share.by_segment)).toHaveLength(6);
    expect(doc.targets[0].probability_met).toBeGreaterThanOrEqual(0);
    expect(doc.difference.counterfactual).toBe("reference");
    const other = evplan([...mc(8), "--threads", "1", "--format", "json"]);
    expect(other.code).toBe(0);
    expect(other.stdout).not.toBe(one.stdout);
  });

  it("streaming percentiles: the same report on one thread, two or three and from merged shards, within 0.1% of exact", () => {
    const SK = [...mc(3), "--quantiles", "sketch", "--format", "json"];
    const one = evplan([...SK, "--threads", "1"]);
    expect(one.stderr).toBe("");
    expect(one.code).toBe(0);
    // More threads than cores are capped (with a note), so 3 tests an uneven split on 2-core machines too.
    // The main thread beside a worker, and workers alone.
    for (const t of ["2", "3"]) expect(evplan([...SK, "--threads", t], { EVPLAN_SWEEP_MIN_PER_WORKER: "1" }).stdout).toBe(one.stdout);
    expect(evplan([...SK, "--threads", "2"], { EVPLAN_SWEEP_MIN_PER_WORKER: "1", EVPLAN_SWEEP_HERE: "off" }).stdout).toBe(one.stdout);
    const files = [0, 1].map((k) => join(dir, `sk-${k}.shard`));
    expect(evplan([...SK, "--shard", "0/2", "--out", files[0]]).code).toBe(0);
    expect(evplan([...SK, "--shard", "1/2", "--out", files[1], "--threads", "2"], { EVPLAN_SWEEP_MIN_PER_WORKER: "1", EVPLAN_SWEEP_HERE: "off" }).code).toBe(0);
    expect(merge([files[1], files[0], "--format", "json"]).stdout).toBe(one.stdout);
    // The shards hold the summaries of their samples, not their records.
    for (const f of files) expect(JSON.parse(readFileSync(f, "latin1").split("\n")[1])).toMatchObject({ body: "summary" });
    const sk = JSON.parse(one.stdout);
    expect(sk.quantiles).toMatchObject({ method: "sketch", relative_error: 0.001 });
    const ex = JSON.parse(evplan([...mc(3), "--format", "json", "--threads", "1"]).stdout);
    expect(ex.quantiles).toEqual({ method: "exact" });
    let compared = 0;
    for (const [id, m] of Object.entries(ex.metrics) as [string, { total: Record<string, number[]> }][])
      for (const k of ["p5", "p25", "p50", "p75", "p95"])
        m.total[k].forEach((want, t) => {
          const got = sk.metrics[id].total[k][t];
          // Same-sign neighbours in these metrics (shares, tonnes, fiscal costs of one sign per year).
          expect(Math.abs(got - want)).toBeLessThanOrEqual(0.001 * Math.abs(want) * (1 + 1e-9) + 1e-12);
          compared++;
        });
    expect(compared).toBeGreaterThan(100);
    // Target probabilities are exact counts either way.
    expect(sk.targets.map((t: { probability_met: number }) => t.probability_met)).toEqual(
      ex.targets.map((t: { probability_met: number }) => t.probability_met),
    );
  });

  it("shards merge into exactly what the unsharded run prints", () => {
    const whole = evplan([...MC, "--threads", "1", "--format", "json"]).stdout;
    const table = evplan([...MC, "--threads", "1"]).stdout;
    const files = [0, 1, 2].map((k) => join(dir, `mc-${k}.shard`));
    // Shard 1 comes from JOB_COMPLETION_INDEX, as in a Kubernetes Indexed Job, and runs on two threads.
    expect(evplan([...MC, "--shard", "0/3", "--out", files[0], "--threads", "1"]).code).toBe(0);
    expect(
      evplan([...MC, "--shard", "/3", "--out", files[1], "--threads", "2"], {
        JOB_COMPLETION_INDEX: "1",
        EVPLAN_SWEEP_MIN_PER_WORKER: "1",
        EVPLAN_SWEEP_HERE: "off",
      }).code,
    ).toBe(0);
    expect(evplan([...MC, "--shard", "2/3", "--out", files[2]]).code).toBe(0);
    const merged = merge([files[2], files[0], files[1], "--format", "json"]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole);
    expect(merge(files).stdout).toBe(table);
  });

  it("merge refuses a missing shard and shards of another sweep", () => {
    const a = join(dir, "a.shard");
    const b = join(dir, "b.shard");
    expect(evplan([...MC, "--shard", "0/2", "--out", a]).code).toBe(0);
    expect(evplan([...mc(99), "--shard", "1/2", "--out", b]).code).toBe(0);
    const missing = merge([a]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing/);
    const mixed = merge([a, b]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/another sweep/);
    expect(merge([a, join(dir, "nope.shard")]).code).toBe(2);
  });

  it("reports bad input with exit code 2", () => {
    const r = evplan(["uncertainty", "push", "--samples", "5", "--params", "economy.no_such"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown parameter "economy.no_such"/);
    expect(evplan(["uncertainty", "push", "--samples", "5", "--shard", "3/3", "--out", join(dir, "x")]).code).toBe(2);
    expect(evplan(["uncertainty", "push", "--samples", "0"]).code).toBe(2);
  });
});

describe("evplan sensitivity", () => {
  it("tornado ranks the parameters by swing", () => {
    const r = evplan(["sensitivity", "push", "--metric", "ev_sales_share:total:2030", "--format", "json", "--threads", "1"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.method).toBe("tornado");
    const swings = doc.parameters.map((p: { swing: number }) => p.swing);
    expect(swings).toEqual([...swings].sort((x, y) => y - x));
  });

  it("Sobol shards merge into the unsharded result, whatever the threads", () => {
    const args = ["sensitivity", "push", "--metric", "co2_ttw:total:2040", "--method", "sobol", "--samples", "16", "--bootstrap", "20"];
    const whole = evplan([...args, "--threads", "2", "--format", "json"], { EVPLAN_SWEEP_MIN_PER_WORKER: "1", EVPLAN_SWEEP_HERE: "off" });
    expect(whole.code).toBe(0);
    const doc = JSON.parse(whole.stdout);
    expect(doc.evaluations).toBe(16 * (doc.parameters.length + 2));
    const files = [0, 1].map((k) => join(dir, `sobol-${k}.shard`));
    files.forEach((f, k) => expect(evplan([...args, "--shard", `${k}/2`, "--out", f, "--threads", "1"]).code).toBe(0));
    expect(merge([...files, "--format", "json"]).stdout).toBe(whole.stdout);
    expect(readFileSync(files[0]).subarray(0, 14).toString()).toBe("EVPLAN-SWEEP-2");
  });
});

describe("--shard", () => {
  it("parses k/N and takes an empty k from JOB_COMPLETION_INDEX", () => {
    expect(parseShard("2/5")).toEqual({ index: 2, count: 5 });
    expect(parseShard("/4", { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 3, count: 4 });
    expect(() => parseShard("/4", {})).toThrow(/JOB_COMPLETION_INDEX/);
    expect(() => parseShard("4/4")).toThrow(/from 0 to 3/);
    expect(() => parseShard("a/b")).toThrow(/k\/N/);
  });
});
