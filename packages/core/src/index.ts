// Public surface of the pure core: the runtime entry (everything that runs a model on a compiled data pack) plus
// what builds one: the parameter and scenario schemas (zod), the YAML reader, the registry builder and the scenario
// compiler.
export * from "./runtime.js";
export * from "./registry/schema.js";
export * from "./registry/build.js";
export * from "./io/yaml.js";
export * from "./scenario/schema.js";
export * from "./scenario/resolve.js";
// Explicit, so it takes the place of the runtime Model that `runtime.js` exports (see model-full.ts).
export { Model } from "./analysis/model-full.js";
