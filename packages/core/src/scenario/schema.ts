// The scenario file schema (zod): the one place where loose user YAML becomes a strict scenario.
// `npm run build` turns it into schemas/scenario.schema.json, which the shipped files reference for editors.
import { z } from "zod";
import { POWERTRAINS, SEGMENTS } from "../domain.js";

export const METRIC_TARGET_SENSES = ["at_least", "at_most"] as const;

const year = z.number().int().min(1990).max(2100);
const numberOrMap = z.union([z.number(), z.record(z.string(), z.number())]);

/** Dated values: `{2030: 0.5, 2040: 0.9}`; for an indexed parameter each value may be a map by key. */
const datedValues = z.record(z.string().regex(/^\d{4}$/, "a fiscal year such as 2030"), numberOrMap);

export const overrideSchema = z.union([
  z.number(),
  datedValues,
  z
    .object({
      unit: z.string().optional(),
      interpolation: z.enum(["step", "linear"]).optional(),
      values: z.union([z.number(), datedValues]),
      note: z.string().optional(),
    })
    .strict(),
]);
export type Override = z.infer<typeof overrideSchema>;

export const MODES = ["targets", "market"] as const;
export type Mode = (typeof MODES)[number];

export const targetSchema = z
  .object({
    metric: z.string(),
    segment: z.union([z.literal("total"), z.enum(SEGMENTS)]).default("total"),
    year,
    value: z.number(),
    sense: z.enum(METRIC_TARGET_SENSES).optional(),
    label: z.string().optional(),
  })
  .strict();
export type TargetSpec = z.infer<typeof targetSchema>;

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes"),
    title: z.string().optional(),
    description: z.string().optional(),
    extends: z.string().optional(),
    counterfactual: z.string().nullable().optional(),
    base_year: year.optional(),
    end_year: year.optional(),
    ev_powertrains: z.array(z.enum(POWERTRAINS)).min(1).optional(),
    mode: z
      .union([
        z.enum(MODES),
        z.object({ default: z.enum(MODES).optional(), ...Object.fromEntries(SEGMENTS.map((s) => [s, z.enum(MODES).optional()])) }).strict(),
      ])
      .optional(),
    overrides: z.record(z.string(), overrideSchema).optional(),
    targets: z.array(targetSchema).optional(),
  })
  .strict();
export type ScenarioFile = z.infer<typeof scenarioSchema>;
