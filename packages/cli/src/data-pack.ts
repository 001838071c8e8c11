// The data-pack loader lives in the core's Node entry (`@evplan/core/node`), so library users share it; the CLI
// re-exports it for its own modules.
export { listYamlFiles, loadRegistry, parameterName, readParameterSources } from "@evplan/core/node";
