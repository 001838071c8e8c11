// Seeded, in-process fuzzing of everything a user can hand evplan (issue 15): mutated scenario files (types,
// numbers, keys, years, YAML features, extends chains), backtest CSVs, planner links and shard files. Every case
// must end in a result whose physical outputs are finite and non-negative, or in a clear error naming file, line
// and field; never in an internal error; and a refused `run --out` writes nothing. Counts are printed.
// FUZZ_SEED and FUZZ_SCALE (a multiplier of the case counts) reproduce or widen a run.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import {
  INDEX_KEYS,
  InputError,
  Model,
  applyLever,
  datedPath,
  backtest,
  closedBounds,
  leverCatalogue,
  leverTarget,
  listShareSeries,
  parseEvHistoryCsv,
  parseYaml,
  physicalViolations,
  runSweep,
  violationText,
  type CompiledScenario,
  type InputIssue,
  type LeverInfo,
  type RunResult,
  type ScenarioSource,
} from "@evplan/core";
import { loadRegistry } from "../packages/cli/src/data-pack.js";
import { CliError } from "../packages/cli/src/context.js";
import { runCommand } from "../packages/cli/src/commands/run.js";
import { createSweep } from "../packages/cli/src/sweep/job.js";
import { readShard, writeShard } from "../packages/cli/src/sweep/shard.js";
import { checkState, parseState, writeState, type ViewState } from "../packages/web/src/state.js";
import { scenarioYaml } from "../packages/web/src/exports.js";

const root = join(import.meta.dirname, "..");
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const registry = loadRegistry(join(root, "data/pakistan"), root);
const scenarioDir = join(root, "scenarios");
const shipped = new Map(
  readdirSync(scenarioDir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => [f.replace(/\.yaml$/, ""), readFileSync(join(scenarioDir, f), "utf8")] as const),
);
const tmp = mkdtempSync(join(tmpdir(), "evplan-fuzz-"));

/** mulberry32: a small seeded generator, so every run of the suite meets the same cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

interface Tally {
  cases: number;
  accepted: number;
  refused: number;
  internal: string[];
  unclear: string[];
  nonPhysical: string[];
}
const tallies: Record<string, Tally> = {};
function tally(name: string): Tally {
  return (tallies[name] ??= { cases: 0, accepted: 0, refused: 0, internal: [], unclear: [], nonPhysical: [] });
}
afterAll(() => {
  const rows = Object.entries(tallies).map(
    ([k, t]) =>
      `  ${k.padEnd(10)} ${String(t.cases).padStart(6)} cases: ${t.accepted} accepted, ${t.refused} refused clearly, ${t.internal.length} internal errors, ${t.unclear.length} unclear errors, ${t.nonPhysical.length} non-physical outputs`,
  );
  const total = Object.values(tallies).reduce((n, t) => n + t.cases, 0);
  console.log(`fuzz (seed ${SEED}): ${total} cases\n${rows.join("\n")}`);
});

/** A clear error names the file and a line, and a field unless the whole file is malformed. */
function unclear(issues: readonly InputIssue[]): InputIssue | undefined {
  return issues.find(
    (i) => !i.file || i.line === undefined || !(i.line >= 1) || (!i.field && !/^malformed YAML|^and \d+ more|^the file must be/.test(i.message)) || !i.message,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scenario files

const numbers = [0, -0, -1, 1, 0.5, 2, 10, 100, 1e-300, 1e300, -1e300, 1e6, 1e15, 0.999999, -0.5, 1.5, 2030, 7.5e9];
const specials = [".nan", ".inf", "-.inf", "0x10", "1_000", "0o17", "1e999", "~", "''", "'12'", "yes", "!!str 5", "[1, 2]", "{a: 1}"];
const words = ["abc", "", "total", "market", "targets", "reference", "nosuch", "ü", "a".repeat(300)];
const parameterNames = [...registry.parameters.keys(), ...registry.series.keys()];

function leaves(x: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (x && typeof x === "object") for (const [k, v] of Object.entries(x)) leaves(v, [...path, Array.isArray(x) ? Number(k) : k], out);
  else out.push(path);
  return out;
}
function containers(x: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (x && typeof x === "object") {
    out.push(path);
    for (const [k, v] of Object.entries(x)) containers(v, [...path, Array.isArray(x) ? Number(k) : k], out);
  }
  return out;
}
function get(x: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), x);
}
function set(x: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  if (path.length === 0) return;
  const parent = get(x, path.slice(0, -1));
  if (parent && typeof parent === "object") (parent as Record<string | number, unknown>)[path[path.length - 1]] = value;
}

/** One structural mutation of a scenario document. */
function mutateDoc(r: Rng, doc: Record<string, unknown>, names: readonly string[]): void {
  const op = r.int(9);
  const ls = leaves(doc).filter((p) => p.length > 0);
  switch (op) {
    case 0: // numbers
      if (ls.length) set(doc, r.pick(ls), r.chance(0.7) ? r.pick(numbers) : (r.next() - 0.5) * 10 ** r.int(12));
      break;
    case 1: // types
      if (ls.length) set(doc, r.pick(ls), r.pick<unknown>([r.pick(words), true, null, [], {}, [1, 2], { value: 1 }, r.pick(numbers)]));
      break;
    case 2: {
      // keys: rename, delete, add
      const cs = containers(doc).filter((p) => {
        const c = get(doc, p);
        return c && typeof c === "object" && !Array.isArray(c) && Object.keys(c).length;
      });
      if (!cs.length) break;
      const c = get(doc, r.pick(cs)) as Record<string, unknown>;
      const k = r.pick(Object.keys(c));
      const kind = r.int(3);
      if (kind === 0) {
        c[k + r.pick(["x", "s", "_", ".car", ".cars"])] = c[k];
        delete c[k];
      } else if (kind === 1) delete c[k];
      else c[r.pick(["unknown", "valuez", "note", "unit", "interpolation", "default", "car"])] = r.pick<unknown>([1, "x", { 2030: 1 }]);
      break;
    }
    case 3: {
      // overrides of any parameter, in or just outside its domain, dated anywhere
      const name = r.pick(parameterNames);
      const p = registry.parameters.get(name) ?? registry.series.get(name)!.parameter;
      const [lo, hi] = closedBounds(p.domain);
      const x = r.pick([lo, hi, p.domain.min, p.domain.max, lo + (hi - lo) * r.next(), hi * 1.01 + 1, lo - 1, -lo]);
      const year = r.pick([2025, 2026, 2030, 2040, 2060, 2061, 2024, 1800, 2300]);
      const value = p.index && registry.parameters.has(name) && r.chance(0.5) ? { [r.pick(INDEX_KEYS[p.index])]: x } : x;
      doc.overrides = {
        ...(doc.overrides as object),
        [name]: r.chance(0.3) ? value : r.chance(0.5) ? { [year]: value } : { values: { [year]: value }, interpolation: r.pick(["step", "linear", "cubic"]) },
      };
      break;
    }
    case 4: // years and horizon
      if (r.chance(0.5))
        doc[r.pick(["base_year", "end_year"])] = r.pick([1980, 1990, 2024, 2025, 2026, 2030, 2035, 2045, 2059, 2060, 2061, 2100, 2101, 2030.5]);
      else {
        const ov = doc.overrides as Record<string, Record<string, unknown>> | undefined;
        const keys = ov ? Object.keys(ov).filter((k) => ov[k] && typeof ov[k] === "object") : [];
        if (keys.length) {
          const dated = ov![r.pick(keys)];
          const y = r.pick(Object.keys(dated));
          dated[String(r.pick([1899, 2024, 2031, 2099, 2200, 20300]))] = dated[y];
          if (r.chance(0.5)) delete dated[y];
        }
      }
      break;
    case 5: // extends and counterfactual
      if (r.chance(0.5)) doc.extends = r.pick([...names, doc.name, "nosuch", undefined]);
      else doc.counterfactual = r.pick([...names, doc.name, "nosuch", null, undefined]);
      break;
    case 6: // mode
      doc.mode = r.pick<unknown>([
        "targets",
        "market",
        "marcket",
        { car: "market" },
        { default: "market", bus: "targets" },
        { default: "x" },
        { cars: "market" },
        3,
      ]);
      break;
    case 7: // targets
      doc.targets = [
        {
          metric: r.pick(["ev_sales_share", "co2_ttw", "net_fiscal", "nosuch", "public_chargers"]),
          segment: r.pick(["total", "car", "cars", "all", 3]),
          year: r.pick([2030, 2060, 2061, 2024, "2030"]),
          value: r.pick<unknown>([0.3, -1, 1e300, "x"]),
          ...(r.chance(0.2) ? { sense: r.pick(["at_most", "atmost"]) } : {}),
        },
      ];
      break;
    default: // ev_powertrains and names
      if (r.chance(0.5)) doc.ev_powertrains = r.pick<unknown>([["bev"], ["bev", "phev", "hev"], [], ["diesel"], "bev"]);
      else doc.name = r.pick(["Fuzz", "fuzz case", "-x", "fuzz-case", 5]);
  }
}

/** Text-level YAML features: anchors, tags, documents, indentation, truncation, odd bytes. */
function mutateText(r: Rng, text: string): string {
  const lines = text.split("\n");
  switch (r.int(9)) {
    case 0:
      return `anchors: &a {2030: 0.5}\n${text}`;
    case 1: {
      const i = r.int(lines.length);
      lines[i] = lines[i].replace(/: ([-\d.]+)/, `: ${r.pick(specials)}`);
      return lines.join("\n");
    }
    case 2:
      return `${text}\n---\nname: second\n`;
    case 3: {
      const i = r.int(lines.length);
      lines[i] = "\t" + lines[i];
      return lines.join("\n");
    }
    case 4:
      return text.slice(0, r.int(text.length));
    case 5:
      return "a: &a [1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n" + text;
    case 6: {
      const i = r.int(lines.length);
      lines.splice(i, 0, lines[i] ?? "");
      return lines.join("\n");
    }
    case 7:
      return "\uFEFF" + text.replace(/\n/g, "\r\n");
    default:
      return text.replace(/2030:/, `"2030": 1\n    2030:`);
  }
}

describe("fuzz: scenario files", () => {
  const model = new Model(registry, (name) => lookup(name));
  let generated = new Map<string, ScenarioSource>();
  const shippedSources = new Map<string, ScenarioSource>();
  for (const [name, text] of shipped) {
    const p = parseYaml(text, `scenarios/${name}.yaml`);
    shippedSources.set(name, { file: `scenarios/${name}.yaml`, data: p.data, locate: p.locate });
  }
  const lookup = (name: string) => generated.get(name) ?? shippedSources.get(name);
  const cfCache = new Map<string, RunResult>();
  const names = [...shipped.keys()];

  function physical(r: RunResult, label: string, t: Tally): void {
    const v = physicalViolations(r.out, r.scenario.nYears, r.scenario.baseYear, 1);
    if (v.length) t.nonPhysical.push(`${label}: ${violationText(v[0])}`);
  }

  /** One case: files by name (the last is the one given), compiled and run as `evplan run` would. */
  function runCase(files: [string, string][], t: Tally, label: string): void {
    t.cases++;
    generated = new Map();
    try {
      for (const [name, text] of files) {
        const file = `fuzz/${name}.yaml`;
        const p = parseYaml(text, file);
        generated.set(name, { file, data: p.data, locate: p.locate });
      }
      const [entry] = files[files.length - 1];
      const { scenario, counterfactual } = model.check(entry, generated.get(entry));
      physical(model.evaluate(scenario), label, t);
      if (counterfactual) {
        // A shipped counterfactual over a given horizon gives the same run every time.
        const key = generated.has(counterfactual.name) ? "" : `${counterfactual.name}:${counterfactual.baseYear}:${counterfactual.endYear}`;
        let cf = key ? cfCache.get(key) : undefined;
        if (!cf) {
          cf = model.evaluate(counterfactual);
          physical(cf, `${label} (counterfactual)`, t);
          if (key) cfCache.set(key, cf);
        }
      }
      t.accepted++;
    } catch (e) {
      if (e instanceof InputError) {
        const bad = unclear(e.issues);
        if (bad) t.unclear.push(`${label}: ${JSON.stringify(bad)}`);
        else t.refused++;
      } else t.internal.push(`${label}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  it("mutated shipped scenarios, alone and in extends chains", { timeout: 180_000 }, () => {
    const r = rng(SEED);
    const t = tally("scenarios");
    const n = Math.round(5000 * SCALE);
    for (let i = 0; i < n; i++) {
      const baseName = r.pick(names);
      const doc = parseYaml(shipped.get(baseName)!, "x").data as Record<string, unknown>;
      doc.name = `fuzz-${i}`;
      if (baseName !== "reference" && r.chance(0.5)) doc.extends = baseName;
      const steps = 1 + r.int(3);
      for (let k = 0; k < steps; k++) mutateDoc(r, doc, names);
      let text = stringify(doc);
      if (r.chance(0.25)) text = mutateText(r, text);
      const files: [string, string][] = [];
      if (r.chance(0.2)) {
        // A chain through a generated parent, sometimes sharing the child's name or extending the child.
        const parent = { name: r.chance(0.1) ? doc.name : `fuzz-parent-${i}`, extends: r.pick([...names, doc.name, "nosuch"]) };
        files.push([String(parent.name) === String(doc.name) ? `fuzz-parent-${i}` : String(parent.name), stringify(parent)]);
        doc.extends = files[0][0];
        text = stringify(doc);
      }
      files.push([String(typeof doc.name === "string" ? doc.name : `fuzz-${i}`), text]);
      runCase(files, t, `scenario case ${i} (from ${baseName})`);
    }
    expect(t.internal.slice(0, 3)).toEqual([]);
    expect(t.unclear.slice(0, 3)).toEqual([]);
    expect(t.nonPhysical.slice(0, 3)).toEqual([]);
    // The mix must exercise both outcomes.
    expect(t.accepted).toBeGreaterThan(n / 10);
    expect(t.refused).toBeGreaterThan(n / 10);
  });

  it("evplan run --out writes both files or nothing at all", async () => {
    const r = rng(SEED + 1);
    const t = tally("run --out");
    const n = Math.round(20 * SCALE);
    for (let i = 0; i < n; i++) {
      const doc = parseYaml(shipped.get("nevp-2025-30")!, "x").data as Record<string, unknown>;
      doc.name = `out-${i}`;
      doc.extends = "nevp-2025-30";
      mutateDoc(r, doc, names);
      const file = join(tmp, `out-${i}.yaml`);
      writeFileSync(file, stringify(doc));
      const out = join(tmp, `out-dir-${i}`);
      t.cases++;
      let ok = false;
      try {
        await runCommand(file, { format: "json", out }, () => {});
        ok = true;
      } catch (e) {
        if (e instanceof InputError || e instanceof CliError) t.refused++;
        else t.internal.push(String(e));
        expect(existsSync(out), `case ${i}: a refused run (${String(e).slice(0, 300)}) wrote ${out}`).toBe(false);
      }
      if (ok) {
        t.accepted++;
        const written = readdirSync(out).sort();
        expect(written).toHaveLength(2);
        expect(written[0].replace(/\.csv$/, ".json")).toBe(written[1]);
      }
    }
    expect(readdirSync(tmp).filter((e) => e.includes(".evplan-"))).toEqual([]);
    expect(t.internal).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Backtest CSVs

describe("fuzz: backtest CSVs", () => {
  const header = "region_country,category,parameter,mode,powertrain,year,unit,value";
  function baseRows(r: Rng): string[] {
    const rows: string[] = [];
    for (const region of ["India", "Norway"])
      for (let y = 2012; y <= 2024; y++) {
        const share = 100 / (1 + Math.exp(-0.5 * (y - 2022 + r.next())));
        rows.push(`${region},Historical,EV sales share,Cars,EV,${y},percent,${share.toFixed(3)}`);
      }
    return rows;
  }
  const cells = ["0x10", "", " ", "NaN", "Infinity", "-5", "1e999", "1e5", "12,5", '"7"', '"8', "0b11", "1_0", "١٢", "2.5.1", "+3", ".5", "5.", "-0"];

  it("mutated histories parse into finite backtests or refuse with file, line and column", () => {
    const r = rng(SEED + 2);
    const t = tally("csv");
    const n = Math.round(2000 * SCALE);
    for (let i = 0; i < n; i++) {
      const rows = baseRows(r);
      const m = 1 + r.int(3);
      for (let k = 0; k < m; k++) {
        const j = r.int(rows.length);
        const parts = rows[j].split(",");
        switch (r.int(6)) {
          case 0:
            parts[7] = r.pick(cells);
            break;
          case 1:
            parts[5] = r.pick(["20x0", "1800", "2300", "", "2020.5", "0x7E4"]);
            break;
          case 2:
            parts.splice(r.int(parts.length), 1);
            break;
          case 3:
            parts.push("extra");
            break;
          case 4:
            parts[r.int(3)] = r.pick(["", '"quoted, with comma"', '"unterminated', "Ünïcödé"]);
            break;
          default:
            rows.splice(j, 1);
        }
        if (rows[j] !== undefined) rows[j] = parts.join(",");
      }
      let text = [r.chance(0.05) ? header.replace("value", "valu") : header, ...rows].join(r.chance(0.2) ? "\r\n" : "\n");
      if (r.chance(0.05)) text = "\uFEFF" + text;
      if (r.chance(0.03)) text = "";
      t.cases++;
      try {
        const parsed = parseEvHistoryCsv(text, "fuzz.csv");
        // A backtest of every hundredth history that parses (each fits the pooled panel with the planner's own
        // engine, seconds apiece): it fits and forecasts, or refuses clearly.
        if (i % 100 === 0) {
          const series = listShareSeries(parsed);
          if (series.length) {
            const b = backtest(parsed, series[0].region, series[0].mode, { fitUntil: 2020, file: "fuzz.csv" });
            const all = [...b.forecast, ...b.naive, b.mae.model, b.mae.naive];
            if (!all.every(Number.isFinite)) t.nonPhysical.push(`csv case ${i}: non-finite forecast`);
          }
        }
        t.accepted++;
      } catch (e) {
        if (e instanceof InputError) {
          const bad = e.issues.find(
            (x) => x.file !== "fuzz.csv" || (x.line === undefined && !/empty|no history|not enough|fewer|only|no EV sales share/i.test(x.message)),
          );
          if (bad) t.unclear.push(`csv case ${i}: ${JSON.stringify(bad)}`);
          else t.refused++;
        } else t.internal.push(`csv case ${i}: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
    expect(t.internal.slice(0, 3)).toEqual([]);
    expect(t.unclear.slice(0, 3)).toEqual([]);
    expect(t.nonPhysical).toEqual([]);
    expect(t.accepted).toBeGreaterThan(n / 10);
    expect(t.refused).toBeGreaterThan(n / 10);
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------------------------
// Planner links (packages/web/src/state.ts) and the YAML they export

describe("fuzz: planner links", () => {
  const presets = [...shipped.keys()].map((name) => ({ name }));
  const levers: LeverInfo[] = leverCatalogue(registry, 2025);
  const catalog = { presets, levers };
  const lookupShipped = (name: string): ScenarioSource | undefined => {
    const text = shipped.get(name);
    if (!text) return undefined;
    const p = parseYaml(text, `scenarios/${name}.yaml`);
    return { file: `scenarios/${name}.yaml`, data: p.data, locate: p.locate };
  };
  const model = new Model(registry, lookupShipped);
  const compiled = new Map<string, CompiledScenario>();
  const compiledOf = (name: string) => compiled.get(name) ?? compiled.set(name, model.compile(name)).get(name)!;
  const values = ["5", "-1", "1e308", "0x10", "NaN", "Infinity", "", "0.5", "1e-9", "abc", "%E0%A4%A", "１", "1,5", "2e", "-0"];

  it("are clamped and cleaned, run to physical outputs, and export YAML that validates", () => {
    const r = rng(SEED + 3);
    const t = tally("links");
    const n = Math.round(2500 * SCALE);
    for (let i = 0; i < n; i++) {
      const parts: string[] = [`s=${r.chance(0.85) ? r.pick(presets).name : r.pick(["nosuch", "", "%", "REFERENCE", "a/b"])}`];
      if (r.chance(0.3)) parts.push(`c=${r.chance(0.8) ? r.pick(presets).name : r.pick(["gone", "%", "x y"])}`);
      if (r.chance(0.2)) parts.push(`l=${r.pick(["ur", "en", "fr", ""])}`);
      const k = r.int(6);
      for (let j = 0; j < k; j++) {
        const l = r.pick(levers);
        const series = r.chance(0.85) ? l.series : r.pick(["no.such", l.series + "x", "", "o."]);
        const v = r.chance(0.5) ? String(l.min + (l.max - l.min) * (r.next() * 1.4 - 0.2)) : r.pick(values);
        parts.push(`o.${series}=${v}`);
      }
      if (r.chance(0.05)) parts.push(r.pick(["%", "&&&", "=x", "o.=1", "x=" + "y".repeat(20_000)]));
      const hash = "#" + parts.join("&");
      t.cases++;
      try {
        const parsed = parseState(hash);
        const { state, notices } = checkState(parsed.state, catalog);
        const reported = parsed.notices.length + notices.length > 0;
        // Everything left is known and in range.
        const ok =
          presets.some((p) => p.name === state.preset) &&
          (state.compare === "" || presets.some((p) => p.name === state.compare)) &&
          Object.entries(state.overrides).every(([s, x]) => {
            const l = levers.find((y) => y.series === s);
            return l !== undefined && x >= l.min && x <= l.max;
          });
        if (!ok) {
          t.unclear.push(`link case ${i}: ${hash.slice(0, 200)} left ${JSON.stringify(state).slice(0, 200)}`);
          continue;
        }
        // The state written back reads as itself.
        const again = checkState(parseState(writeState(state)).state, catalog);
        if (writeState(again.state) !== writeState(state) || again.state.lang !== state.lang || again.notices.length)
          t.unclear.push(`link case ${i}: does not round-trip: ${writeState(state)} ${JSON.stringify(again.notices)}`);
        // Run it as the worker does (every tenth case), and validate the exported scenario (every fifth).
        const preset = compiledOf(state.preset);
        const params = new Float64Array(preset.params);
        const applied: Record<string, Record<number, number>> = {};
        if (i % 5 === 0)
          for (const [series, x] of Object.entries(state.overrides)) {
            const from = levers.find((l) => l.series === series)!.fromYear;
            const target = leverTarget(registry, preset, series, from);
            applyLever(target, preset, params, x);
            applied[series] = datedPath(params, target.offsets[0], preset, from);
          }
        if (i % 10 === 0) {
          const out = model.evaluate(preset, params).out;
          const v = physicalViolations(out, preset.nYears, preset.baseYear, 1);
          if (v.length) t.nonPhysical.push(`link case ${i}: ${violationText(v[0])}`);
        }
        if (i % 5 === 0) {
          const yaml = scenarioYaml(state as ViewState, applied, preset.counterfactual);
          const p = parseYaml(yaml, "exported.yaml");
          model.check(String((p.data as { name: string }).name), { file: "exported.yaml", data: p.data, locate: p.locate });
        }
        // "Refused clearly" here: the link had something ignored or clamped, and a notice says so.
        if (reported) t.refused++;
        else t.accepted++;
      } catch (e) {
        t.internal.push(`link case ${i}: ${hash.slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(t.internal.slice(0, 3)).toEqual([]);
    expect(t.unclear.slice(0, 3)).toEqual([]);
    expect(t.nonPhysical).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Shard files

describe("fuzz: shard files", () => {
  it("damaged, edited or truncated shards are refused; only the untouched file merges", async () => {
    const sweep = await createSweep({
      kind: "uncertainty",
      scenario: "nevp-2025-30",
      samples: 3,
      metrics: ["ev_sales_share"],
      data: join(root, "data/pakistan"),
      scenarios: scenarioDir,
    });
    const records = runSweep(sweep);
    const good = join(tmp, "good.shard");
    writeShard(good, { meta: sweep.meta, shard: { index: 0, count: 1 }, from: 0, to: sweep.meta.count }, records);
    const bytes = readFileSync(good);
    const r = rng(SEED + 4);
    const t = tally("shards");
    const n = Math.round(1000 * SCALE);
    const file = join(tmp, "fuzz.shard");
    for (let i = 0; i < n; i++) {
      let b = Buffer.from(bytes);
      switch (r.int(5)) {
        case 0: {
          const at = r.int(b.length);
          b[at] ^= 1 << r.int(8);
          break;
        }
        case 1:
          b = b.subarray(0, r.int(b.length));
          break;
        case 2:
          b = Buffer.concat([b, Buffer.from([r.int(256)])]);
          break;
        case 3: {
          // An edit of the header's text that keeps it valid JSON.
          const s = b.toString("latin1").replace(/"count":(\d+)/, (_, d) => `"count":${Number(d) + 1 + r.int(3)}`);
          b = Buffer.from(s, "latin1");
          break;
        }
        default: {
          // A record replaced by NaN or by another finite value.
          const nl = b.indexOf(0x0a, 15);
          const start = nl + 1 + ((8 - ((nl + 1) % 8)) % 8);
          const at = start + 8 * r.int((b.length - start) / 8);
          b.writeDoubleLE(r.chance(0.5) ? Number.NaN : r.next(), at);
        }
      }
      writeFileSync(file, b);
      t.cases++;
      try {
        readShard(file);
        if (b.equals(bytes)) t.accepted++;
        else t.unclear.push(`shard case ${i}: a changed file was accepted`);
      } catch (e) {
        if (e instanceof CliError) t.refused++;
        else t.internal.push(`shard case ${i}: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
    expect(t.internal.slice(0, 3)).toEqual([]);
    expect(t.unclear.slice(0, 3)).toEqual([]);
  });
});
