// Target checks: every run reports each target's value, whether it is met, and the gap (value minus target).
import type { RunResult } from "./model.js";
import { metricValue } from "./read.js";

export interface TargetResult {
  readonly metric: string;
  readonly segment: string;
  readonly year: number;
  readonly target: number;
  readonly value: number;
  readonly sense: "at_least" | "at_most";
  readonly met: boolean;
  /** value - target: negative means short of an at-least target, positive means over an at-most target. */
  readonly gap: number;
  readonly label: string;
}

/** Relative slack so that a value equal to its target up to rounding counts as met. */
const TOLERANCE = 1e-9;

/** The slack allowed around a target value. */
export function targetSlack(target: number): number {
  return TOLERANCE * Math.max(1, Math.abs(target));
}

/** Whether `value` meets `target` in the given sense, up to rounding. One rule for runs, sweeps and goal seek. */
export function meetsTarget(value: number, target: number, sense: "at_least" | "at_most"): boolean {
  const slack = targetSlack(target);
  return sense === "at_least" ? value >= target - slack : value <= target + slack;
}

export function evaluateTargets(r: RunResult): TargetResult[] {
  return r.scenario.targets.map((t) => {
    const value = metricValue(r, t.metric, t.segment, t.year);
    const met = meetsTarget(value, t.value, t.sense);
    return { metric: t.metric, segment: t.segment, year: t.year, target: t.value, value, sense: t.sense, met, gap: value - t.value, label: t.label };
  });
}
