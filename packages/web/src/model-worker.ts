// The model in a Web Worker: the bundled data pack and scenarios, the pure core, and nothing else. It starts on the
// core's runtime entry (no schema library, no YAML parser, no scenario compiler): each bundled preset was compiled
// with its counterfactual at build time (vite.config.ts) and is read back from a chunk of its own when first run. The
// rest of the core (the compiler and zod, the background analyses) loads on the first request that needs it.
import pack, { compiledPresets } from "virtual:evplan-pack";
import {
  InputError,
  Model,
  outputLength,
  formatIssue,
  type CheckedScenario,
  type EvHistoryRow,
  type TornadoReport,
  type ScenarioSource,
} from "@evplan/core/runtime";
import { PlannerModel } from "./planner";
import { decodeCompiled } from "./compiled-form";
import { registryFromText } from "./pack";
import { DEFAULT_STATE } from "./state";
import { slicedUncertainty } from "./sliced-uncertainty";
import type { AnalysisReply, ParameterInfo, PresetInfo, Reply, Request, YearEdits } from "./protocol";

// Validated at build time (vite.config.ts): read back, not validated again.
const registry = registryFromText(pack.registry);
const scenarios = new Map<string, ScenarioSource>(pack.scenarios.map((s) => [s.name, { file: s.file, data: s.data }]));
/** Bundled presets read back from their build-time compilation (scenario and counterfactual). */
const precompiled = new Map<string, CheckedScenario>();
/** Bundled presets an outside scenario of the same name replaced (`evplan brief <file>`): compiled here instead. */
const replaced = new Set<string>();
const model = new Model(registry, (name) => scenarios.get(name), { precompiled: (name, from) => (from ? undefined : precompiled.get(name)) });

/** The full core, loaded once: installs the scenario compiler, and brings the background analyses. */
type FullCore = typeof import("@evplan/core");
let full: Promise<FullCore> | null = null;
let core: FullCore | null = null;
const fullCore = () =>
  (full ??= import("@evplan/core").then((c) => {
    // Constructing the full core's Model installs its scenario compiler for every Model (scenario/compiler.ts).
    new c.Model(registry, (name) => scenarios.get(name));
    return (core = c);
  }));

const loaders = compiledPresets as Record<string, () => Promise<{ default: string }>>;
const loading = new Map<string, Promise<void>>();
/** Reads a bundled preset's compiled form, once; null when there is none to wait for. */
function loadPreset(name: string): Promise<void> | null {
  if (precompiled.has(name) || replaced.has(name) || !Object.hasOwn(loaders, name)) return null;
  let p = loading.get(name);
  if (!p)
    loading.set(
      name,
      (p = loaders[name]().then(
        (m) => {
          if (!replaced.has(name)) precompiled.set(name, decodeCompiled(m.default) as CheckedScenario);
        },
        (e: unknown) => {
          // Not kept: the next request for the preset tries again.
          loading.delete(name);
          throw e;
        },
      )),
    );
  return p;
}

/** The requests that wait their turn in the queue (a `cancel-analysis` is read at once). */
type Queued = Exclude<Request, { type: "cancel-analysis" }>;

/** What a request needs before it runs: its presets read back, and the full core unless a run has all it needs. */
async function prepare(msg: Queued): Promise<void> {
  if (msg.type === "release" || msg.type === "backtest") return msg.type === "backtest" ? void (await fullCore()) : undefined;
  if (msg.type === "init") {
    // The preset the page will run first: read while the catalogue is answered and the page renders (a failure
    // shows on the run that needs it).
    void loadPreset(msg.preset ?? DEFAULT_STATE.preset)?.catch(() => {});
    if (msg.extra?.length) await fullCore();
    return;
  }
  const names = msg.type === "decompose" ? [msg.preset, msg.fromPreset] : [msg.preset];
  for (const n of names) await loadPreset(n);
  if ((msg.type !== "run" && msg.type !== "warm") || names.some((n) => !precompiled.has(n))) await fullCore();
}

function post(reply: Reply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(reply, transfer);
}

const planner = new PlannerModel(model, registry, 2025);
let history: EvHistoryRow[] | null = null;
/** Output buffers the page handed back (replies it dropped): the next runs write into them instead of allocating. */
const spare: Float64Array[] = [];

/** The first screen's background answers, once per setting (the key is the preset and the sorted overrides). */
const analysisCache = new Map<string, Omit<AnalysisReply, "id">>();

/** First-screen answers asked for up to this request id are no longer wanted (`cancel-analysis`). */
let analysesCancelledUpTo = 0;
/** A task boundary that lets the worker read its messages: a message to itself (no timer clamping). */
const yieldChannel = new MessageChannel();
const giveWay = () =>
  new Promise<void>((resolve) => {
    yieldChannel.port1.onmessage = () => resolve();
    yieldChannel.port2.postMessage(null);
  });

/**
 * "What it takes" and "how sure" for a setting, or null when the page moved on before they were done: the Monte
 * Carlo runs in slices and stops at the first slice after a `cancel-analysis` that covers this request.
 */
async function analysis(
  id: number,
  preset: string,
  overrides: Record<string, number>,
  samples: number,
  years: YearEdits = {},
): Promise<Omit<AnalysisReply, "id"> | null> {
  const key = JSON.stringify([preset, samples, Object.entries(overrides).sort(), Object.entries(years).sort()]);
  const hit = analysisCache.get(key);
  if (hit) return { ...hit, millis: 0 };
  const abandoned = () => id <= analysesCancelledUpTo;
  if (abandoned()) return null;
  const t0 = performance.now();
  const c = planner.planner(preset, overrides, years);
  const t = c.targets.find((x) => x.metric === "ev_sales_share" && x.segment === "total" && x.year === 2030);
  const target = { metric: "ev_sales_share", segment: "total", year: 2030, value: t?.value ?? 0.3, label: t?.label ?? "30% of all new sales electric" };
  const { whatItTakes, settingDifferences } = core!;
  const w = whatItTakes(model, registry, c, target);
  const report = await slicedUncertainty(core!, model, c, { samples, seed: 1, metrics: ["ev_sales_share"], difference: false }, abandoned, giveWay);
  if (!report) return null;
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

// Requests are handled in the order they came, each once what it needs is loaded (at most a chunk or two, once).
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<Request>) => {
  const msg = event.data;
  // Read at once, not queued: an answer being computed checks it between slices.
  if (msg.type === "cancel-analysis") {
    analysesCancelledUpTo = Math.max(analysesCancelledUpTo, msg.upTo);
    return;
  }
  queue = queue.then(() =>
    prepare(msg).then(
      () => handle(msg),
      (e: unknown) => fail(msg, e),
    ),
  );
};

function fail(msg: Request, e: unknown): void {
  const message = e instanceof InputError ? e.issues.map(formatIssue).join("\n") : e instanceof Error ? e.message : String(e);
  post({ type: "error", id: "id" in msg ? msg.id : undefined, message });
}

function handle(msg: Queued): void | Promise<void> {
  try {
    if (msg.type === "init") {
      // A scenario from outside the bundle (evplan brief <file>): known to the model before the presets are listed.
      for (const x of msg.extra ?? []) {
        scenarios.set(x.name, { file: x.file, data: x.data });
        replaced.add(x.name);
        precompiled.delete(x.name);
        if (!pack.scenarios.some((s) => s.name === x.name)) pack.scenarios.push(x);
      }
      // Made at build time from the same registry (vite.config.ts).
      const parameters = JSON.parse(pack.parameters) as ParameterInfo[];
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
      const { runUncertainty, runSensitivity } = core!;
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
    if (msg.type === "analysis")
      return analysis(msg.id, msg.preset, msg.overrides, msg.samples, msg.years).then(
        (reply) => {
          if (reply) post({ ...reply, id: msg.id });
        },
        (e: unknown) => fail(msg, e),
      );
    if (msg.type === "decompose") {
      const { decomposeChange, headlineChangeMetrics } = core!;
      const to = planner.planner(msg.preset, msg.overrides, msg.years);
      const from = planner.planner(msg.fromPreset, msg.fromOverrides);
      const decomposition = decomposeChange(model, from, to, headlineChangeMetrics(to.baseYear));
      const factorLabels: Record<string, string> = {};
      for (const f of decomposition.factors) factorLabels[f.factor] = registry.parameters.get(f.factor)?.label ?? f.factor;
      post({ type: "decompose", id: msg.id, decomposition, factorLabels });
      return;
    }
    if (msg.type === "backtest") {
      const { parseEvHistoryCsv, listShareSeries, backtest } = core!;
      if (msg.text !== undefined) history = parseEvHistoryCsv(msg.text, msg.file ?? "uploaded file");
      if (!history) throw new Error("no history file loaded");
      const series = listShareSeries(history);
      const region = msg.region ?? series[0]?.region;
      const mode = msg.mode ?? series.find((x) => x.region === region)?.mode;
      const result = region && mode ? backtest(history, region, mode, { fitUntil: msg.fitUntil, file: msg.file ?? "uploaded file" }) : null;
      post({ type: "backtest", id: msg.id, series, result });
      return;
    }
    if (msg.type === "warm") return warmUp(msg);
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
    fail(msg, e);
  }
}

/**
 * Once the page has loaded (it says so), the run's code is run `WARM_RUNS` times while the user reads the first
 * screen (`PlannerModel.warmRun`), so that the JIT has optimised it before the first move: on cold code the first
 * moved runs took 78, 30, 11, 9, 8, 10, 3 ms in the worker on the loaded benchmark machine (issue 18, docs/web.md).
 * Each warm-up run is a task of its own, so a request that comes in waits for one run at most.
 */
const WARM_RUNS = 12;
let warmed = false;
function warmUp(first: Extract<Request, { type: "warm" }>): void {
  if (warmed) return;
  warmed = true;
  let n = 0;
  const step = () => {
    try {
      planner.warmRun(first.preset, first.overrides, first.years);
    } catch {
      return; // a setting the page could not run either: nothing to warm, and nothing to tell anyone
    }
    if (++n < WARM_RUNS) setTimeout(step, 0);
  };
  setTimeout(step, 0);
}
