// The compact form of what the build compiles for the worker (vite.config.ts writes it, the worker reads it back):
// the core's compact JSON (io/compact-json.ts), with Float64Arrays as runs of bit-identical values (19,663 of
// 21,270 cells of nevp-2025-30 repeat the one before).
import { decodeCompact, encodeCompact } from "@evplan/core/runtime";

export function encodeCompiled(x: unknown): string {
  return encodeCompact(x, { runs: true });
}

export function decodeCompiled(text: string): unknown {
  return decodeCompact(text, "a compiled preset");
}
