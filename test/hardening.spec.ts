// Every reproduction of issue 15 (hardening), as a user meets it on the command line: a clear error naming file,
// line and field with exit code 2, or a correct result; never a stack trace; nothing written on failure.
import { beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { availableParallelism, tmpdir } from "node:os";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { recover } from "../packages/cli/src/io-write.js";
// @ts-expect-error: a plain ESM helper shared with the benchmark
import { writeSyntheticPack } from "../bench/synthetic-pack.mjs";

const root = join(import.meta.dirname, "..");
const bin = join(root, "packages/cli/bin/evplan.js");
const dir = mkdtempSync(join(tmpdir(), "evplan-harden-"));

function evplan(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
/** A user mistake: exit code 2, a message, never an internal error or a stack trace. */
function refused(r: { code: number | null; stderr: string }, message: RegExp) {
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
}

describe("validate and run agree", () => {
  it("a changed horizon on a scenario compared with the reference runs, over the same years for both", () => {
    for (const [key, value, years] of [
      ["end_year", 2045, 21],
      ["base_year", 2035, 26],
    ] as const) {
      const f = file(`h-${key}.yaml`, `name: h\nextends: nevp-2025-30\n${key}: ${value}\n`);
      expect(evplan("validate", f).code).toBe(0);
      const r = evplan("run", f, "--format", "json");
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.years).toHaveLength(years);
      expect(doc.counterfactual).toBe("reference");
      expect(doc.difference.metrics.ev_sales_share.total).toHaveLength(years);
    }
  });

  it("base_year 2035 prints its summary for 2035 and writes its files", () => {
    const f = file("b2035.yaml", "name: b2035\nextends: reference\nbase_year: 2035\n");
    const out = join(dir, "b2035-out");
    const r = evplan("run", f, "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/EV share in 2035/);
    expect(r.stderr).toMatch(/note: target .* outside the horizon 2035-2060: not checked/);
    expect(readdirSync(out).sort()).toEqual(["b2035.csv", "b2035.json"]);
  });

  it("an unknown counterfactual is refused by validate and run alike, with file, line and field", () => {
    const f = file("cf.yaml", "name: cf\nextends: reference\ncounterfactual: nosuch\n");
    for (const cmd of ["validate", "run"]) refused(evplan(cmd, f), /cf\.yaml:3:\d+: counterfactual: no scenario named "nosuch"/);
  });
});

describe("user mistakes are clear errors, not stack traces", () => {
  it("--out onto a read-only place, onto a file, or under a file", () => {
    refused(evplan("run", "reference", "--out", "/sys/evplan-test-out"), /cannot write into \/sys\/evplan-test-out: permission denied/);
    const f = file("a-file", "x");
    refused(evplan("run", "reference", "--out", f), /it is a file, not a folder/);
    refused(evplan("run", "reference", "--out", join(f, "sub")), /a part of the path is a file/);
    const blocked = join(dir, "blocked-out");
    mkdirSync(join(blocked, "reference.json"), { recursive: true });
    refused(evplan("run", "reference", "--out", blocked), /a folder of that name is in the way/);
    expect(readdirSync(blocked)).toEqual(["reference.json"]);
    expect(readFileSync(f, "utf8")).toBe("x");
  });

  it("a folder or a device given as the scenario or history file; a missing data pack", () => {
    mkdirSync(join(dir, "folder.yaml"), { recursive: true });
    refused(evplan("validate", join(dir, "folder.yaml")), /is a folder; give a file/);
    refused(evplan("validate", "/dev/zero"), /not a regular file/);
    refused(evplan("backtest", "--history", dir, "--region", "India", "--mode", "Cars", "--fit-until", "2021"), /is a folder; give a file/);
    refused(evplan("run", "reference", "--data", join(dir, "nope")), /no data pack folder at/);
    refused(evplan("params", "--data", file("pack-file", "x")), /is a file; --data takes a folder/);
    refused(evplan("compare", "reference", "nevp-2025-30", "--year", "abc"), /--year must be a year/);
  });

  it("--samples 1e9 and a target with an unknown segment", () => {
    // Streaming percentiles hold no records, so time, not memory, bounds one run.
    refused(evplan("uncertainty", "nevp-2025-30", "--samples", "1e9"), /more than the 10,000,000 samples one run takes.*GB of results in memory/);
    refused(evplan("uncertainty", "nevp-2025-30", "--samples", "1e9", "--quantiles", "exact"), /GB of results in memory.*--shard/);
    refused(evplan("solve", "nevp-2025-30", "--target", "ev_sales_share:all:2030=0.3"), /--target: unknown segment "all"; expected total or one of/);
  });
});

describe("scenario files get specific messages naming line and field", () => {
  it("a bad override value, mode and target segment say what was expected and what was found", () => {
    const f = file(
      "msg.yaml",
      "name: msg\nextends: nevp-2025-30\nmode: marcket\noverrides:\n  taxes.carbon_levy: {2030: abc}\n  economy.oil_price: {value: 3}\ntargets:\n  - {metric: ev_sales_share, segment: cars, year: 2030, value: 0.3}\n",
    );
    const r = evplan("validate", f);
    refused(r, /msg\.yaml:3:\d+: mode: expected "targets" or "market", or a map by segment .*; got "marcket"/);
    expect(r.stderr).toMatch(/msg\.yaml:5:\d+: overrides\.taxes\.carbon_levy\.2030: expected a number.*; got "abc"/);
    expect(r.stderr).toMatch(/msg\.yaml:6:\d+: overrides\.economy\.oil_price\.value: unknown key "value"/);
    expect(r.stderr).toMatch(/msg\.yaml:8:\d+: targets\.0\.segment: unknown segment "cars"; expected total or one of/);
    expect(r.stderr).not.toMatch(/Invalid input/);
  });

  it("a year written once plain and once quoted is a duplicate, not a silent last-wins", () => {
    const f = file("dup.yaml", 'name: dup\nextends: reference\noverrides:\n  taxes.carbon_levy:\n    2026: 10\n    "2026": 20\n');
    refused(evplan("validate", f), /dup\.yaml:6:\d+: malformed YAML: the key "2026" appears twice/);
  });

  it("two files with the same name in an extends chain are named, not called a cycle", () => {
    const sub = join(dir, "clash");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, "base.yaml"), "name: mine\nextends: reference\n");
    writeFileSync(join(sub, "mine.yaml"), "name: mine\nextends: base\n");
    const r = evplan("validate", join(sub, "mine.yaml"));
    refused(r, /two scenario files are named "mine"/);
    expect(r.stderr).not.toMatch(/cycle/);
  });

  it("20,000 override keys are refused with a count, promptly", { timeout: 20_000 }, () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  economy.no_such_${i}: 1\n`).join("");
    const r = evplan("validate", file("many.yaml", `name: many\nextends: reference\noverrides:\n${keys}`));
    refused(r, /many\.yaml:4:\d+: overrides\.economy\.no_such_0: unknown parameter/);
    expect(r.stderr).toMatch(/and 19950 more problems like these/);
  });

  it("the backtest reader refuses hexadecimal and other non-decimal values", () => {
    const head = "region_country,category,parameter,mode,powertrain,year,unit,value\n";
    const f = file("hex.csv", `${head}India,Historical,EV sales share,Cars,EV,2020,percent,0x10\n`);
    refused(
      evplan("backtest", "--history", f, "--region", "India", "--mode", "Cars", "--fit-until", "2021"),
      /hex\.csv:2:8: value: not a decimal number: "0x10"/,
    );
  });
});

describe("sweeps", () => {
  let pack: { data: string; scenarios: string };
  beforeAll(async () => {
    pack = await writeSyntheticPack(join(dir, "pack"));
  });
  const mc = (...extra: string[]) => [
    "uncertainty",
    "push",
    "--samples",
    "6",
    "--metrics",
    "ev_sales_share",
    "--data",
    pack.data,
    "--scenarios",
    pack.scenarios,
    ...extra,
  ];

  it("--threads above the cores available is capped, with a note", () => {
    const r = evplan(...mc("--threads", "64"));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`--threads 64 is more than the ${availableParallelism()} cores available; using ${availableParallelism()}`));
  });

  it("shard files carry a checksum: a damaged header, edited records or NaN are refused", () => {
    const shard = join(dir, "s0.shard");
    expect(evplan(...mc("--shard", "0/2", "--out", shard)).code).toBe(0);
    const good = readFileSync(shard);
    const nl = good.indexOf(0x0a, 15);
    const variants: [string, Buffer, RegExp][] = [
      ["header", Buffer.concat([good.subarray(0, 20), Buffer.from("{{"), good.subarray(22)]), /damaged header/],
      ["records", Buffer.concat([good.subarray(0, good.length - 8), Buffer.from(new Float64Array([Number.NaN]).buffer)]), /damaged or was edited/],
      ["meta", Buffer.from(good.toString("latin1").replace('"seed":1', '"seed":2'), "latin1"), /damaged or was edited/],
      ["truncated", good.subarray(0, nl + 20), /truncated/],
    ];
    for (const [name, bytes, message] of variants) {
      const f = join(dir, `bad-${name}.shard`);
      writeFileSync(f, bytes);
      refused(evplan("merge", f), message);
    }
  });
});

describe("--out is all or nothing", () => {
  it("writes nothing and leaves no temporary file when the run is refused", () => {
    const out = join(dir, "refused-out");
    mkdirSync(out);
    writeFileSync(join(out, "keep.txt"), "mine");
    refused(evplan("run", file("bad.yaml", "name: bad\nextends: reference\noverrides:\n  economy.exchange_rate: 0\n"), "--out", out), /outside \(0,/);
    expect(readdirSync(out)).toEqual(["keep.txt"]);
    expect(readdirSync(dir).filter((e) => e.includes(".evplan-"))).toEqual([]);
  });

  it("keeps the other files of the folder, replaces this scenario's pair", () => {
    const out = join(dir, "shared-out");
    expect(evplan("run", "reference", "--out", out).code).toBe(0);
    writeFileSync(join(out, "notes.txt"), "mine");
    expect(evplan("run", "nevp-2025-30", "--out", out).code).toBe(0);
    expect(evplan("run", "reference", "--out", out).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["nevp-2025-30.csv", "nevp-2025-30.json", "notes.txt", "reference.csv", "reference.json"]);
    expect(readdirSync(dir).filter((e) => e.includes(".evplan-"))).toEqual([]);
  });

  it("kill -9 at any moment leaves the old pair or the new one, never a mix; the next write removes what the killed one left", async () => {
    // A writer that does nothing but replace a pair of 2 MB files, generation after generation, so that every kill
    // lands during a write; both files of a generation carry its number.
    const out = join(dir, "kill-out");
    const driver = file(
      "kill-driver.mjs",
      `import { writeAllOrNothing } from ${JSON.stringify(join(root, "packages/cli/dist/io-write.js"))};
       const pad = "x".repeat(2 * 1024 * 1024);
       for (let g = Number(process.argv[2]); ; g++) {
         writeAllOrNothing([{ path: ${JSON.stringify(join(out, "run.json"))}, content: JSON.stringify({ g, pad }) },
                            { path: ${JSON.stringify(join(out, "run.csv"))}, content: "g," + g + "\\n" + pad }]);
         if (g === Number(process.argv[2])) process.stdout.write("written\\n");
       }`,
    );
    const generation = () => {
      const j = JSON.parse(readFileSync(join(out, "run.json"), "utf8")).g;
      const c = Number(readFileSync(join(out, "run.csv"), "utf8").split("\n")[0].split(",")[1]);
      return [j, c];
    };
    const seen = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const child = spawn(process.execPath, [driver, String(i * 1e6)], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
      const exited = new Promise((r) => child.on("exit", r));
      // After its first generation is in place, kill it somewhere within the next few writes.
      await new Promise((r) => child.stdout!.once("data", r));
      await new Promise((r) => setTimeout(r, ((i * 37) % 10) * 12));
      child.kill("SIGKILL");
      await exited;
      recover(out);
      const [j, c] = generation();
      expect(j).toBe(c);
      seen.add(j);
      expect(readdirSync(out).sort()).toEqual(["run.csv", "run.json"]);
      expect(readdirSync(dir).filter((e) => e.includes(".evplan-"))).toEqual([]);
    }
    // The kills landed in different generations, i.e. while writing.
    expect(seen.size).toBeGreaterThan(3);
  });

  it("a writer killed between its two renames leaves the old folder aside; the next write puts it back first", () => {
    const out = join(dir, "swap-out");
    mkdirSync(out);
    writeFileSync(join(out, "a.json"), "old");
    // The state a kill between the two renames leaves: the target moved aside, the new folder not yet in place.
    const aside = join(dir, ".swap-out.evplan-999999-abc.old");
    const half = join(dir, ".swap-out.evplan-999999-abc.tmp");
    renameSync(out, aside);
    mkdirSync(half);
    writeFileSync(join(half, "a.json"), "new, unfinished");
    recover(out);
    expect(readFileSync(join(out, "a.json"), "utf8")).toBe("old");
    expect(existsSync(aside) || existsSync(half)).toBe(false);
  });
});
