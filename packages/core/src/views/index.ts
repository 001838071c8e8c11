// What every face lays out: headlines, targets, labels, parameter and lever information, tidy rows.
export * from "./labels.js";
export * from "./parameters.js";
export * from "./levers.js";
export * from "./tidy.js";
export * from "./headlines.js";
export * from "./ledger.js";
