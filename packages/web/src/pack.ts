// The registry the build validated (vite.config.ts, evplanPack), read back in the worker: one JSON.parse and the
// links rebuilt, instead of running the data pack's schemas over 137 files at every start.
import { linkRegistry, type Registry, type StoredParameter } from "@evplan/core/runtime";
import { decodeCompiled } from "./compiled-form";

export function registryFromText(text: string): Registry {
  // Written with encodeCompiled (vite.config.ts): one parse without a reviver, which cost more than the parse.
  return linkRegistry(decodeCompiled(text) as StoredParameter[]);
}
