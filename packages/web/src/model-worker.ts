// The model in a Web Worker: the bundled data pack and scenarios, the pure core, and nothing else.
import pack from "virtual:evplan-pack";
import {
  InputError,
  Model,
  buildRegistry,
  formatIssue,
  listShareSeries,
  parameterInfo,
  parseEvHistoryCsv,
  backtest,
  runSensitivity,
  runUncertainty,
  type EvHistoryRow,
  type TornadoReport,
  type ScenarioSource,
} from "@evplan/core";
import { PlannerModel } from "./planner";
import type { ParameterInfo, PresetInfo, Reply, Request } from "./protocol";

const registry = buildRegistry(pack.parameters);
const scenarios = new Map<string, ScenarioSource>(pack.scenarios.map((s) => [s.name, { file: s.file, data: s.data }]));
const model = new Model(registry, (name) => scenarios.get(name));

function post(reply: Reply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(reply, transfer);
}

const planner = new PlannerModel(model, registry, 2025);
let history: EvHistoryRow[] | null = null;

self.onmessage = (event: MessageEvent<Request>) => {
  const msg = event.data;
  try {
    if (msg.type === "init") {
      const parameters: ParameterInfo[] = [...registry.parameters.values()].sort((a, b) => a.name.localeCompare(b.name)).map(parameterInfo);
      const presets: PresetInfo[] = pack.scenarios.map((s) => {
        const c = model.compile(s.name);
        return { name: c.name, title: c.title, description: c.description, counterfactual: c.counterfactual };
      });
      post({ type: "init", levers: planner.levers, parameters, presets });
      return;
    }
    if (msg.type === "uncertainty") {
      const c = planner.planner(msg.preset, msg.overrides);
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
    const reply = planner.run(msg.id, msg.preset, msg.overrides, () => performance.now(), msg.years);
    post(reply, reply.counterfactual ? [reply.main.buffer, reply.counterfactual.buffer] : [reply.main.buffer]);
  } catch (e) {
    const message = e instanceof InputError ? e.issues.map(formatIssue).join("\n") : e instanceof Error ? e.message : String(e);
    post({ type: "error", id: "id" in msg ? msg.id : undefined, message });
  }
};
