// The registry the build validated (vite.config.ts, evplanPack), read back in the worker: one JSON.parse and the
// maps rebuilt, instead of running the data pack's schemas over 137 files at every start.
import type { Parameter, Registry, Series } from "@evplan/core/runtime";

type Stored = Omit<Parameter, "series"> & { series: Omit<Series, "parameter">[] };

/** Numbers JSON cannot hold were written as {"$n": "Infinity" | "-Infinity" | "NaN" | "-0"}. */
const revive = (_k: string, v: unknown) =>
  v !== null && typeof v === "object" && "$n" in v && Object.keys(v).length === 1 ? Number((v as { $n: string }).$n) : v;

export function registryFromText(text: string): Registry {
  const stored = JSON.parse(text, revive) as Stored[];
  const parameters = new Map<string, Parameter>();
  const series = new Map<string, Series>();
  for (const sp of stored) {
    const param = { ...sp, series: [] as Series[] };
    for (const s of sp.series) {
      const full: Series = { ...s, parameter: param };
      param.series.push(full);
      series.set(full.name, full);
    }
    parameters.set(param.name, param);
  }
  return { parameters, series };
}
