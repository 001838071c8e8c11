import { describe, expect, it } from "vitest";
import { PAYBACK_CAP_YEARS, paybackYears } from "./report.js";

describe("reporting helpers", () => {
  it("payback: zero when nothing extra is paid, the cap when savings never repay it, the ratio otherwise", () => {
    expect(paybackYears(-5, 1)).toBe(0);
    expect(paybackYears(0, 0)).toBe(0);
    expect(paybackYears(100, 0)).toBe(PAYBACK_CAP_YEARS);
    expect(paybackYears(100, -3)).toBe(PAYBACK_CAP_YEARS);
    expect(paybackYears(100, 40)).toBe(2.5);
    expect(paybackYears(1e9, 1)).toBe(PAYBACK_CAP_YEARS);
  });
});
