// The model in a Web Worker: the bundled data pack and scenarios, the pure core, and nothing else.
import pack from "virtual:evplan-pack";
import {
  InputError,
  Model,
  outputLength,
  formatIssue,
  listShareSeries,
  parameterInfo,
  parseEvHistoryCsv,
  backtest,
  runSensitivity,
  decomposeChange,
  headlineChangeMetrics,
  settingDifferences,
  whatItTakes,
  runUncertainty,
  type EvHistoryRow,
  type TornadoReport,
  type ScenarioSource,
} from "@evplan/core";
import { PlannerModel } from "./planner";
import { registryFromText } from "./pack";
import type { AnalysisReply, ParameterInfo, PresetInfo, Reply, Request, YearEdits } from "./protocol";

// Validated at build time (vite.config.ts): read back, not validated again.
const registry = registryFromText(pack.registry);
const scenarios = new Map<string, ScenarioSource>(pack.scenarios.map((s) => [s.name, { file: s.file, data: s.data }]));
const model = new Model(registry, (name) => scenarios.get(name));

function post(reply: Reply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(reply, transfer);
}

const planner = new PlannerModel(model, registry, 2025);
let history: EvHistoryRow[] | null = null;
/** Output buffers the page handed back (replies it dropped): the next runs write into them instead of allocating. */
const spare: Float64Array[] = [];

/** The first screen's background answers, once per setting (the key is the preset and the sorted overrides). */
const analysisCache = new Map<string, Omit<AnalysisReply, "id">>();

function analysis(preset: string, overrides: Record<string, number>, samples: number, years: YearEdits = {}): Omit<AnalysisReply, "id"> {
  const key = JSON.stringify([preset, samples, Object.entries(overrides).sort(), Object.entries(years).sort()]);
  const hit = analysisCache.get(key);
  if (hit) return { ...hit, millis: 0 };
  const t0 = performance.now();
  const c = planner.planner(preset, overrides, years);
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
  // Against the counterfactual in this scenario's frame (its context shared), so that the rows are what policy sets.
  const ref = model.counterfactualOf(c) ?? (scenarios.has("reference") ? planner.compiled("reference") : null);
  const differences = ref ? settingDifferences(registry, c, ref) : [];
  const reply = { type: "analysis" as const, whatItTakes: w, probabilities, samples, differences, millis: performance.now() - t0 };
  if (analysisCache.size > 200) analysisCache.clear();
  analysisCache.set(key, reply);
  return reply;
}

self.onmessage = (event: MessageEvent<Request>) => {
  const msg = event.data;
  try {
    if (msg.type === "init") {
      // A scenario from outside the bundle (evplan brief <file>): known to the model before the presets are listed.
      for (const x of msg.extra ?? []) {
        scenarios.set(x.name, { file: x.file, data: x.data });
        if (!pack.scenarios.some((s) => s.name === x.name)) pack.scenarios.push(x);
      }
      const parameters: ParameterInfo[] = [...registry.parameters.values()].sort((a, b) => a.name.localeCompare(b.name)).map(parameterInfo);
      // The bundled presets' entries were made at build time: only a scenario from outside is compiled here, and
      // each preset is compiled when it is first run.
      const presets: PresetInfo[] = pack.scenarios.map((s) => {
        const known = pack.presets.find((p) => p.name === s.name && !msg.extra?.some((x) => x.name === s.name));
        if (known) return known;
        const c = model.compile(s.name);
        const modes = Array.from(c.modes, (m) => (m === 1 ? ("market" as const) : ("targets" as const)));
        return { name: c.name, title: c.title, description: c.description, counterfactual: c.counterfactual, modes, endYear: c.endYear };
      });
      post({ type: "init", levers: planner.levers, parameters, presets });
      return;
    }
    if (msg.type === "uncertainty") {
      const c = planner.planner(msg.preset, msg.overrides, msg.years);
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
      post({ ...analysis(msg.preset, msg.overrides, msg.samples, msg.years), id: msg.id });
      return;
    }
    if (msg.type === "decompose") {
      const to = planner.planner(msg.preset, msg.overrides, msg.years);
      const from = planner.planner(msg.fromPreset, msg.fromOverrides);
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
    if (msg.type === "release") {
      for (const b of msg.buffers) if (spare.length < 4 && b.byteLength > 0) spare.push(new Float64Array(b));
      return;
    }
    const out = spare.find((b) => b.length === outputLength(planner.compiled(msg.preset).nYears));
    if (out) spare.splice(spare.indexOf(out), 1);
    const reply = planner.run(msg.id, msg.preset, msg.overrides, () => performance.now(), msg.years, out);
    // The counterfactual stays in the worker (the planner caches it): it crosses once per preset and context, as
    // a copy (structured clone), and not at all when the page holds it already. The scenario's output is moved.
    if (reply.counterfactualKey !== null && msg.counterfactuals?.includes(reply.counterfactualKey)) reply.counterfactual = null;
    post(reply, [reply.main.buffer]);
  } catch (e) {
    const message = e instanceof InputError ? e.issues.map(formatIssue).join("\n") : e instanceof Error ? e.message : String(e);
    post({ type: "error", id: "id" in msg ? msg.id : undefined, message });
  }
};
