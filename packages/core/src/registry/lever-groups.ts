// The groups a lever belongs to, in the order the planner shows them. Apart from the schema (zod) so that views
// read from a compiled data pack need no schema code.
export const LEVER_GROUPS = ["incentives", "taxes_levies", "charging", "industry", "technology_prices", "adoption", "economy"] as const;
