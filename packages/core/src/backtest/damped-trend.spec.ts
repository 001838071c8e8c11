import { describe, expect, it } from "vitest";
import { dampedTrendShare, fitDampedTrend } from "./damped-trend.js";
import type { RegionHistory } from "./panel.js";

const logit = (s: number) => Math.log(s / (1 - s));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

/** A series whose logit changes by d0 * phi^(t - 2011) each year from 1% in 2011. */
function dampedSeries(d0: number, phi: number): Map<number, number> {
  const m = new Map<number, number>();
  let l = logit(0.01);
  let d = d0;
  for (let y = 2011; y <= 2024; y++) {
    m.set(y, expit(l));
    l += d;
    d *= phi;
  }
  return m;
}

const region = (name: string, share: Map<number, number>, aggregate = false): RegionHistory => ({
  region: name,
  aggregate,
  modes: new Map([["Cars", { region: name, mode: "Cars", share, bevFraction: new Map() }]]),
});

describe("damped logit trend baseline", () => {
  const share = new Map([
    [2019, 0.1],
    [2020, 0.2],
  ]);

  it("is persistence at phi = 0 and the last logit change carried forward at phi = 1", () => {
    expect(dampedTrendShare(share, 2020, 3, 0)).toBeCloseTo(0.2, 12);
    const d = logit(0.2) - logit(0.1);
    expect(dampedTrendShare(share, 2020, 3, 1)).toBeCloseTo(expit(logit(0.2) + 3 * d), 12);
    expect(dampedTrendShare(share, 2020, 2, 0.5)).toBeCloseTo(expit(logit(0.2) + 0.75 * d), 12);
  });

  it("carries the level without a trend when the year before the origin is missing, and nothing without the origin", () => {
    expect(dampedTrendShare(new Map([[2020, 0.3]]), 2020, 4, 0.9)).toBeCloseTo(0.3, 12);
    expect(dampedTrendShare(share, 2021, 1, 0.9)).toBeNull();
  });

  it("recovers the damping of a panel generated with it, from the other countries (leave one out)", () => {
    const panel = [
      region("A", dampedSeries(0.6, 0.7)),
      region("B", dampedSeries(0.4, 0.7)),
      region("C", dampedSeries(0.8, 0.7)),
      region("Scored", dampedSeries(0.5, 0.2)),
      region("World", dampedSeries(0.5, 0), true),
    ];
    expect(fitDampedTrend(panel, "Cars", 2020, "Scored")).toBeCloseTo(0.7, 12);
    // Alone in the file, a country is fitted on its own history.
    expect(fitDampedTrend([region("Scored", dampedSeries(0.5, 0.2))], "Cars", 2020, "Scored")).toBeCloseTo(0.2, 12);
  });
});
