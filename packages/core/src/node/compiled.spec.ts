// The compiled data pack: a registry and compiled scenarios survive JSON exactly (every float64 bit, infinities,
// -0, typed arrays, Maps, order), and a cache entry that is damaged, truncated or for another key is never returned.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import { checkedFromJson, checkedToJson, decodeJson, encodeJson, registryFromJson, registryToJson } from "./compiled.js";
import { filesDigest, readEntry, writeEntry } from "./cache.js";
import { openModel } from "./index.js";

const root = join(import.meta.dirname, "..", "..", "..", "..");

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

describe("the compiled JSON codec", () => {
  it("round-trips numbers bit for bit, with the values JSON cannot hold", () => {
    fc.assert(
      fc.property(fc.array(fc.double()), fc.array(fc.double(), { maxLength: 40 }), (xs, ys) => {
        const value = { xs, f: Float64Array.from(ys), u: Uint8Array.from(ys.map((_, i) => i % 256)), m: new Map(xs.map((x, i) => [`k${i}`, x])) };
        const back = decodeJson(encodeJson(value)) as typeof value;
        expect(back.xs.length).toBe(xs.length);
        xs.forEach((x, i) => expect(Object.is(back.xs[i], x)).toBe(true));
        expect(back.f).toBeInstanceOf(Float64Array);
        expect(bits(back.f)).toBe(bits(value.f));
        expect([...back.u]).toEqual([...value.u]);
        expect(back.m).toBeInstanceOf(Map);
        expect([...back.m.keys()]).toEqual([...value.m.keys()]);
        [...value.m.values()].forEach((x, i) => expect(Object.is([...back.m.values()][i], x)).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  it("gives back the registry and a compiled scenario of the built-in pack exactly", () => {
    const { model, pack } = openModel({ data: join(root, "data/pakistan"), scenarios: join(root, "scenarios") });
    const registry = registryFromJson(registryToJson(model.registry, pack.dir, process.cwd()), pack.dir);
    expect([...registry.series.keys()]).toEqual([...model.registry.series.keys()]);
    for (const [name, p] of model.registry.parameters) {
      const q = registry.parameters.get(name)!;
      expect(q.file).toBe(p.file);
      expect(q.domain).toEqual(p.domain);
      expect(q.bounds).toEqual(p.bounds);
      expect(q.series.map((s) => [s.name, s.years, s.values])).toEqual(p.series.map((s) => [s.name, s.years, s.values]));
      for (const s of q.series) expect(s.parameter).toBe(q);
    }
    const checked = model.check("nevp-2025-30");
    const back = checkedFromJson(checkedToJson(checked, process.cwd()));
    expect(bits(back.scenario.params)).toBe(bits(checked.scenario.params));
    expect(bits(back.scenario.observed)).toBe(bits(checked.scenario.observed));
    expect(bits(back.counterfactual!.params)).toBe(bits(checked.counterfactual!.params));
    expect([...back.scenario.slots]).toEqual([...checked.scenario.slots]);
    // Paths come back shown relative to the working folder (openModel shows them absolute): the same files.
    const plain = (c: typeof checked.scenario) => ({
      ...c,
      params: 0,
      observed: 0,
      file: resolve(c.file),
      overrides: c.overrides.map((o) => ({ ...o, file: resolve(o.file) })),
    });
    expect(plain(back.scenario)).toEqual(plain(checked.scenario));
    expect(back.scenario.file).toBe(relative(process.cwd(), checked.scenario.file));
    // And the model on the decoded inputs gives the same output, bit for bit.
    const a = model.evaluate(checked.scenario).out;
    const b = model.evaluate(back.scenario).out;
    expect(bits(b)).toBe(bits(a));
  });
});

describe("the cache folder", () => {
  it("returns an entry only when it is whole and for the key asked", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-entry-"));
    const where = { dir, readOnly: [] };
    expect(writeEntry(dir, "pack", "a".repeat(64), "body text")).toBe(true);
    expect(readEntry(where, "pack", "a".repeat(64))).toBe("body text");
    expect(readEntry(where, "scenario", "a".repeat(64))).toBeUndefined();
    const [file] = readdirSync(dir);
    // No temporary file is left behind.
    expect(readdirSync(dir)).toEqual([file]);
    const text = readFileSync(join(dir, file), "utf8");
    writeFileSync(join(dir, file), text.replace("body text", "body tExt"));
    expect(readEntry(where, "pack", "a".repeat(64))).toBeUndefined();
    writeFileSync(join(dir, file), text.slice(0, -2));
    expect(readEntry(where, "pack", "a".repeat(64))).toBeUndefined();
    writeFileSync(join(dir, file), "not json\nbody text");
    expect(readEntry(where, "pack", "a".repeat(64))).toBeUndefined();
    // A folder that cannot be written is skipped, not an error.
    expect(writeEntry(join(dir, file, "below-a-file"), "pack", "b".repeat(64), "x")).toBe(false);
  });

  it("memoises file hashes by size, time and inode, and sees an edit that keeps the size", () => {
    const dir = mkdtempSync(join(tmpdir(), "evplan-memo-"));
    const memo = join(dir, "memo");
    const f = join(dir, "a.yaml");
    writeFileSync(f, "value: 1\n");
    const d1 = filesDigest(memo, dir, [f]);
    expect(filesDigest(null, dir, [f])).toBe(d1);
    expect(filesDigest(memo, dir, [f])).toBe(d1);
    writeFileSync(f, "value: 2\n");
    const d2 = filesDigest(memo, dir, [f]);
    expect(d2).not.toBe(d1);
    expect(d2).toBe(filesDigest(null, dir, [f]));
  });
});
