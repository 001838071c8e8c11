#!/usr/bin/env node
// Fit the choice dynamics on the whole IEA panel (every year to the last observed) and write the data pack's
// choice.mature_constant, choice.barrier_depth, choice.barrier_decay and choice.adjustment_speed with the fit
// as their reference and its spread as their uncertainty. Usage:
//   node scripts/fit-choice.mjs [history.csv] [--write]
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as core from "@evplan/core";

const args = process.argv.slice(2);
const write = args.includes("--write");
const file = args.find((a) => !a.startsWith("--")) ?? fileURLToPath(new URL("../../shared/data/iea-gevo-2025-ev-history.csv", import.meta.url));
const rows = core.parseEvHistoryCsv(readFileSync(file, "utf8"), "iea-gevo-2025-ev-history.csv");
const panel = core.panelFromRows(rows);
const last = Math.max(...panel.flatMap((r) => [...r.modes.values()].flatMap((h) => [...h.share.keys()])));
const fit = new core.PanelFit(panel, [last], last);
const fits = core.summariseFit(fit, core.PANEL_MODES, last);

/** Which panel mode each Pakistani segment takes its values from (issue 12). */
const SOURCE = { two_wheeler: "2 and 3 wheelers", three_wheeler: "2 and 3 wheelers", car: "Cars", lcv: "Cars", bus: "Buses", truck: "Trucks" };
const byMode = Object.fromEntries(fits.map((f) => [f.mode, f]));
const r3 = (x) => Math.round(x * 1000) / 1000;

for (const f of fits) {
  const s = f.fit.shared;
  const loo = f.leaveOneOut.map((l) => l.shared);
  console.log(
    `${f.mode}: B0 ${s.barrierDepth}, k ${s.barrierDecay}, lambda ${s.adjustmentSpeed}; A mean ${r3(f.fit.mu)} sd ${r3(f.fit.tau)} over ${f.fit.pool.length} countries` +
      ` (${f.fit.pool.map((p) => `${p.region} ${p.matureConstant}`).join(", ")}); leave-one-out B0 ${[...new Set(loo.map((x) => x.barrierDepth))].join("/")}` +
      ` k ${[...new Set(loo.map((x) => x.barrierDecay))].join("/")} lambda ${[...new Set(loo.map((x) => x.adjustmentSpeed))].join("/")}`,
  );
}
console.log(`engine runs: ${fit.runs}`);

const IEA = `{title: "Global EV Outlook 2025, Global EV Data Explorer (EV sales share by mode and country, 2010-2024)", publisher: "International Energy Agency", date: "2025-05", url: "https://www.iea.org/data-and-statistics/data-tools/global-ev-data-explorer", note: "CC BY 4.0; the panel the fit uses (shared/data/iea-gevo-2025-ev-history.csv)"}`;
const FIT = `{title: "evplan panel fit of the choice dynamics (scripts/fit-choice.mjs; method in docs/backtest.md)", publisher: "evplan", date: "2026-12", note: "pooled per mode across ${fits[0].fit.pool.length}-${Math.max(...fits.map((f) => f.fit.pool.length))} countries of the IEA panel, training origins ${last - core.TRAINING_WINDOW}-${last - 1}, forecasts up to ${core.TRAINING_HORIZON} years ahead"}`;
const BNEF = `{title: "Lithium-ion Battery Price Survey (annual releases 2018-2025)", publisher: "BloombergNEF", date: "2025-12", url: "https://about.bnef.com/insights/clean-transport/lithium-ion-battery-pack-prices-fall-to-108-per-kilowatt-hour-despite-rising-metal-prices-bloombergnef", note: "the pack price path of every country pack in the fit"}`;

const segs = Object.keys(SOURCE);
const values = (f) => `{${segs.map((s) => `${s}: ${r3(f(byMode[SOURCE[s]]))}`).join(", ")}}`;
const fitList = (f) => fits.map((m) => `${m.mode} ${f(m)}`).join("; ");

/** Triangular factor from the leave-one-country-out spread, at least one grid step each side of the fit. */
function jackknife(key, grid) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of fits) {
    const best = m.fit.shared[key];
    const loo = m.leaveOneOut.map((l) => l.shared[key]);
    const i = grid.indexOf(best);
    const below = grid[Math.max(0, i - 1)];
    const above = grid[Math.min(grid.length - 1, i + 1)];
    const mn = Math.min(below, ...loo);
    const mx = Math.max(above, ...loo);
    if (best > 0) {
      lo = Math.min(lo, mn / best);
      hi = Math.max(hi, mx / best);
    }
  }
  return { min: r3(lo), max: r3(hi) };
}

const out = {};
// Mature markets: country-modes whose EV share has passed 40% of sales. Their fitted constants are the prior of A.
const mainstream = [];
for (const f of fits)
  for (const p of f.fit.pool) {
    const h = panel.find((r) => r.region === p.region)?.modes.get(f.mode);
    const peak = h ? Math.max(...h.share.values()) : 0;
    if (peak >= 0.4) mainstream.push({ ...p, mode: f.mode, peak });
  }
const aMean = mainstream.reduce((x, m) => x + m.matureConstant, 0) / mainstream.length;
const aSd = Math.sqrt(mainstream.reduce((x, m) => x + (m.matureConstant - aMean) ** 2, 0) / (mainstream.length - 1));
console.log(`mature markets (${mainstream.length}): ${mainstream.map((m) => `${m.region} ${m.mode} ${m.matureConstant}`).join(", ")}; mean ${r3(aMean)}, sd ${r3(aSd)}`);
out["mature_constant"] = `description: >-
  A: the utility of a plug-in relative to ICE, after costs, in a mature market (the attractor of the choice model
  once the transient barrier has gone). Zero: where EVs are mainstream, powertrain choice follows cost. Every
  segment's A is shifted by choice.mature_constant_offset, which carries the uncertainty.
label: "Mature-market constant of plug-ins (A)"
unit: "dimensionless"
index: segment
interpolation: step
values:
  2025: {${segs.map((s) => `${s}: 0`).join(", ")}}
reference:
  - ${FIT}
  - ${IEA}
assumption: >-
  The prior of MODEL.md section 3, checked against the panel: the fitted country constants of the ${mainstream.length}
  country-modes where EVs have passed 40% of sales (${mainstream.map((m) => `${m.region} ${m.mode.toLowerCase()} ${m.matureConstant}`).join(", ")})
  average ${r3(aMean)} (sd ${r3(aSd)}). The population means of all countries (${fitList((m) => r3(m.fit.mu))}) are not
  transferred: with one generic vehicle per mode in the country packs, a country's constant also holds its own
  unmodelled cost gap and its policies, which Pakistan's pack models explicitly.
`;
out["mature_constant_offset"] = `description: >-
  A common offset (utility units) added to every segment's mature constant A. Zero by default; its uncertainty is
  the spread of the mature markets' fitted constants, so that Monte Carlo draws markets where plug-ins are, in the
  long run, more or less preferred than their costs alone say.
label: "Offset of the mature-market constant"
unit: "dimensionless"
interpolation: step
values:
  2025: 0
reference:
  - ${FIT}
  - ${IEA}
assumption: >-
  Mean ${r3(aMean)} and sd ${r3(aSd)} of the fitted constants of the ${mainstream.length} country-modes past 40% EV sales; the
  distribution is centred on zero (the prior) with that spread, truncated at two spreads.
uncertainty: {distribution: normal, scale: absolute, mean: 0, sd: ${r3(aSd)}, min: ${r3(-2 * aSd)}, max: ${r3(2 * aSd)}}
`;
const se = Math.max(...fits.map((m) => m.fit.tau / Math.sqrt(m.fit.pool.length) / Math.max(0.25, Math.abs(m.fit.mu))));
out["adoption_gap"] = `description: >-
  The gap (utility units) between the constant of the panel's typical country and the mature-market constant:
  minus the population mean of the fitted country constants of the segment's panel mode. Split by
  choice.gap_persistence into a permanent part (lowering A) and a transient part (added to the barrier B0, which
  decays with cumulative adoption).
label: "Adoption gap of the panel's typical country"
unit: "dimensionless"
index: segment
interpolation: step
values:
  2025: ${values((m) => -m.fit.mu)}
reference:
  - ${FIT}
  - ${IEA}
assumption: >-
  Population means of the country constants, per mode: ${fitList((m) => `${r3(m.fit.mu)} (sd ${r3(m.fit.tau)}, ${m.fit.pool.length} countries)`)}.
  2W/3W take 2 and 3 wheelers; cars and LCVs take cars; buses and trucks their own. The uncertainty is the
  standard error of the population mean.
uncertainty: {distribution: normal, scale: factor, mean: 1, sd: ${r3(se)}, min: 0}
`;
out["gap_persistence"] = `description: >-
  theta: the share of the adoption gap that is permanent. 0: the whole gap is transient and decays with
  cumulative adoption (the structure of MODEL.md section 3: a near-zero mature constant and a barrier that
  erodes as the technology spreads). 1: the panel's typical country keeps its gap for good.
label: "Persistence of the adoption gap (theta)"
unit: "fraction"
interpolation: step
values:
  2025: 0
reference:
  - ${FIT}
assumption: >-
  The panel cannot tell the two apart: within 2012-2024 the barrier of countries early in adoption has not
  eroded enough to show whether it will (the fit's barrier depth and the country constants trade off). The
  default follows the model specification (transient); the uncertainty samples the structural alternatives
  uniformly between wholly transient and wholly permanent.
uncertainty: {distribution: uniform, scale: absolute, min: 0, max: 1}
`;
const jb = jackknife("barrierDepth", core.GRID.barrierDepth);
out["barrier_depth"] = `description: >-
  B0: the transient barrier (utility units) of a market with no EVs on the road: model choice, awareness, resale
  value, service networks. It decays with cumulative adoption, B(t) = B0 x exp(-k x E(t-1)), E in share-years.
label: "Transient barrier of a market without EVs (B0)"
unit: "dimensionless"
index: segment
interpolation: step
values:
  2025: ${values((m) => m.fit.shared.barrierDepth)}
reference:
  - ${FIT}
  - ${IEA}
  - ${BNEF}
assumption: >-
  Pooled fit per mode (grid ${core.GRID.barrierDepth.join(", ")}): ${fitList((m) => m.fit.shared.barrierDepth)}. The range is the
  leave-one-country-out spread of the fit, at least one grid step either side; a zero draw is the structural
  alternative without a transient barrier (the attractor is costs plus the mature constant).
uncertainty: {distribution: triangular, scale: factor, min: 0, mode: 1, max: ${Math.max(1.5, jb.max)}}
`;
const jk = jackknife("barrierDecay", core.GRID.barrierDecay);
out["barrier_decay"] = `description: >-
  k: how fast the transient barrier falls with cumulative adoption, per share-year of EV sales (a market that has
  sold EVs at a 10% share for two years has E = 0.2 share-years and a barrier of B0 x exp(-0.2 k)).
label: "Decay of the transient barrier with cumulative adoption (k)"
unit: "dimensionless"
index: segment
interpolation: step
values:
  2025: ${values((m) => m.fit.shared.barrierDecay)}
reference:
  - ${FIT}
  - ${IEA}
assumption: >-
  Pooled fit per mode (grid ${core.GRID.barrierDecay.join(", ")}): ${fitList((m) => m.fit.shared.barrierDecay)}. Range: the
  leave-one-country-out spread, at least one grid step either side.
uncertainty: {distribution: triangular, scale: factor, min: ${jk.min}, mode: 1, max: ${jk.max}}
`;
const jl = jackknife("adjustmentSpeed", core.GRID.adjustmentSpeed);
out["adjustment_speed"] = `description: >-
  lambda: the share of the gap between last year's logits and this year's attractor that the market closes in a
  year (partial adjustment on the logits): shares cannot jump in one year on price alone.
label: "Adjustment speed of powertrain shares (lambda)"
unit: "fraction"
index: segment
interpolation: step
values:
  2025: ${values((m) => m.fit.shared.adjustmentSpeed)}
reference:
  - ${FIT}
  - ${IEA}
assumption: >-
  Pooled fit per mode (grid ${core.GRID.adjustmentSpeed.join(", ")}): ${fitList((m) => m.fit.shared.adjustmentSpeed)}. Range:
  the leave-one-country-out spread, at least one grid step either side.
uncertainty: {distribution: triangular, scale: factor, min: ${jl.min}, mode: 1, max: ${jl.max}}
bounds: [0.01, 1]
`;
for (const [name, text] of Object.entries(out)) {
  const path = fileURLToPath(new URL(`../data/pakistan/choice/${name}.yaml`, import.meta.url));
  if (write) writeFileSync(path, text);
  else console.log(`--- ${name}.yaml\n${text}`);
}
if (write) console.log("wrote data/pakistan/choice/{mature_constant,mature_constant_offset,adoption_gap,gap_persistence,barrier_depth,barrier_decay,adjustment_speed}.yaml");
