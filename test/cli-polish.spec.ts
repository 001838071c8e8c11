// The command line as an analyst meets it in an 80-column terminal (issue 16, item 11).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = join(root, "packages/cli/bin/evplan.js");

function evplan(args: string[], columns?: number) {
  const env = { ...process.env };
  if (columns === undefined) delete env.COLUMNS;
  else env.COLUMNS = String(columns);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
import { setWide } from "../packages/cli/src/format/table.js";
import { runCommand } from "../packages/cli/src/commands/run.js";
import { paramsCommand } from "../packages/cli/src/commands/params.js";
import { compareCommand } from "../packages/cli/src/commands/compare.js";
import { scenariosCommand } from "../packages/cli/src/commands/scenarios.js";

const longest = (text: string) => Math.max(...text.split("\n").map((l) => [...l].length));

describe("evplan --version and evplan scenarios", () => {
  it("prints the CLI's version", () => {
    const r = evplan(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`evplan ${JSON.parse(readFileSync(join(root, "packages/cli/package.json"), "utf8")).version}`);
  });

  it("lists every scenario file with its title and mode", () => {
    const r = evplan(["scenarios", "--format", "json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; title: string; mode: string }[];
    const files = readdirSync(join(root, "scenarios")).filter((f) => f.endsWith(".yaml"));
    expect(list.map((s) => s.name).sort()).toEqual(files.map((f) => f.replace(".yaml", "")).sort());
    const reference = list.find((s) => s.name === "reference")!;
    expect(reference.mode).toBe("targets");
    expect(list.find((s) => s.name === "nevp-2025-30")!.mode).toBe("market");
    const table = evplan(["scenarios"], 80);
    expect(table.stdout).toMatch(/^name\s+title\s+mode\s+counterfactual/);
    expect(table.stdout).toMatch(/NEVP 2025-30 as announced/);
  });
});

/** A command run in this process, as the CLI's action would, with COLUMNS set (or not) and --wide on or off. */
// The commands are async (they load the compiled data pack, and the parser only on a miss): awaited here.
async function inProcess(command: (print: (s: string) => void) => unknown, columns: number | undefined, wide = false): Promise<string> {
  const saved = process.env.COLUMNS;
  if (columns === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = String(columns);
  setWide(wide);
  const out: string[] = [];
  try {
    await command((s) => out.push(s));
  } finally {
    setWide(false);
    if (saved === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved;
  }
  return out.join("\n");
}

const commands: [string, (print: (s: string) => void) => unknown][] = [
  ["run nevp-2025-30", (p) => runCommand("nevp-2025-30", { format: "table" }, p)],
  ["params", (p) => paramsCommand({ format: "table" }, p)],
  ["compare reference nevp-2025-30 nevp-2025-30-targets", (p) => compareCommand(["reference", "nevp-2025-30", "nevp-2025-30-targets"], { format: "table" }, p)],
  ["scenarios", (p) => scenariosCommand({ format: "table" }, p)],
];

describe("tables fit the terminal", () => {
  it.each(commands)("evplan %s fits 80 columns when COLUMNS says 80, and --wide prints everything", async (_, command) => {
    const narrow = await inProcess(command, 80);
    expect(narrow.length).toBeGreaterThan(0);
    expect(longest(narrow)).toBeLessThanOrEqual(80);
    const wide = await inProcess(command, 80, true);
    // Without a terminal or COLUMNS nothing is wrapped, as with --wide.
    expect(await inProcess(command, undefined)).toBe(wide);
  });

  it("a column left out is named, with the way to see it", async () => {
    const narrow = await inProcess(commands[1][1], 80);
    expect(narrow.replace(/\n/g, " ")).toMatch(/columns? left out to fit 80 columns: values, first reference; --wide shows all/);
    expect(longest(await inProcess(commands[1][1], 80, true))).toBeGreaterThan(80);
  });

  it("the command line reads COLUMNS and --wide anywhere on the line", () => {
    expect(longest(evplan(["run", "nevp-2025-30"], 80).stdout)).toBeLessThanOrEqual(80);
    expect(longest(evplan(["--wide", "params"], 80).stdout)).toBeGreaterThan(80);
  });
});

describe("one number style", () => {
  it("run and compare print money, shares and counts alike", () => {
    const run = evplan(["run", "nevp-2025-30"]).stdout;
    const compare = evplan(["compare", "reference", "nevp-2025-30"]).stdout;
    // Fuel and oil in run, money in compare: billions with a unit, no bare "1.23 bn" or "12.3 k".
    expect(run).toMatch(/fuel saved .*\d bn L/);
    expect(run).toMatch(/oil import bill avoided\s+USD [\d.,]+ (bn|m)/);
    expect(compare).toMatch(/Net fiscal cost 2025-2030\s+PKR [\d.,]+ bn\s+PKR [\d.,]+ bn\s+\+PKR [\d.,]+ bn/);
    for (const text of [run, compare]) expect(text).not.toMatch(/\d k\b|\d\.\d\d m\b/);
  });
});
