// The model in a Web Worker: the bundled data pack and scenarios, the pure core, and nothing else.
import pack from "virtual:evplan-pack";
import {
  INDEX_KEYS,
  InputError,
  Model,
  applyLever,
  buildRegistry,
  evaluateTargets,
  formatIssue,
  keyFigures,
  leverTarget,
  listShareSeries,
  parseEvHistoryCsv,
  backtest,
  decomposeChange,
  headlineChangeMetrics,
  policyEvents,
  runSensitivity,
  settingDifferences,
  whatItTakes,
  runUncertainty,
  type CompiledScenario,
  type EvHistoryRow,
  type Parameter,
  type RunResult,
  type TornadoReport,
  type ScenarioSource,
} from "@evplan/core";
import type { AnalysisReply, LeverInfo, ParameterInfo, PresetInfo, Reply, Request } from "./protocol";

const registry = buildRegistry(pack.parameters);
const scenarios = new Map<string, ScenarioSource>(pack.scenarios.map((s) => [s.name, { file: s.file, data: s.data }]));
const model = new Model(registry, (name) => scenarios.get(name));

function provenance(p: Parameter): ParameterInfo["provenance"] {
  if (p.references.length && p.assumption) return "sourced+assumption";
  return p.references.length ? "sourced" : "assumption";
}

/** One line per series: `car: 2025 0.6, 2035 0.3` (a value holds until the next dated one). */
function valuesText(p: Parameter): string[] {
  const fmt = (x: number) => (Math.abs(x) >= 1e5 ? x.toLocaleString("en-US", { maximumFractionDigits: 0 }) : String(+x.toPrecision(4)));
  return p.series.map(
    (s) => `${s.key ? `${s.key}: ` : ""}${s.years.map((y, i) => (s.years.length > 1 ? `${y} ${fmt(s.values[i])}` : fmt(s.values[i]))).join(", ")}`,
  );
}

function levers(): LeverInfo[] {
  const out: LeverInfo[] = [];
  for (const p of registry.parameters.values()) {
    if (!p.lever) continue;
    const keys: (string | undefined)[] = p.index ? [...INDEX_KEYS[p.index]] : [undefined];
    const ref = p.references[0];
    for (const key of keys) {
      out.push({
        series: key ? `${p.name}.${key}` : p.name,
        parameter: p.name,
        key,
        label: p.label,
        unit: p.unit,
        group: p.lever.group,
        min: p.lever.min,
        max: p.lever.max,
        step: p.lever.step ?? (p.lever.max - p.lever.min) / 100,
        fromYear: p.lever.from_year ?? 2026,
        description: p.description,
        source: ref ? `${ref.publisher}, ${ref.date}: ${ref.title}` : `Assumption: ${p.assumption ?? ""}`,
        url: ref?.url,
        provenance: provenance(p),
      });
    }
  }
  return out;
}

function post(reply: Reply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(reply, transfer);
}

// Presets compile once; a planner run copies the preset's parameters and sets the moved levers (no recompiling),
// and each preset's counterfactual is evaluated once, since levers do not touch it.
const compiledCache = new Map<string, CompiledScenario>();
const counterfactualCache = new Map<string, RunResult | null>();
const leverList = levers();
let history: EvHistoryRow[] | null = null;

function compiled(name: string): CompiledScenario {
  let c = compiledCache.get(name);
  if (!c) compiledCache.set(name, (c = model.compile(name)));
  return c;
}

function planner(preset: string, overrides: Record<string, number>): CompiledScenario {
  const base = compiled(preset);
  const params = new Float64Array(base.params);
  for (const [series, value] of Object.entries(overrides)) {
    const lever = leverList.find((l) => l.series === series);
    if (!lever) throw new Error(`unknown lever ${series}`);
    applyLever(leverTarget(registry, base, series, lever.fromYear), base, params, value);
  }
  return { ...base, name: `${preset}-planner`, params };
}

function counterfactualRun(preset: CompiledScenario): RunResult | null {
  if (!preset.counterfactual) return null;
  if (!counterfactualCache.has(preset.name)) counterfactualCache.set(preset.name, model.evaluate(compiled(preset.counterfactual)));
  return counterfactualCache.get(preset.name)!;
}

/** The first screen's background answers, once per setting (the key is the preset and the sorted overrides). */
const analysisCache = new Map<string, Omit<AnalysisReply, "id">>();

function analysis(preset: string, overrides: Record<string, number>, samples: number): Omit<AnalysisReply, "id"> {
  const key = JSON.stringify([preset, samples, Object.entries(overrides).sort()]);
  const hit = analysisCache.get(key);
  if (hit) return { ...hit, millis: 0 };
  const t0 = performance.now();
  const c = planner(preset, overrides);
  const t = c.targets.find((x) => x.metric === "ev_sales_share" && x.segment === "total" && x.year === 2030);
  const target = { metric: "ev_sales_share", segment: "total", year: 2030, value: t?.value ?? 0.3, label: t?.label ?? "30% of all new sales electric" };
  const w = whatItTakes(model, registry, c, target);
  const report = runUncertainty(model, c, { samples, seed: 1, metrics: ["ev_sales_share"], difference: false });
  const probabilities = report.targets.map((x) => ({
    metric: x.metric,
    segment: x.segment,
    year: x.year,
    target: x.target,
    label: x.label,
    probability: x.probability_met,
  }));
  const differences = scenarios.has("reference") ? settingDifferences(registry, c, compiled("reference")) : [];
  const reply = { type: "analysis" as const, whatItTakes: w, probabilities, samples, differences, millis: performance.now() - t0 };
  if (analysisCache.size > 200) analysisCache.clear();
  analysisCache.set(key, reply);
  return reply;
}

self.onmessage = (event: MessageEvent<Request>) => {
  const msg = event.data;
  try {
    if (msg.type === "init") {
      for (const x of msg.extra ?? []) {
        scenarios.set(x.name, { file: x.file, data: x.data });
        if (!pack.scenarios.some((s) => s.name === x.name)) pack.scenarios.push(x);
      }
      const parameters: ParameterInfo[] = [...registry.parameters.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({
          name: p.name,
          label: p.label,
          unit: p.unit,
          index: p.index,
          values: valuesText(p),
          provenance: provenance(p),
          references: p.references.map((r) => ({ title: r.title, publisher: r.publisher, date: r.date, url: r.url })),
          assumption: p.assumption,
          description: p.description,
          file: p.file,
        }));
      const presets: PresetInfo[] = pack.scenarios.map((s) => {
        const c = model.compile(s.name);
        return { name: c.name, title: c.title, description: c.description, counterfactual: c.counterfactual };
      });
      post({ type: "init", levers: leverList, parameters, presets });
      return;
    }
    if (msg.type === "uncertainty") {
      const c = planner(msg.preset, msg.overrides);
      const report = runUncertainty(model, c, {
        samples: msg.samples,
        seed: 1,
        metrics: ["ev_sales_share", "co2_ttw", "net_fiscal", "ev_stock"],
        difference: false,
      });
      const tornado = runSensitivity(model, c, {
        method: "tornado",
        metric: { metric: "ev_sales_share", segment: "total", year: 2030 },
      } as never) as TornadoReport;
      post({ type: "uncertainty", id: msg.id, report, tornado });
      return;
    }
    if (msg.type === "analysis") {
      post({ ...analysis(msg.preset, msg.overrides, msg.samples), id: msg.id });
      return;
    }
    if (msg.type === "decompose") {
      const to = planner(msg.preset, msg.overrides);
      const from = planner(msg.fromPreset, msg.fromOverrides);
      const decomposition = decomposeChange(model, from, to, headlineChangeMetrics(to.baseYear));
      const factorLabels: Record<string, string> = {};
      for (const f of decomposition.factors) factorLabels[f.factor] = registry.parameters.get(f.factor)?.label ?? f.factor;
      post({ type: "decompose", id: msg.id, decomposition, factorLabels });
      return;
    }
    if (msg.type === "backtest") {
      if (msg.text !== undefined) history = parseEvHistoryCsv(msg.text, msg.file ?? "uploaded file");
      if (!history) throw new Error("no history file loaded");
      const series = listShareSeries(history);
      const region = msg.region ?? series[0]?.region;
      const mode = msg.mode ?? series.find((x) => x.region === region)?.mode;
      const result = region && mode ? backtest(history, region, mode, { fitUntil: msg.fitUntil, file: msg.file ?? "uploaded file" }) : null;
      post({ type: "backtest", id: msg.id, series, result });
      return;
    }
    const t0 = performance.now();
    const preset = compiled(msg.preset);
    const c = planner(msg.preset, msg.overrides);
    const main = model.evaluate(c, c.params);
    const cfRun = counterfactualRun(preset);
    const run = { main, counterfactual: cfRun, targets: evaluateTargets(main) };
    const leverDefaults: Record<string, number> = {};
    for (const l of leverList) {
      const slot = preset.slots.get(l.series);
      if (slot !== undefined) leverDefaults[l.series] = preset.params[slot * preset.nYears + Math.min(preset.nYears - 1, l.fromYear - preset.baseYear)];
    }
    const capSlot = c.slots.get("grid.installed_capacity")!;
    const gridCapacity = Array.from(c.params.subarray(capSlot * c.nYears, (capSlot + 1) * c.nYears));
    const mainOut = main.out as Float64Array<ArrayBuffer>;
    // The counterfactual's output is cached: send a copy, keep the original.
    const cfOut = cfRun ? (new Float64Array(cfRun.out) as Float64Array<ArrayBuffer>) : null;
    post(
      {
        type: "run",
        id: msg.id,
        baseYear: c.baseYear,
        nYears: c.nYears,
        main: mainOut,
        counterfactual: cfOut,
        counterfactualName: cfRun?.scenario.name ?? null,
        targets: run.targets,
        figures: keyFigures(run),
        leverDefaults,
        gridCapacity,
        events: policyEvents(c),
        millis: performance.now() - t0,
      },
      cfOut ? [mainOut.buffer, cfOut.buffer] : [mainOut.buffer],
    );
  } catch (e) {
    const message = e instanceof InputError ? e.issues.map(formatIssue).join("\n") : e instanceof Error ? e.message : String(e);
    post({ type: "error", id: "id" in msg ? msg.id : undefined, message });
  }
};
