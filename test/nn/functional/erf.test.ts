import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erf, erfc } from "../../../src/nn/functional/erf.ts";

/**
 * (2/√π)∫₀ˣ e^(−t²) dt by composite Simpson with 20 000 intervals, summed with Neumaier's compensation.
 * Error budget for |x| ≤ 4 (h = x/20 000 ≤ 2e-4):
 *   truncation  (2/√π)·|x|·h⁴·max|f⁗|/180 = 1.13·4·1.6e-15·12/180 ≈ 4.8e-16   (f⁗ of e^(−t²) peaks at 12, t = 0)
 *   rounding    compensated sum ≤ 2u·Σ|terms|·h/3·(2/√π) ≈ 2u·1 ≈ 2.2e-16, plus three final products ≈ 3.3e-16
 * so the reference is within 1.1e-15 of erf(x); erf itself claims 1e-15 relative (|erf| ≤ 1). A plain running sum
 * of 20 000 terms instead rounds up to n·u ≈ 2e-12 (seen: 1.03e-14 at x = −2.905), which no fixed 1e-14 covers.
 */
function simpsonErf(x: number): number {
  const n = 20_000;
  const h = x / n;
  let s = 1 + Math.exp(-x * x);
  let c = 0;
  for (let i = 1; i < n; i++) {
    const v = (i % 2 === 1 ? 4 : 2) * Math.exp(-((i * h) ** 2));
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return ((2 / Math.sqrt(Math.PI)) * (s + c) * h) / 3;
}

/** Reference error (1.1e-15) + erf's own 1e-15: the derivation above the reference. */
const SIMPSON_TOLERANCE = 2.1e-15;

describe("erf", () => {
  it("matches tabulated values (Abramowitz & Stegun 7.1; erfc from the asymptotic tables)", () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 15);
    expect(Math.abs(erfc(3) / 2.209049699858544e-5 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(erfc(5) / 1.5374597944280349e-12 - 1)).toBeLessThan(1e-13);
    expect(erf(0)).toBe(0);
    expect(erf(-1)).toBe(-erf(1));
    expect(erf(30)).toBe(1);
  });

  it("property: agrees with a Simpson quadrature of (2/√π)e^(−t²) within 2.1e-15 on [−4, 4] (budget above simpsonErf)", () => {
    fc.assert(
      fc.property(fc.double({ min: -4, max: 4, noNaN: true }), (x) => {
        expect(Math.abs(erf(x) - simpsonErf(x))).toBeLessThan(SIMPSON_TOLERANCE);
      }),
      { numRuns: 40, examples: [[-2.9053534859323475]] },
    );
  });

  it("property: erf(x) + erfc(x) = 1", () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
        expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(4e-16);
      }),
      { numRuns: 100 },
    );
  });
});
