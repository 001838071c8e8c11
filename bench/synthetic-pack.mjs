// A synthetic data pack on disk for sweep benchmarks while the Pakistan pack is incomplete: the tiny test pack
// (test/fixtures/tiny-pack.ts, transpiled on the fly) with synthetic uncertainty blocks, a 2025-2060 horizon, and a
// market-mode scenario with its counterfactual.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { stringify } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export const SYNTHETIC_UNCERTAINTY = {
  "adoption.target_ev_share": { distribution: "triangular", min: 0.8, mode: 1, max: 1.3 },
  "economy.oil_price": { distribution: "normal", mean: 1, sd: 0.15, min: 0.5 },
  "economy.exchange_rate": { distribution: "lognormal", mean: 1, sd: 0.1 },
  "sales.growth_rate": { distribution: "uniform", min: 0.5, max: 1.5 },
  "emissions.grid_intensity": { distribution: "uniform", scale: "absolute", min: 0.3, max: 0.5 },
  "batteries.learning_rate": { distribution: "lognormal", mean: 1, sd: 0.1 },
  "batteries.pack_cost_base": { distribution: "triangular", min: 0.85, mode: 1, max: 1.25 },
  "choice.cost_sensitivity": { distribution: "uniform", min: 0.7, max: 1.3 },
};

export async function writeSyntheticPack(dir = mkdtempSync(join(tmpdir(), "evplan-synthetic-"))) {
  const src = readFileSync(join(root, "test/fixtures/tiny-pack.ts"), "utf8");
  const js = ts
    .transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
    .outputText.replace(/from "@evplan\/core"/g, `from ${JSON.stringify(pathToFileURL(join(root, "packages/core/dist/index.js")).href)}`);
  mkdirSync(dir, { recursive: true });
  const mod = join(dir, "tiny-pack.mjs");
  writeFileSync(mod, js);
  const { tinySources } = await import(pathToFileURL(mod).href);
  const data = join(dir, "data");
  for (const s of tinySources()) {
    const file = join(data, ...s.name.split(".")) + ".yaml";
    mkdirSync(dirname(file), { recursive: true });
    const u = SYNTHETIC_UNCERTAINTY[s.name];
    writeFileSync(file, stringify(u ? { ...s.data, uncertainty: u } : s.data));
  }
  const scenarios = join(dir, "scenarios");
  mkdirSync(scenarios, { recursive: true });
  writeFileSync(join(scenarios, "reference.yaml"), stringify({ name: "reference", counterfactual: null, mode: "market" }));
  writeFileSync(
    join(scenarios, "push.yaml"),
    stringify({
      name: "push",
      extends: "reference",
      counterfactual: "reference",
      overrides: {
        "policy.subsidy_per_vehicle": { 2026: 100000, 2031: 0 },
        "policy.subsidy_budget": { 2026: 1e12, 2031: 0 },
        "taxes.carbon_levy": { 2030: 50 },
      },
      targets: [
        { metric: "ev_sales_share", segment: "total", year: 2030, value: 0.3, label: "30% of new sales electric in 2030" },
        { metric: "co2_ttw", segment: "total", year: 2040, value: 1e9, sense: "at_most" },
      ],
    }),
  );
  return { dir, data, scenarios, scenario: "push" };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(await writeSyntheticPack(process.argv[2])));
