import { describe, expect, it } from "vitest";
import { DEFAULT_TURNOVER, estimateTurnover, fitDiffusion, parseEvHistoryCsv, selectShareHistory, simulateDiffusion, syntheticHistoryCsv } from "@evplan/core";

// Known dynamics: an S-curve from 0.16% in 2010 to 77% in 2024 (cars-like turnover).
const TRUE = { a: 0.5, g: 0.35, phi: 0.4, t0: 2020, tau: 0.08, initialStockShare: 2e-4, firstYear: 2010, lastYear: 2024 };

function history(extra: Partial<Parameters<typeof syntheticHistoryCsv>[0]> = {}) {
  const rows = parseEvHistoryCsv(syntheticHistoryCsv({ ...TRUE, ...extra }), "synthetic.csv");
  return selectShareHistory(rows, "Synthetia", "Cars", "synthetic.csv");
}

describe("simulateDiffusion", () => {
  it("keeps the stock share between its start and the sales share, and feeds on its own stock", () => {
    const sim = simulateDiffusion(TRUE, TRUE);
    for (let i = 1; i < sim.years.length; i++) {
      expect(sim.salesShare[i]).toBeGreaterThan(sim.salesShare[i - 1]);
      expect(sim.stockShare[i]).toBeLessThan(sim.salesShare[i]);
    }
    // Without familiarity the same trend adopts more slowly once F has grown past its start.
    const noFam = simulateDiffusion({ ...TRUE, phi: 0, a: TRUE.a + TRUE.phi * Math.log(TRUE.initialStockShare) }, TRUE);
    expect(noFam.salesShare[sim.years.length - 1]).toBeLessThan(sim.salesShare[sim.years.length - 1]);
  });
});

describe("fitDiffusion recovers the parameters a synthetic history was generated from", () => {
  it("exactly, from exact data, with tau from the stock share history", () => {
    const h = history();
    const c = fitDiffusion(h.salesShare, h.stockShare, { fitUntil: 2020, mode: "Cars" });
    expect(c.tauSource).toBe("stock share history");
    expect(c.tau).toBeCloseTo(TRUE.tau, 6);
    expect(c.a).toBeCloseTo(TRUE.a, 4);
    expect(c.g).toBeCloseTo(TRUE.g, 4);
    expect(c.phi).toBeCloseTo(TRUE.phi, 4);
    expect(c.rmsLogitError).toBeLessThan(1e-6);
  });

  it("within tolerance from data rounded to two significant figures, as the IEA publishes it", () => {
    const h = history({ significantFigures: 2 });
    const c = fitDiffusion(h.salesShare, h.stockShare, { fitUntil: 2024, mode: "Cars" });
    expect(Math.abs(c.tau - TRUE.tau)).toBeLessThan(0.005);
    expect(Math.abs(c.g - TRUE.g)).toBeLessThan(0.05);
    expect(Math.abs(c.phi - TRUE.phi)).toBeLessThan(0.1);
    expect(c.stdErr.phi).toBeGreaterThan(0);
  });

  it("recovers (a, g, phi) without stock data when the default turnover is the true one", () => {
    // Start from the stock share the fit assumes without stock data: F(2009) = tau * s(2010), a fixed point.
    let f0 = 1e-4;
    for (let i = 0; i < 100; i++) f0 = TRUE.tau / (1 + Math.exp(-(TRUE.a + TRUE.g * (2010 - TRUE.t0) + TRUE.phi * Math.log(f0))));
    const h = history({ withoutStockShare: true, initialStockShare: f0 });
    const c = fitDiffusion(h.salesShare, h.stockShare, { fitUntil: 2022, mode: "Cars", tau: 0.08 });
    expect(c.initialStockShareSource).toBe("assumed tau * first sales share");
    expect(c.phi).toBeCloseTo(TRUE.phi, 3);
    expect(c.g).toBeCloseTo(TRUE.g, 3);
  });

  it("finds no familiarity in a plain logistic history", () => {
    const sales = new Map<number, number>();
    for (let t = 2010; t <= 2020; t++) sales.set(t, 1 / (1 + Math.exp(-0.4 * (t - 2022))));
    const c = fitDiffusion(sales, new Map(), { fitUntil: 2020, mode: "Cars" });
    expect(c.phi).toBeLessThan(0.02);
    expect(c.g).toBeCloseTo(0.4, 2);
  });
});

describe("estimateTurnover", () => {
  it("uses the mode's default with no stock share, and says so", () => {
    const e = estimateTurnover(new Map([[2020, 0.1]]), new Map(), 2020, "2 and 3 wheelers");
    expect(e).toMatchObject({ tau: DEFAULT_TURNOVER["2 and 3 wheelers"], source: "default" });
    expect(e.note).toMatch(/no EV stock share/);
  });

  it("does not look past the cut-off", () => {
    const h = history();
    const before = estimateTurnover(h.salesShare, h.stockShare, 2015, "Cars");
    const stock = new Map(h.stockShare);
    stock.set(2020, 0.5); // an absurd later value must not move the estimate
    expect(estimateTurnover(h.salesShare, stock, 2015, "Cars").tau).toBe(before.tau);
  });

  it("refuses an implausible estimate", () => {
    const sales = new Map([
      [2011, 0.5],
      [2012, 0.5],
      [2013, 0.5],
    ]);
    const stock = new Map([
      [2010, 0],
      [2011, 0.45],
      [2012, 0.49],
      [2013, 0.5],
    ]);
    expect(estimateTurnover(sales, stock, 2013, "Buses")).toMatchObject({ source: "default", tau: DEFAULT_TURNOVER.buses });
  });
});
