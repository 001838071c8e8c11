// The golden record of a scenario run: key figures in 2030 and 2040, targets, and a few full paths. Stored under
// test/golden/ and compared by the test suite, so that any change to results is seen and explained.
import { keyFigures } from "./key-figures.js";
import type { ScenarioRun } from "./model.js";
import { metricSeries } from "./read.js";

export function goldenDocument(run: ScenarioRun) {
  const figures: Record<string, number> = {};
  for (const y of [2030, 2040]) for (const f of keyFigures(run, y)) figures[f.id] = f.value;
  return {
    scenario: run.main.scenario.name,
    targets: run.targets.map((t) => ({ metric: t.metric, segment: t.segment, year: t.year, value: t.value, met: t.met })),
    figures,
    paths: {
      ev_sales_share: metricSeries(run.main, "ev_sales_share"),
      ev_stock: metricSeries(run.main, "ev_stock"),
      co2_ttw: metricSeries(run.main, "co2_ttw"),
      net_fiscal: metricSeries(run.main, "net_fiscal"),
    },
  };
}
