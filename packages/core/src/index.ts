// Public surface of the pure core.
export * from "./domain.js";
export * from "./errors.js";
export * from "./registry/units.js";
export * from "./registry/schema.js";
export * from "./registry/registry.js";
export * from "./io/yaml.js";
export * from "./scenario/schema.js";
export * from "./scenario/resolve.js";
export * from "./engine/inputs.js";
export * from "./engine/metrics.js";
export * from "./engine/layout.js";
export * from "./engine/survival.js";
export * from "./engine/engine.js";
export * from "./analysis/model.js";
export * from "./analysis/read.js";
export * from "./analysis/targets.js";
export * from "./analysis/document.js";
