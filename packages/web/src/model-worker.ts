// The model in a Web Worker: the bundled data pack and scenarios, the pure core, and nothing else.
import pack from "virtual:evplan-pack";
import { INDEX_KEYS, InputError, Model, buildRegistry, formatIssue, keyFigures, type Parameter, type ScenarioSource } from "@evplan/core";
import type { LeverInfo, ParameterInfo, PresetInfo, Reply, Request } from "./protocol";

const registry = buildRegistry(pack.parameters);
const scenarios = new Map<string, ScenarioSource>(pack.scenarios.map((s) => [s.name, { file: s.file, data: s.data }]));
const model = new Model(registry, (name) => scenarios.get(name));

function provenance(p: Parameter): ParameterInfo["provenance"] {
  if (p.references.length && p.assumption) return "sourced+assumption";
  return p.references.length ? "sourced" : "assumption";
}

function valuesText(p: Parameter): string {
  const fmt = (x: number) => (Math.abs(x) >= 1e5 ? x.toExponential(2) : String(+x.toPrecision(4)));
  return p.series
    .map((s) => `${s.key ? `${s.key}: ` : ""}${s.years.map((y, i) => (s.years.length > 1 ? `${y} ${fmt(s.values[i])}` : fmt(s.values[i]))).join(", ")}`)
    .join("; ");
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

self.onmessage = (event: MessageEvent<Request>) => {
  const msg = event.data;
  try {
    if (msg.type === "init") {
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
      post({ type: "init", levers: levers(), parameters, presets });
      return;
    }
    const t0 = performance.now();
    const preset = model.compile(msg.preset);
    const overrides: Record<string, Record<string, number>> = {};
    const leverList = levers();
    for (const [series, value] of Object.entries(msg.overrides)) {
      const lever = leverList.find((l) => l.series === series);
      overrides[series] = { [String(lever?.fromYear ?? preset.baseYear + 1)]: value };
    }
    const data = { name: "planner", title: preset.title, extends: msg.preset, counterfactual: preset.counterfactual, overrides };
    const run = model.run("planner", { file: "planner settings", data });
    const c = run.main.scenario;
    const leverDefaults: Record<string, number> = {};
    for (const l of leverList) {
      const slot = preset.slots.get(l.series);
      if (slot !== undefined) leverDefaults[l.series] = preset.params[slot * preset.nYears + Math.min(preset.nYears - 1, l.fromYear - preset.baseYear)];
    }
    const capSlot = c.slots.get("grid.installed_capacity")!;
    const gridCapacity = Array.from(c.params.subarray(capSlot * c.nYears, (capSlot + 1) * c.nYears));
    const main = run.main.out as Float64Array<ArrayBuffer>;
    const cf = (run.counterfactual?.out ?? null) as Float64Array<ArrayBuffer> | null;
    post(
      {
        type: "run",
        id: msg.id,
        baseYear: c.baseYear,
        nYears: c.nYears,
        main,
        counterfactual: cf,
        counterfactualName: run.counterfactual?.scenario.name ?? null,
        targets: run.targets.slice(),
        figures: keyFigures(run),
        leverDefaults,
        gridCapacity,
        millis: performance.now() - t0,
      },
      cf ? [main.buffer, cf.buffer] : [main.buffer],
    );
  } catch (e) {
    const message = e instanceof InputError ? e.issues.map(formatIssue).join("\n") : e instanceof Error ? e.message : String(e);
    post({ type: "error", id: msg.type === "run" ? msg.id : undefined, message });
  }
};
