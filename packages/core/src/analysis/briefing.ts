// The analyst's first questions about a run, answered from the model (shared by the web planner's first screen, the
// exports and `evplan brief`): what would it take to reach a target, when do the policies switch on and off, and
// why did a figure change between two settings (one input at a time, with the interaction remainder).
import type { Registry } from "../registry/registry.js";
import type { CompiledScenario } from "../scenario/resolve.js";
import { leverTarget } from "./levers.js";
import type { Model, RunResult } from "./model.js";
import { cumulative, metricValue } from "./read.js";
import { UnreachableTarget, solveLever, type SolveTarget } from "./solve.js";

/** Levers tried for the EV-share target, in the order they are offered: the programme first, then prices, then rules. */
export const WHAT_IT_TAKES_LEVERS = ["policy.subsidy_scale", "policy.nev_levy_rate", "taxes.carbon_levy", "policy.min_ev_share"] as const;

export interface LeverAnswer {
  readonly lever: string;
  readonly unit: string;
  readonly fromYear: number;
  /** The lever's value in the settings asked about (the first key's, for an indexed lever). */
  readonly current: number;
  /** The value that reaches the target (verified by a fresh run), or null if the lever's range cannot. */
  readonly value: number | null;
  /** The target metric in the verification run, or the closest reached within the range. */
  readonly achieved: number;
  /** Net fiscal cost from the base year to the target year in the verification run (PKR; + is a cost). */
  readonly fiscalCost: number | null;
  readonly range: readonly [number, number];
}

export interface WhatItTakes {
  readonly target: SolveTarget & { readonly label: string };
  readonly current: number;
  readonly currentFiscalCost: number;
  readonly alreadyMet: boolean;
  readonly answers: readonly LeverAnswer[];
}

/** For each lever in turn (others as set), the value that makes the metric hit the target, and its fiscal cost. */
export function whatItTakes(
  model: Model,
  registry: Registry,
  c: CompiledScenario,
  target: SolveTarget & { label: string },
  levers: readonly string[] = WHAT_IT_TAKES_LEVERS,
): WhatItTakes {
  const base = model.evaluate(c);
  const current = metricValue(base, target.metric, target.segment, target.year);
  const currentFiscalCost = cumulative(base, "net_fiscal", "total", c.baseYear, target.year);
  const answers: LeverAnswer[] = [];
  for (const name of levers) {
    if (!registry.parameters.get(name)?.lever) continue;
    const l = leverTarget(registry, c, name);
    const range: [number, number] = [Math.max(l.range![0], l.bounds[0]), Math.min(l.range![1], l.bounds[1])];
    const now = c.params[l.offsets[0] + (l.fromYear - c.baseYear)];
    try {
      const r = solveLever(model, c, l, target, range[0], range[1]);
      answers.push({
        lever: name,
        unit: l.unit,
        fromYear: l.fromYear,
        current: now,
        value: r.value,
        achieved: r.achieved,
        fiscalCost: cumulative(r.verification, "net_fiscal", "total", c.baseYear, target.year),
        range,
      });
    } catch (e) {
      if (!(e instanceof UnreachableTarget)) throw e;
      answers.push({ lever: name, unit: l.unit, fromYear: l.fromYear, current: now, value: null, achieved: e.best, fiscalCost: null, range });
    }
  }
  const alreadyMet = current >= target.value - 1e-9 * Math.max(1, Math.abs(target.value));
  return { target, current, currentFiscalCost, alreadyMet, answers };
}

export interface PolicyEvent {
  readonly year: number;
  readonly kind: "subsidy_end" | "levy_start";
}

/** The slots of a parameter's series (the parameter itself, or its keyed series `prefix.key`). */
function slotsOf(c: CompiledScenario, prefix: string): number[] {
  const out: number[] = [];
  for (const [name, slot] of c.slots) if (name === prefix || name.startsWith(prefix + ".")) out.push(slot);
  return out;
}

function anyPositive(c: CompiledScenario, params: Float64Array, slots: readonly number[], t: number): boolean {
  for (const slot of slots) if (params[slot * c.nYears + t] > 0) return true;
  return false;
}

/**
 * The years a policy switches: the first year without purchase subsidies after years with them, and the first year
 * of the NEV levy. Read from the settings (parameter buffer), not from the results.
 */
export function policyEvents(c: CompiledScenario, params: Float64Array = c.params): PolicyEvent[] {
  const events: PolicyEvent[] = [];
  const scaleSlot = c.slots.get("policy.subsidy_scale");
  // The slots found once, not per year: the scan over every slot name was most of a first run's cost here.
  const perVehicle = slotsOf(c, "policy.subsidy_per_vehicle");
  const perKwh = slotsOf(c, "policy.subsidy_per_kwh");
  const levy = slotsOf(c, "policy.nev_levy_rate");
  const subsidised = (t: number) =>
    (scaleSlot === undefined || params[scaleSlot * c.nYears + t] > 0) && (anyPositive(c, params, perVehicle, t) || anyPositive(c, params, perKwh, t));
  for (let t = 1; t < c.nYears; t++)
    if (subsidised(t - 1) && !subsidised(t)) {
      events.push({ year: c.baseYear + t, kind: "subsidy_end" });
      break;
    }
  for (let t = 0; t < c.nYears; t++)
    if (anyPositive(c, params, levy, t)) {
      if (t > 0) events.push({ year: c.baseYear + t, kind: "levy_start" });
      break;
    }
  return events;
}

export interface ChangeMetric {
  readonly id: string;
  readonly value: (r: RunResult) => number;
}

export interface ChangeFactor {
  /** A parameter id, or "mode" for the modelling mode of the segments (targets or market). */
  readonly factor: string;
  /** Effect on each metric of moving this input alone from the comparison to the current settings. */
  readonly effects: readonly number[];
}

export interface ChangeDecomposition {
  readonly metrics: readonly string[];
  /** Each metric in the comparison and in the current settings. */
  readonly from: readonly number[];
  readonly to: readonly number[];
  /** Inputs that differ, largest effect on the first metric first; negligible ones are dropped into `other`. */
  readonly factors: readonly ChangeFactor[];
  /** Total change minus the sum of the one-at-a-time effects (what the inputs do together). */
  readonly interaction: readonly number[];
}

/**
 * Why a figure differs between the comparison `from` and the current settings `to`: each input that differs (a
 * parameter's whole path, or the mode) is moved alone from `from` to `to`; its effect is the change of each metric
 * from `from`. The interaction remainder makes the parts add up to the total exactly. Both scenarios must come from
 * the same registry (same slots).
 */
export function decomposeChange(model: Model, from: CompiledScenario, to: CompiledScenario, metrics: readonly ChangeMetric[]): ChangeDecomposition {
  if (from.nYears !== to.nYears || from.baseYear !== to.baseYear || from.params.length !== to.params.length)
    throw new Error("decomposeChange: the two scenarios have different year ranges or parameters");
  const T = from.nYears;
  const measure = (r: RunResult) => metrics.map((m) => m.value(r));
  const a = measure(model.evaluate(from));
  const b = measure(model.evaluate(to));
  // Group the series that differ by parameter (series `p.key` belongs to parameter `p`).
  const byParam = new Map<string, number[]>();
  for (const [name, slot] of from.slots) {
    let differs = false;
    for (let t = 0; t < T && !differs; t++) differs = from.params[slot * T + t] !== to.params[slot * T + t];
    if (!differs) continue;
    const p = model.registry.series.get(name)?.parameter.name ?? name;
    byParam.set(p, [...(byParam.get(p) ?? []), slot]);
  }
  const factors: ChangeFactor[] = [];
  const params = new Float64Array(from.params.length);
  for (const [p, slots] of byParam) {
    params.set(from.params);
    for (const s of slots) params.set(to.params.subarray(s * T, (s + 1) * T), s * T);
    const x = measure(model.evaluate(from, params));
    factors.push({ factor: p, effects: x.map((v, i) => v - a[i]) });
  }
  if (from.modes.some((m, i) => m !== to.modes[i])) {
    const x = measure(model.evaluate({ ...from, modes: to.modes }));
    factors.push({ factor: "mode", effects: x.map((v, i) => v - a[i]) });
  }
  factors.sort((p, q) => Math.abs(q.effects[0]) - Math.abs(p.effects[0]) || Math.abs(q.effects[1] ?? 0) - Math.abs(p.effects[1] ?? 0));
  const interaction = b.map((v, i) => v - a[i] - factors.reduce((s, f) => s + f.effects[i], 0));
  return { metrics: metrics.map((m) => m.id), from: a, to: b, factors, interaction };
}

/** The two figures the decomposition explains by default: the EV share of new sales in `year` and the net fiscal cost to it. */
export function headlineChangeMetrics(baseYear: number, year = 2030): ChangeMetric[] {
  return [
    { id: `ev_sales_share_${year}`, value: (r) => metricValue(r, "ev_sales_share", "total", year) },
    { id: `net_fiscal_cum_${year}`, value: (r) => cumulative(r, "net_fiscal", "total", baseYear, year) },
  ];
}

export interface SettingDifference {
  readonly parameter: string;
  readonly label: string;
  readonly unit: string;
  /** The index key (segment, charger type...), if the parameter is indexed. */
  readonly key?: string;
  readonly year: number;
  readonly value: number;
  readonly reference: number;
  /** The first reference of the data pack, or the assumption text. */
  readonly source: string;
  readonly url?: string;
}

/**
 * The settings of `c` that differ from `reference`, one row per series, read in the first year they differ (and the
 * value then). For the brief and the Settings sheet: "what is assumed differently from the reference, and on what
 * authority".
 */
export function settingDifferences(registry: Registry, c: CompiledScenario, reference: CompiledScenario): SettingDifference[] {
  const T = c.nYears;
  const rows: SettingDifference[] = [];
  for (const [name, slot] of c.slots) {
    const refSlot = reference.slots.get(name);
    if (refSlot === undefined) continue;
    let t = 0;
    while (t < T && c.params[slot * T + t] === reference.params[refSlot * T + t]) t++;
    if (t === T) continue;
    const s = registry.series.get(name);
    const p = s?.parameter ?? registry.parameters.get(name);
    if (!p) continue;
    const ref = p.references[0];
    rows.push({
      parameter: p.name,
      label: p.label,
      unit: p.unit,
      key: s?.key,
      year: c.baseYear + t,
      value: c.params[slot * T + t],
      reference: reference.params[refSlot * T + t],
      source: ref ? `${ref.publisher}, ${ref.date}: ${ref.title}` : `Assumption: ${p.assumption ?? "see the data pack"}`,
      url: ref?.url,
    });
  }
  return rows;
}
