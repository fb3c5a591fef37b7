import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/autograd/errors.ts";
import { Generator } from "../../src/autograd/random.ts";
import { normalCdf } from "../../src/nn/functional/erf.ts";
import { noiseSource, normalNoise, uniformNoise, uphillProbability } from "../../src/perturb/noise.ts";

const N = 20000;

function moments(xs: Float64Array): { mean: number; std: number } {
  let s = 0, ss = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (xs.length - 1)) };
}

describe("noise sources", () => {
  it("the same seed gives the same draws, and a draw at scale s is s × the unit draw (matched noise across scales)", () => {
    const a = normalNoise(0.3, 11).fill(new Float64Array(50));
    const b = normalNoise(0.3, new Generator(11)).fill(new Float64Array(50));
    const unit = normalNoise(1, 11).fill(new Float64Array(50));
    expect([...a]).toEqual([...b]);
    expect([...a]).toEqual([...unit].map((u) => 0.3 * u));
    const u = uniformNoise(0.1, 5);
    const v = noiseSource("uniform", 0.1, 5);
    for (let i = 0; i < 20; i++) expect(u.sample()).toBe(v.sample());
  });

  it("normal(s): mean 0 and std s within 4 standard errors (s/√N and s/√2N)", () => {
    const s = 0.7;
    const { mean, std } = moments(normalNoise(s, 3).fill(new Float64Array(N)));
    expect(Math.abs(mean)).toBeLessThan((4 * s) / Math.sqrt(N));
    expect(Math.abs(std - s)).toBeLessThan((4 * s) / Math.sqrt(2 * N));
  });

  it("uniform(s): draws in [−s, s), mean 0, std s/√3 within 4 standard errors", () => {
    const s = 0.1;
    const xs = uniformNoise(s, 4).fill(new Float64Array(N));
    expect(xs.every((x) => x >= -s && x < s)).toBe(true);
    const { mean, std } = moments(xs);
    const sd = s / Math.sqrt(3);
    expect(Math.abs(mean)).toBeLessThan((4 * sd) / Math.sqrt(N));
    // var of the sample variance of U(−s, s): (μ₄ − σ⁴)/N with μ₄ = s⁴/5, σ² = s²/3; std error of std ≈ that / 2σ.
    const seStd = Math.sqrt((s ** 4 / 5 - sd ** 4) / N) / (2 * sd);
    expect(Math.abs(std - sd)).toBeLessThan(4 * seStd);
  });

  it("cdf: Φ(x/s) for normal, (x + s)/2s clamped for uniform, a step at 0 for scale 0", () => {
    expect(normalNoise(2, 0).cdf(-1)).toBe(normalCdf(-0.5));
    expect(uniformNoise(2, 0).cdf(-1)).toBe((-1 + 2) / 4);
    expect(uniformNoise(2, 0).cdf(-5)).toBe(0);
    expect(uniformNoise(2, 0).cdf(5)).toBe(1);
    expect(normalNoise(0, 0).cdf(-1e-300)).toBe(0);
    expect(normalNoise(0, 0).sample()).toBe(0);
  });

  it("the predicted uphill probability Φ(−L/s) agrees with Python's math.erfc far into the tail (1e-13 relative)", () => {
    // CPython 3: 0.5 * math.erfc(x / math.sqrt(2)) for x = 0.5, 3, 10.
    const noise = normalNoise(1, 0);
    const reference: [number, number][] = [[0.5, 0.3085375387259869], [3, 0.0013498980316300957], [10, 7.619853024160593e-24]];
    for (const [L, p] of reference) expect(Math.abs(uphillProbability(noise, L) - p)).toBeLessThanOrEqual(1e-13 * p);
  });

  it("uphillProbability: P(n < −L) = Φ(−L/s) for L > 0, P(n > |L|) for L < 0; matches the empirical rate", () => {
    const noise = normalNoise(1, 9);
    expect(uphillProbability(noise, 0.5)).toBe(normalCdf(-0.5));
    expect(uphillProbability(noise, -0.5)).toBe(1 - normalCdf(0.5));
    const draws = normalNoise(1, 10).fill(new Float64Array(N));
    const p = normalCdf(-0.5);
    const rate = draws.filter((n) => 1 + n / 0.5 < 0).length / N;
    expect(Math.abs(rate - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });

  it("rejects a negative or non-finite scale, a bad seed and an unknown kind", () => {
    expect(() => normalNoise(-1, 0)).toThrow(ArgumentError);
    expect(() => uniformNoise(Number.NaN, 0)).toThrow(/scale must be a finite number ≥ 0/);
    expect(() => normalNoise(1, Number.NaN)).toThrow(/Generator or a finite seed/);
    expect(() => noiseSource("cauchy" as "normal", 1, 0)).toThrow(/unknown kind/);
  });
});
