// The core without its validators: everything that runs a model on a registry and scenarios compiled earlier (a
// compiled data pack), and nothing that loads zod or the YAML parser. `@evplan/core` is this plus building a
// registry from parameter files and compiling scenario files. A program that starts often (the evplan command)
// imports this entry and loads the rest only on a cache miss; the modules are shared, so mixing both is safe.
export type * from "./registry/schema.js";
export type * from "./scenario/schema.js";
export type { ScenarioSource, ScenarioLookup, Target, AppliedOverride, CompiledScenario, ScenarioFrame } from "./scenario/resolve.js";
export * from "./domain.js";
export * from "./errors.js";
export * from "./registry/units.js";
export * from "./registry/registry.js";
export * from "./engine/inputs.js";
export * from "./engine/metrics.js";
export * from "./engine/layout.js";
export * from "./engine/survival.js";
export * from "./engine/engine.js";
export { PAYBACK_CAP_YEARS, paybackYears } from "./engine/report.js";
export * from "./analysis/model.js";
export * from "./analysis/read.js";
export * from "./analysis/targets.js";
export * from "./analysis/document.js";
export * from "./analysis/documents.js";
export * from "./analysis/key-figures.js";
export * from "./analysis/levers.js";
export * from "./analysis/solve.js";
export * from "./analysis/calibration.js";
export * from "./backtest/csv.js";
export * from "./backtest/history.js";
export * from "./backtest/optimize.js";
export * from "./backtest/logistic.js";
export * from "./backtest/backtest.js";
export * from "./uncertainty/index.js";
export * from "./analysis/golden.js";
export * from "./analysis/physical.js";
export * from "./registry/domains.js";
export * from "./io/issues.js";
export * from "./backtest/battery-prices.js";
export * from "./backtest/country-pack.js";
export * from "./backtest/panel.js";
export * from "./backtest/pooled.js";
export * from "./backtest/damped-trend.js";
export { equilibriumDepth, type ChoiceState } from "./engine/choice.js";
export * from "./numeric/root.js";
export * from "./views/index.js";
export * from "./analysis/briefing.js";
export * from "./report/workbook.js";
export * from "./io/compact-json.js";
