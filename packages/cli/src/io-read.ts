// Reading input files with a bound: the core's reader (@evplan/core/node/read), whose FileReadError the command
// prints like its own usage errors (main.ts).
export { FileReadError, MAX_CSV_BYTES, MAX_YAML_BYTES, ioReason, readBounded, readTextBounded } from "@evplan/core/node/read";
