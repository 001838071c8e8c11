// What the build made for the worker (vite.config.ts, evplanPack), read back: the registry it validated (one
// JSON.parse and the maps rebuilt, instead of running the data pack's schemas over 137 files at every start), and
// each preset compiled with its counterfactual.
import type { Parameter, Registry, Series } from "@evplan/core/runtime";
import { decodeCompiled } from "./compiled-form";

export { decodeCompiled };

type Stored = Omit<Parameter, "series"> & { series: Omit<Series, "parameter">[] };

export function registryFromText(text: string): Registry {
  // Written with encodeCompiled (vite.config.ts): one parse without a reviver, which cost more than the parse.
  const stored = decodeCompiled(text) as Stored[];
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
