// Schema problems in words a user can act on. Zod reports a failed union as "Invalid input"; here the branch the
// user evidently meant is chosen from the value's shape and its own, deeper problem is reported instead, with the
// path down to the offending field and the value found.
import { SEGMENTS } from "../domain.js";

/** The parts of a zod issue this module reads (zod 4). */
export interface ZodIssueLike {
  readonly code: string;
  readonly message: string;
  readonly path: readonly PropertyKey[];
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly ZodIssueLike[])[];
  readonly issues?: readonly ZodIssueLike[];
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly origin?: string;
}

export interface Explained {
  readonly path: (string | number)[];
  readonly message: string;
}

const FISCAL_YEAR = /^\d{4}$/;

/** A value as it would appear in the file, short. */
export function shown(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null (an empty value)";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return "a list";
  return "a map";
}

function kindOf(expected: string | undefined): string {
  switch (expected) {
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "string":
      return "text";
    case "record":
    case "object":
    case "map":
      return "a map";
    case "array":
      return "a list";
    case "boolean":
      return "true or false";
    default:
      return expected ?? "another value";
  }
}

function at(root: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

const norm = (path: readonly PropertyKey[]): (string | number)[] => path.map((k) => (typeof k === "symbol" ? String(k) : k)) as (string | number)[];

/** What a field of a scenario or parameter file accepts, for the union fields whose branches all fail at the top. */
function expectation(path: readonly (string | number)[]): string | undefined {
  const head = path[0];
  if (head === "overrides" && path.length === 2)
    return "expected a number, dated values such as {2030: 0.5}, or {values: ..., interpolation: step or linear, unit: ..., note: ...}";
  if (head === "overrides") return "expected a number, or a map by index key such as {car: 0.3, bus: 0.1}";
  if (head === "mode") return 'expected "targets" or "market", or a map by segment such as {default: market, car: targets}';
  if (head === "values") return "expected a number, a map by index key, or {value: ..., reference: [...], note: ...}";
  return undefined;
}

/** Choose the union branch the user meant, from the shape of the value. */
function pickBranch(branches: readonly (readonly ZodIssueLike[])[], value: unknown): readonly ZodIssueLike[] | undefined {
  const rootTypeFail = (b: readonly ZodIssueLike[]) => b.some((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value"));
  const live = branches.filter((b) => !rootTypeFail(b));
  if (live.length === 0) return undefined;
  if (live.length === 1) return live[0];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const wrapped = keys.some((k) => ["values", "value", "interpolation", "unit", "note", "reference"].includes(k));
    const fiscal = keys.length > 0 && keys.every((k) => FISCAL_YEAR.test(k));
    // A wrapped override ({values: ...}) is the branch with unknown-key or missing-field complaints at the top;
    // a map of years or of index keys is the branch that complains about keys or nested values.
    const isWrapperBranch = (b: readonly ZodIssueLike[]) => b.some((i) => i.code === "unrecognized_keys" || (i.path.length === 1 && i.path[0] === "values"));
    const pick = live.find((b) => (wrapped && !fiscal ? isWrapperBranch(b) : !isWrapperBranch(b)));
    if (pick) return pick;
  }
  // Otherwise the branch whose problems reach deepest into the value.
  const depth = (b: readonly ZodIssueLike[]) => Math.max(...b.map((i) => i.path.length));
  return [...live].sort((x, y) => depth(y) - depth(x) || x.length - y.length)[0];
}

/** One zod issue, explained as one or more problems at exact paths. `root` is the whole parsed file. */
/** Zod's own wording starts like this; anything else is a message the schema chose, and is kept. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

export function explainIssue(zi: ZodIssueLike, root: unknown, base: readonly (string | number)[] = []): Explained[] {
  const path = [...base, ...norm(zi.path)];
  const value = at(root, path);
  if (["invalid_value", "invalid_type", "too_small", "too_big", "invalid_format", "custom"].includes(zi.code) && zi.message && !ZOD_DEFAULT.test(zi.message))
    return [{ path, message: value === undefined || typeof value === "object" ? zi.message : `${zi.message}; got ${shown(value)}` }];
  switch (zi.code) {
    case "invalid_union": {
      const branch = pickBranch(zi.errors ?? [], value);
      if (branch) return branch.flatMap((i) => explainIssue(i, root, path));
      const options = (zi.errors ?? []).flatMap((b) => b.filter((i) => i.code === "invalid_value").flatMap((i) => i.values ?? []));
      const last = path[path.length - 1];
      if (last === "segment" && options.length) return [{ path, message: `unknown segment ${shown(value)}; expected total or one of ${SEGMENTS.join(", ")}` }];
      const expected = expectation(path);
      if (expected) return [{ path, message: value === undefined ? `missing: ${expected}` : `${expected}; got ${shown(value)}` }];
      if (options.length) return [{ path, message: `expected one of ${options.map(String).join(", ")}; got ${shown(value)}` }];
      const kinds = [...new Set((zi.errors ?? []).flatMap((b) => b.filter((i) => i.path.length === 0).map((i) => kindOf(i.expected))))];
      return [{ path, message: `expected ${kinds.join(" or ")}; got ${shown(value)}` }];
    }
    case "invalid_type": {
      if (path.length === 0) return [{ path, message: `the file must be a map of fields (name:, extends:, overrides: and so on); got ${shown(value)}` }];
      if (value === undefined) return [{ path, message: `missing: expected ${kindOf(zi.expected)}` }];
      if (zi.expected === "int" && typeof value === "number") return [{ path, message: `expected a whole number; got ${value}` }];
      return [{ path, message: `expected ${kindOf(zi.expected)}; got ${shown(value)}` }];
    }
    case "invalid_value": {
      const last = path[path.length - 1];
      const opts = (zi.values ?? []).map(String);
      if (base[0] === "mode" || last === "mode" || path[0] === "mode") return [{ path, message: `expected "targets" or "market"; got ${shown(value)}` }];
      return [{ path, message: `expected one of ${opts.join(", ")}; got ${shown(value)}` }];
    }
    case "unrecognized_keys": {
      const keys = zi.keys ?? [];
      return [
        {
          path: keys.length ? [...path, keys[0]] : path,
          message: `unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")} (the schema is closed)`,
        },
      ];
    }
    case "invalid_key": {
      const inner = zi.issues?.[0];
      const key = path[path.length - 1];
      return [{ path, message: `key ${shown(String(key))}: ${inner?.message ?? "not allowed here"}` }];
    }
    case "too_small":
    case "too_big": {
      const bound = zi.code === "too_small" ? zi.minimum : zi.maximum;
      if (typeof value === "number")
        return [
          {
            path,
            message: `${value} is too ${zi.code === "too_small" ? "small" : "large"}: must be ${zi.code === "too_small" ? "at least" : "at most"} ${bound}`,
          },
        ];
      if (Array.isArray(value)) return [{ path, message: `needs ${zi.code === "too_small" ? "at least" : "at most"} ${bound} item${bound === 1 ? "" : "s"}` }];
      return [{ path, message: zi.message }];
    }
    default:
      return [{ path, message: zi.message }];
  }
}
