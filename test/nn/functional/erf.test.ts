import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erf, erfc } from "../../../src/nn/functional/erf.ts";

/** (2/√π)∫₀ˣ e^(−t²) dt by composite Simpson with 20 000 intervals: error ~ h⁴·max|f⁗|/180 < 1e-15 for |x| ≤ 4. */
function simpsonErf(x: number): number {
  const n = 20_000;
  const h = x / n;
  let s = 1 + Math.exp(-x * x);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * Math.exp(-((i * h) ** 2));
  return ((2 / Math.sqrt(Math.PI)) * s * h) / 3;
}

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

  it("property: agrees with a Simpson quadrature of (2/√π)e^(−t²) within 1e-14 on [−4, 4]", () => {
    fc.assert(
      fc.property(fc.double({ min: -4, max: 4, noNaN: true }), (x) => {
        expect(Math.abs(erf(x) - simpsonErf(x))).toBeLessThan(1e-14);
      }),
      { numRuns: 40 },
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
