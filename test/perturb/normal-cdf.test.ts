import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erfc, normalCdf } from "../../src/perturb/normal-cdf.ts";

describe("normalCdf", () => {
  it("matches 0.5·erfc(−x/√2) from Python's math.erfc (C library) to 1e-13 relative, tails included", () => {
    // Reference values printed by CPython 3: 0.5 * math.erfc(-x / math.sqrt(2)).
    const reference: [number, number][] = [
      [0, 0.5],
      [1, 0.8413447460685429],
      [-1, 0.15865525393145707],
      [-1.959963984540054, 0.02500000000000002],
      [-3, 0.0013498980316300957],
      [-5, 2.866515718791946e-7],
      [-10, 7.619853024160593e-24],
      [-20, 2.7536241186063314e-89],
      [2.5, 0.9937903346742238],
      [0.3, 0.6179114221889526],
    ];
    for (const [x, p] of reference) expect(Math.abs(normalCdf(x) - p)).toBeLessThanOrEqual(1e-13 * p);
  });

  it("Φ(x) + Φ(−x) = 1 and Φ is increasing (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, d) => {
        // Each side is within ~1e-15 relative of exact, so the sum is within a few ulps of 1.
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThanOrEqual(1e-14);
        expect(normalCdf(x + d)).toBeGreaterThanOrEqual(normalCdf(x) - 1e-16);
      }),
      { numRuns: 300 },
    );
  });

  it("erfc at the two branches' seam (|z| = 3) is continuous, and erfc(NaN) is NaN", () => {
    expect(Math.abs(erfc(3 - 1e-12) - erfc(3)) / erfc(3)).toBeLessThan(1e-10);
    expect(Math.abs(erfc(-3 + 1e-12) - erfc(-3))).toBeLessThan(1e-12);
    expect(erfc(Number.NaN)).toBeNaN();
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});
