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
console.log(
  `mature markets (${mainstream.length}): ${mainstream.map((m) => `${m.region} ${m.mode} ${m.matureConstant}`).join(", ")}; mean ${r3(aMean)}, sd ${r3(aSd)}`,
);
out["mature_constant"] = `description: >-
  A: the utility of a plug-in relative to ICE, after costs, in a mature market (the attractor of the choice model
  once the transient barrier has gone). Zero: where EVs are mainstream, powertrain choice follows cost. Every
  segment's A is shifted by choice.mature_constant_offset, which carries the uncertainty.
label: "Mature-market constant of plug-ins (A)"
unit: "dimensionless"
kind: behaviour
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
kind: behaviour
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
out["gap_persistence"] = `description: >-
  theta: the share of the adoption gap that is permanent. 0: the whole gap is transient and decays with
  cumulative adoption (the structure of MODEL.md section 3: a near-zero mature constant and a barrier that
  erodes as the technology spreads). 1: the panel's typical country keeps its gap for good.
label: "Persistence of the adoption gap (theta)"
unit: "fraction"
kind: behaviour
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
// Pakistan's barrier depth: the depth that makes the data pack's own base year an equilibrium (the BEV attractor
// at the observed share), from a market-mode run of the defaults with no barrier, bounded by the panel.
const { makeContext } = await import("../packages/cli/dist/context.js");
const model = (await makeContext()).model;
const base = model.compile("market-baseline");
const slot = (name) => base.slots.get(name) * base.nYears;
const layout = core.buildParamLayout(base.slots, base.nYears);
/** Equilibrium depth of every segment given each segment's barrier decay (it enters through exp(k E_base)). */
function equilibriumDepths(decay) {
  const params = base.params.slice();
  for (const s of segs) params.fill(0, slot(`choice.barrier_depth.${s}`), slot(`choice.barrier_depth.${s}`) + base.nYears);
  params.fill(0, slot("choice.gap_persistence"), slot("choice.gap_persistence") + base.nYears);
  for (const s of segs) params.fill(decay[s], slot(`choice.barrier_decay.${s}`), slot(`choice.barrier_decay.${s}`) + base.nYears);
  const engine = model.engineFor(base);
  engine.run(params, base, engine.newOutput());
  return Object.fromEntries(segs.map((s, i) => [s, core.equilibriumDepth(params, layout, engine.choiceState, i)]));
}
// The decay k and the speed lambda are fitted on the panel *at the barrier depth the planner uses for the
// segment* (the grid depth nearest Pakistan's equilibrium depth, in ratio). Unconditioned, the panel's best depth
// is the grid's shallowest (0.5), where k hardly changes the fit (cars: 3.22 pp at k = 8 against 3.27 at k = 1;
// 2/3-wheelers 3.25 at k = 1 against 3.31 at k = 8, in 2012-2024): a k identified on a barrier of 0.5 and applied
// to Pakistan's of about 3.5 would set the pace of Pakistan's adoption by an accident of the grid. At a depth of
// 4 the panel is clear: a barrier that deep has to fade fast (k = 8) to follow the cars and the 2/3-wheelers of
// the panel (docs/decisions.md, issue 12).
const nearestDepth = (d) =>
  core.GRID.barrierDepth.reduce((b, g) => (Math.abs(Math.log(g / Math.max(1e-3, d))) < Math.abs(Math.log(b / Math.max(1e-3, d))) ? g : b));
const decay = Object.fromEntries(segs.map((s) => [s, byMode[SOURCE[s]].fit.shared.barrierDecay]));
const cond = {};
let raw = equilibriumDepths(decay);
for (let iter = 0; iter < 4; iter++) {
  let changed = false;
  for (const s of segs) {
    const depthGrid = nearestDepth(raw[s]);
    const only = (sh) => sh.barrierDepth === depthGrid;
    const post = fit.posterior(SOURCE[s], last, null, only);
    cond[s] = { depthGrid, post, loo: post.pool.map((m) => fit.posterior(SOURCE[s], last, m.region, only).shared) };
    if (post.shared.barrierDecay !== decay[s]) changed = true;
    decay[s] = post.shared.barrierDecay;
  }
  raw = equilibriumDepths(decay);
  if (!changed) break;
}
const depth = {};
const cap = {};
segs.forEach((s) => {
  const p = cond[s].post;
  // The deepest barrier the panel supports: the fitted depth plus the gap of a country two spreads below the mean.
  cap[s] = p.shared.barrierDepth - p.mu + 2 * p.tau;
  depth[s] = Math.min(cap[s], Math.max(0, raw[s]));
});
console.log("Pakistan barrier depth (equilibrium, cap):", segs.map((s) => `${s} ${r3(raw[s])} (cap ${r3(cap[s])}) -> ${r3(depth[s])}`).join("; "));
console.log(
  "k and lambda at Pakistan's depth:",
  segs
    .map(
      (s) =>
        `${s} B0 grid ${cond[s].depthGrid}: k ${cond[s].post.shared.barrierDecay} (LOO ${[...new Set(cond[s].loo.map((x) => x.barrierDecay))].join("/")}), lambda ${cond[s].post.shared.adjustmentSpeed} (LOO ${[...new Set(cond[s].loo.map((x) => x.adjustmentSpeed))].join("/")})`,
    )
    .join("; "),
);
const segValues = (f) => `{${segs.map((s) => `${s}: ${r3(f(s))}`).join(", ")}}`;
/** Triangular factor over the segments from the conditional fits' leave-one-country-out spread, at least one grid step each side. */
function jackknifeSeg(key, grid, only = segs) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of only) {
    const best = cond[s].post.shared[key];
    const loo = cond[s].loo.map((l) => l[key]);
    const i = grid.indexOf(best);
    // At the top of the grid the fit cannot rule out a larger value: one more step at the grid's last ratio.
    const above = i + 1 < grid.length ? grid[i + 1] : (grid[i] * grid[i]) / grid[i - 1];
    const mn = Math.min(grid[Math.max(0, i - 1)], ...loo);
    const mx = Math.max(above, ...loo);
    if (best > 0) {
      lo = Math.min(lo, mn / best);
      hi = Math.max(hi, mx / best);
    }
  }
  return { min: r3(lo), max: r3(hi) };
}
const jb = jackknife("barrierDepth", core.GRID.barrierDepth);
out["barrier_depth"] = `description: >-
  B0: the transient barrier (utility units) of a market with no EVs on the road: model choice, awareness, resale
  value, service, finance. It decays with cumulative adoption, B(t) = B0 x exp(-k x E(t-1)), E in share-years.
label: "Transient barrier of a market without EVs (B0)"
unit: "dimensionless"
kind: behaviour
index: segment
interpolation: step
values:
  2025: {${segs.map((s) => `${s}: ${r3(depth[s])}`).join(", ")}}
reference:
  - ${FIT}
  - ${IEA}
  - ${BNEF}
assumption: >-
  Calibrated once by scripts/fit-choice.mjs so that the data pack's own base year is an equilibrium: B0 is the gap
  between each segment's BEV attractor without a barrier (costs plus the mature constant, in the defaults of
  FY2025) and its observed base-year logit, times exp(k E_base) (${segs.map((s) => `${s} ${r3(raw[s])}`).join(", ")}). It is not
  recalibrated per scenario, so a scenario's change of any cost, the base year's included, acts as a cost change.
  Bounded by the deepest barrier the panel supports, the mode's pooled depth plus the gap of a country two
  spreads below the mean constant of the fit at that depth (${segs.map((s) => `${s} ${r3(cap[s])}`).join(", ")}); where bounded (a segment
  with no EVs yet, on the floor), the base year lies below its attractor and adjusts towards it, so the floor does
  not matter. The pooled panel depths are ${fitList((m) => m.fit.shared.barrierDepth)} (grid ${core.GRID.barrierDepth.join(", ")}).
  The range is the leave-one-country-out spread of the panel's depth relative to its fit.
uncertainty: {distribution: triangular, scale: factor, min: ${Math.max(0.25, jb.min)}, mode: 1, max: ${Math.max(1.5, Math.min(2, jb.max))}}
`;
// One factor multiplies every segment's k, so its range is the light segments' (2/3-wheelers, cars, LCVs: nearly
// all new vehicles and the headline); the trucks' wider leave-one-out spread (k 1 to 8) would otherwise put k = 64
// in the light segments' draws.
const LIGHT = ["two_wheeler", "three_wheeler", "car", "lcv"];
/**
 * A factor whose median is the fit (1) and whose 90% interval spans the leave-one-country-out range on the log
 * scale, truncated to that range: the fit is the middle of what the panel says, as it is for the central run. A
 * triangular factor with mode 1 over a range symmetric in logs (one grid step either side) put the median near 1.3
 * and made the Monte Carlo's typical draw adopt faster than the central run (docs/adoption-headline.md).
 */
function factorAroundFit({ min, max }) {
  const sigma = (Math.log(max) - Math.log(min)) / 2 / 1.645;
  const mean = Math.exp((sigma * sigma) / 2);
  const sd = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
  return `{distribution: lognormal, scale: factor, mean: ${r3(mean)}, sd: ${r3(sd)}, min: ${min}, max: ${max}}`;
}
const jk = jackknifeSeg("barrierDecay", core.GRID.barrierDecay, LIGHT);
out["barrier_decay"] = `description: >-
  k: how fast the transient barrier falls with cumulative adoption, per share-year of EV sales (a market that has
  sold EVs at a 10% share for two years has E = 0.2 share-years and a barrier of B0 x exp(-0.2 k)).
label: "Decay of the transient barrier with cumulative adoption (k)"
unit: "dimensionless"
kind: behaviour
index: segment
interpolation: step
values:
  2025: ${segValues((s) => cond[s].post.shared.barrierDecay)}
reference:
  - ${FIT}
  - ${IEA}
assumption: >-
  Pooled fit per mode (grid ${core.GRID.barrierDecay.join(", ")}) at the barrier depth the segment uses (the grid depth
  nearest its equilibrium depth: ${segs.map((s) => `${s} ${cond[s].depthGrid}`).join(", ")}): ${segs.map((s) => `${s} ${cond[s].post.shared.barrierDecay}`).join(", ")}.
  Not the unconditional fit (${fitList((m) => `k ${m.fit.shared.barrierDecay} at depth ${m.fit.shared.barrierDepth}`)}): at the
  shallow depths the panel prefers, k is not identified (the loss hardly moves with it), and the planner's
  barrier is several times deeper. Range (one factor for every segment): the leave-one-country-out spread of the
  light segments' k, at least one grid step either side (beyond the grid's top at its last ratio), as the 90%
  interval of a lognormal factor with median 1 (the fit), truncated to it; the buses' and
  trucks' own spreads are ${segs
    .filter((s) => !LIGHT.includes(s))
    .map((s) => `${s} ${[...new Set([cond[s].post.shared.barrierDecay, ...cond[s].loo.map((l) => l.barrierDecay)])].sort((a, b) => a - b).join("-")}`)
    .join(", ")}.
uncertainty: ${factorAroundFit(jk)}
`;
const jl = jackknifeSeg("adjustmentSpeed", core.GRID.adjustmentSpeed);
out["adjustment_speed"] = `description: >-
  lambda: the share of the gap between last year's logits and this year's attractor that the market closes in a
  year (partial adjustment on the logits): shares cannot jump in one year on price alone.
label: "Adjustment speed of powertrain shares (lambda)"
unit: "fraction"
kind: behaviour
index: segment
interpolation: step
values:
  2025: ${segValues((s) => cond[s].post.shared.adjustmentSpeed)}
reference:
  - ${FIT}
  - ${IEA}
assumption: >-
  Pooled fit per mode (grid ${core.GRID.adjustmentSpeed.join(", ")}) at the barrier depth the segment uses, with k (see
  choice.barrier_decay): ${segs.map((s) => `${s} ${cond[s].post.shared.adjustmentSpeed}`).join(", ")} (unconditional fit:
  ${fitList((m) => m.fit.shared.adjustmentSpeed)}). Range: the leave-one-country-out spread, at least one grid step either side,
  as the 90% interval of a lognormal factor with median about 1 (the fit), truncated to it.
uncertainty: ${factorAroundFit(jl)}
bounds: [0.01, 1]
`;
for (const [name, text] of Object.entries(out)) {
  const path = fileURLToPath(new URL(`../data/pakistan/choice/${name}.yaml`, import.meta.url));
  if (write) writeFileSync(path, text);
  else console.log(`--- ${name}.yaml\n${text}`);
}
if (write) console.log("wrote data/pakistan/choice/{mature_constant,mature_constant_offset,gap_persistence,barrier_depth,barrier_decay,adjustment_speed}.yaml");
