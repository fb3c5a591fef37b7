import { describe, expect, it } from "vitest";
import { Generator, zeros } from "../../src/index.ts";
import { init } from "../../src/nn/index.ts";

function stats(d: ArrayLike<number>): { mean: number; variance: number; min: number; max: number } {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < d.length; i++) {
    s += d[i];
    min = Math.min(min, d[i]);
    max = Math.max(max, d[i]);
  }
  const mean = s / d.length;
  let v = 0;
  for (let i = 0; i < d.length; i++) v += (d[i] - mean) ** 2;
  return { mean, variance: v / d.length, min, max };
}

// 200·300 = 60 000 draws: the sample variance of a variance estimate is ~ 2σ⁴/n (normal) or 0.8σ⁴/n (uniform),
// so a relative tolerance of 5% on the variance is over 8 standard errors; the mean within 5σ/√n.
const N_OUT = 200;
const N_IN = 300;
const n = N_OUT * N_IN;

describe("init", () => {
  it("fans of [out, in] are in and out", () => {
    expect(init.fans(zeros([N_OUT, N_IN]))).toEqual({ fanIn: N_IN, fanOut: N_OUT });
    expect(init.fans(zeros([4, 3, 5]))).toEqual({ fanIn: 15, fanOut: 20 });
    expect(() => init.fans(zeros([4]))).toThrow(/at least 2 dimensions/);
  });

  it("kaimingUniform(relu) has bound √2·√(3/fanIn), variance 2/fanIn", () => {
    const t = init.kaimingUniform(zeros([N_OUT, N_IN]), { nonlinearity: "relu", generator: new Generator(1) });
    const s = stats(t.data);
    const bound = Math.SQRT2 * Math.sqrt(3 / N_IN);
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.min).toBeGreaterThanOrEqual(-bound);
    expect(Math.abs(s.variance / (2 / N_IN) - 1)).toBeLessThan(0.05);
    expect(Math.abs(s.mean)).toBeLessThan((5 * Math.sqrt(2 / N_IN)) / Math.sqrt(n));
  });

  it("kaimingNormal(relu, fanOut) has variance 2/fanOut", () => {
    const t = init.kaimingNormal(zeros([N_OUT, N_IN]), { mode: "fanOut", nonlinearity: "relu", generator: new Generator(2) });
    expect(Math.abs(stats(t.data).variance / (2 / N_OUT) - 1)).toBeLessThan(0.05);
  });

  it("xavierUniform and xavierNormal have variance gain²·2/(fanIn + fanOut)", () => {
    const want = 2 / (N_IN + N_OUT);
    const u = init.xavierUniform(zeros([N_OUT, N_IN]), { generator: new Generator(3) });
    const v = init.xavierNormal(zeros([N_OUT, N_IN]), { gain: 5 / 3, generator: new Generator(4) });
    expect(Math.abs(stats(u.data).variance / want - 1)).toBeLessThan(0.05);
    expect(stats(u.data).max).toBeLessThanOrEqual(Math.sqrt(6 / (N_IN + N_OUT)));
    expect(Math.abs(stats(v.data).variance / (want * (25 / 9)) - 1)).toBeLessThan(0.05);
  });

  it("calculateGain follows torch.nn.init.calculate_gain", () => {
    expect(init.calculateGain("tanh")).toBe(5 / 3);
    expect(init.calculateGain("relu")).toBe(Math.sqrt(2));
    expect(init.calculateGain("leakyRelu", 0.2)).toBe(Math.sqrt(2 / (1 + 0.04)));
    expect(init.calculateGain("sigmoid")).toBe(1);
  });

  it("each initialiser bumps the version (it is an in-place change)", () => {
    const t = zeros([2, 2]);
    init.constant(t, 3);
    expect(t.version).toBe(1);
    expect(t.toFlatArray()).toEqual([3, 3, 3, 3]);
  });
});
