// The lever catalogue: every parameter the data pack declares a lever, one entry per series, with its group,
// range, step and the year from which a control moves it. The web planner builds its controls from this; goal
// seek and the CLI read the same defaults.
import { INDEX_KEYS } from "../domain.js";
import type { Parameter, Registry } from "../registry/registry.js";
import type { LeverDirection } from "../registry/schema.js";
import { LEVER_GROUPS } from "../registry/lever-groups.js";
import { keyLabel } from "./labels.js";
import { provenance, sourceLine, type Provenance } from "./parameters.js";

export interface LeverInfo {
  /** Series name the control sets (`policy.subsidy_scale`, `policy.subsidy_per_vehicle.two_wheeler`). */
  readonly series: string;
  readonly parameter: string;
  readonly key?: string;
  /** The parameter's label, and the key's (segment, charger type, ...) if the series is one of several. */
  readonly label: string;
  readonly keyLabel?: string;
  readonly unit: string;
  readonly group: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly fromYear: number;
  readonly description: string;
  readonly source: string;
  readonly url?: string;
  readonly provenance: Provenance;
  /** Which way raising the lever should move EV adoption, and why where it can go either way or not at all. */
  readonly direction: LeverDirection;
  readonly directionNote?: string;
  /** Modes in which the lever moves adoption. */
  readonly actsIn: readonly ("targets" | "market")[];
}

/** The first year a lever moves when its file does not say: the year after the base year (the first policy year). */
export function defaultLeverYear(p: Parameter, baseYear: number): number {
  return p.lever?.from_year ?? baseYear + 1;
}

export function leverCatalogue(registry: Registry, baseYear: number): LeverInfo[] {
  const out: LeverInfo[] = [];
  for (const p of registry.parameters.values()) {
    if (!p.lever) continue;
    const keys: (string | undefined)[] = p.index ? [...INDEX_KEYS[p.index]] : [undefined];
    for (const key of keys) {
      out.push({
        series: key ? `${p.name}.${key}` : p.name,
        parameter: p.name,
        key,
        label: p.label,
        keyLabel: key ? keyLabel(key) : undefined,
        unit: p.unit,
        group: p.lever.group,
        min: p.lever.min,
        max: p.lever.max,
        step: p.lever.step ?? (p.lever.max - p.lever.min) / 100,
        fromYear: defaultLeverYear(p, baseYear),
        description: p.description,
        source: sourceLine(p),
        url: p.references[0]?.url,
        provenance: provenance(p),
        direction: p.lever.direction,
        directionNote: p.lever.direction_note,
        actsIn: p.lever.acts_in ?? ["targets", "market"],
      });
    }
  }
  return out.sort((a, b) => LEVER_GROUPS.indexOf(a.group as never) - LEVER_GROUPS.indexOf(b.group as never));
}
