import { describe, expect, it } from "vitest";
import { MAX_TRUSTED_RME, quantile, summarize, t95 } from "../../src/profile/stats.ts";

describe("stats", () => {
  it("quantile interpolates between order statistics: on 1..11, p10 = 2, median = 6, p90 = 10", () => {
    const s = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(quantile(s, 0.1)).toBe(2);
    expect(quantile(s, 0.5)).toBe(6);
    expect(quantile(s, 0.9)).toBe(10);
    // between order statistics: (n − 1)·q = 0.75 on [10, 20] → 10 + 0.75·10
    expect(quantile([10, 20], 0.75)).toBe(17.5);
  });

  it("summarize gives the median, p10/p90 and rme = t(n−1)·sd/√n/mean, whatever the sample order", () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s.samples).toBe(5);
    expect(s.median).toBe(3);
    expect(s.mean).toBe(3);
    expect(s.p10).toBeCloseTo(1 + 0.4 * 1, 12);
    expect(s.p90).toBeCloseTo(4 + 0.6 * 1, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(10 / 4), 12);
    expect(s.rme).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5) / 3, 12);
  });

  it("t95 falls with the degrees of freedom and reaches the normal 1.96 beyond 30", () => {
    expect(t95(1)).toBe(12.706);
    expect(t95(30)).toBe(2.042);
    expect(t95(31)).toBe(1.96);
    for (let df = 1; df < 40; df++) expect(t95(df + 1)).toBeLessThanOrEqual(t95(df));
  });

  it("tight synthetic timings carry no note", () => {
    const times = Array.from({ length: 40 }, (_, i) => 1 + 0.001 * Math.sin(i));
    const s = summarize(times);
    expect(s.rme).toBeLessThan(MAX_TRUSTED_RME);
    expect(s.note).toBeNull();
  });

  it("wide or scarce timings are flagged, naming why", () => {
    const wide = summarize(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : 3)));
    expect(wide.note).toMatch(/p10–p90 spans/);
    expect(wide.note).toMatch(/margin of error/);
    const few = summarize([1, 1, 1]);
    expect(few.note).toMatch(/only 3 samples/);
    expect(summarize([2]).rme).toBe(Infinity);
  });
});
