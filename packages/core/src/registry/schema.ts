// The closed schema of a parameter file in the data pack (OpenFisca style, plus uncertainty).
// Closed: an unknown or misplaced key is an error, so nothing is silently ignored.
import { z } from "zod";
import { INDEX_KEYS } from "../domain.js";
import { isKnownUnit } from "./units.js";
import { LEVER_GROUPS } from "../domain.js";

export const referenceSchema = z
  .object({
    title: z.string().min(1),
    publisher: z.string().min(1),
    date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    url: z.string().url().optional(),
    note: z.string().optional(),
  })
  .strict();
export type Reference = z.infer<typeof referenceSchema>;

export const DISTRIBUTIONS = ["uniform", "triangular", "normal", "lognormal"] as const;

/**
 * Uncertainty of a parameter. `scale: factor` (default) multiplies the whole dated path by one draw,
 * so a factor of 1 is the default; `scale: absolute` replaces a scalar parameter's value by the draw.
 */
export const uncertaintySchema = z
  .object({
    distribution: z.enum(DISTRIBUTIONS),
    scale: z.enum(["factor", "absolute"]).default("factor"),
    min: z.number().optional(),
    max: z.number().optional(),
    mode: z.number().optional(),
    mean: z.number().optional(),
    sd: z.number().positive().optional(),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    const need = (k: "min" | "max" | "mode" | "mean" | "sd") => {
      if (u[k] === undefined) ctx.addIssue({ code: "custom", path: [k], message: `${u.distribution} needs ${k}` });
    };
    switch (u.distribution) {
      case "uniform":
        need("min");
        need("max");
        break;
      case "triangular":
        need("min");
        need("mode");
        need("max");
        break;
      case "normal":
      case "lognormal":
        need("mean");
        need("sd");
        break;
    }
    if (u.min !== undefined && u.max !== undefined && u.min > u.max) ctx.addIssue({ code: "custom", path: ["min"], message: "min must not exceed max" });
    if (u.mode !== undefined && u.min !== undefined && u.max !== undefined && (u.mode < u.min || u.mode > u.max))
      ctx.addIssue({ code: "custom", path: ["mode"], message: "mode must lie between min and max" });
  });
export type Uncertainty = z.infer<typeof uncertaintySchema>;

/**
 * What a parameter is: a policy instrument, or context (the economy, prices, technology, behaviour, or observed
 * base-year data). A scenario and its counterfactual differ in policy only: a scenario's context applies to both.
 */
export const PARAMETER_KINDS = ["policy", "economy", "prices", "technology", "behaviour", "observed"] as const;
export type ParameterKind = (typeof PARAMETER_KINDS)[number];

export const LEVER_DIRECTIONS = ["more_evs", "fewer_evs", "none", "either"] as const;
export type LeverDirection = (typeof LEVER_DIRECTIONS)[number];

/** Declares that a parameter is a policy or scenario lever: the web planner builds its controls from this. */
export const leverSchema = z
  .object({
    group: z.enum(LEVER_GROUPS),
    min: z.number(),
    max: z.number(),
    step: z.number().positive().optional(),
    /** The lever's first year: the control edits the dated path from this year on (earlier years are history). */
    from_year: z.number().int().optional(),
    /**
     * Which way raising the lever should move EV adoption: `more_evs`, `fewer_evs`, `none` (it moves other results
     * only), or `either` (it can go both ways for a stated reason, in `direction_note`). A property test holds
     * every lever to it.
     */
    direction: z.enum(LEVER_DIRECTIONS),
    direction_note: z.string().min(20).optional(),
    /** The modes in which the lever moves adoption (default both); elsewhere the planner shows it disabled. */
    acts_in: z
      .array(z.enum(["targets", "market"]))
      .min(1)
      .optional(),
  })
  .strict()
  .refine((l) => (l.direction === "either" || l.direction === "none") === (l.direction_note !== undefined), {
    message: "direction_note is required for direction either or none, and only then",
    path: ["direction_note"],
  });

const scalarOrIndexed = z.union([z.number(), z.record(z.string(), z.number())]);
const datedValue = z.union([
  scalarOrIndexed,
  z.object({ value: scalarOrIndexed, reference: z.array(referenceSchema).optional(), note: z.string().optional() }).strict(),
]);

export const parameterFileSchema = z
  .object({
    description: z.string().min(1),
    label: z.string().min(1),
    unit: z.string().refine(isKnownUnit, { message: "an unknown unit (see registry/units.ts for the list)" }),
    kind: z.enum(PARAMETER_KINDS, { message: `kind must be one of ${PARAMETER_KINDS.join(", ")} (policy, or the context it describes)` }),
    index: z.enum(Object.keys(INDEX_KEYS) as [keyof typeof INDEX_KEYS, ...(keyof typeof INDEX_KEYS)[]]).optional(),
    interpolation: z.enum(["step", "linear"]).default("step"),
    values: z.record(z.string().regex(/^\d{4}$/, "a fiscal year such as 2025"), datedValue).refine((v) => Object.keys(v).length > 0, {
      message: "at least one dated value",
    }),
    reference: z.array(referenceSchema).optional(),
    assumption: z.string().min(20, "an assumption must give its reasoning").optional(),
    uncertainty: uncertaintySchema.optional(),
    lever: leverSchema.optional(),
    bounds: z.tuple([z.number(), z.number()]).optional(),
  })
  .strict();
export type ParameterFile = z.infer<typeof parameterFileSchema>;
