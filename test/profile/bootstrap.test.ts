import { describe, expect, it } from "vitest";
import { Generator } from "../../src/autograd/random.ts";
import { bootstrapMedian } from "../../src/profile/bootstrap.ts";

describe("bootstrapMedian", () => {
  it("is seeded: the same values and seed give the same interval, another seed another one", () => {
    const g = new Generator(1);
    const v = Array.from({ length: 40 }, () => g.normal());
    expect(bootstrapMedian(v, { seed: 3 })).toEqual(bootstrapMedian(v, { seed: 3 }));
    expect(bootstrapMedian(v, { seed: 3 })).not.toEqual(bootstrapMedian(v, { seed: 4 }));
  });

  it("brackets the sample median, and a constant sample gets a zero-width interval", () => {
    const v = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const [lo, hi] = bootstrapMedian(v);
    expect(lo).toBeLessThanOrEqual(4);
    expect(hi).toBeGreaterThanOrEqual(4);
    expect(bootstrapMedian([2, 2, 2])).toEqual([2, 2]);
    expect(bootstrapMedian([]).every(Number.isNaN)).toBe(true);
  });

  it("covers the true median of N(0, 1) in about 95% of 300 samples of 41", () => {
    // 300 trials: the coverage's standard error is √(0.95·0.05/300) = 1.3%; ±3 of them is [0.91, 0.99].
    const g = new Generator(2026);
    let covered = 0;
    for (let t = 0; t < 300; t++) {
      const v = Array.from({ length: 41 }, () => g.normal());
      const [lo, hi] = bootstrapMedian(v, { seed: t, resamples: 500 });
      if (lo <= 0 && hi >= 0) covered++;
    }
    expect(covered / 300).toBeGreaterThan(0.91);
    expect(covered / 300).toBeLessThan(0.99);
  });
});
