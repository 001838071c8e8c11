// The time-left estimate: a slow start (workers building the model) must not inflate it.
import { describe, expect, it } from "vitest";
import { EtaEstimator, etaText } from "./progress.js";

describe("the time-left estimate", () => {
  it("ignores the start-up before the first chunk and stays within a fifth of the truth", () => {
    // 10 s of start-up, then 1000 records at 100 a second, reported every 50 records.
    let clock = 0;
    const eta = new EtaEstimator(1000, () => clock);
    clock = 10_000;
    expect(eta.update(50)).toBeUndefined();
    for (let done = 100; done < 1000; done += 50) {
      clock = 10_000 + ((done - 50) / 100) * 1000;
      const left = eta.update(done);
      const truth = (1000 - done) / 100;
      if (left === undefined) continue;
      expect(left).toBeGreaterThan(truth * 0.8);
      expect(left).toBeLessThan(truth * 1.2);
    }
  });

  it("says nothing until it has a rate worth extrapolating", () => {
    let clock = 0;
    const eta = new EtaEstimator(10_000, () => clock);
    eta.update(10);
    clock = 100;
    expect(eta.update(20)).toBeUndefined();
    expect(etaText(undefined)).toBe("estimating time left");
    expect(etaText(95)).toBe("about 1m35s left");
  });
});
