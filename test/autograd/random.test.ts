import { describe, expect, it } from "vitest";
import { randn } from "../../src/autograd/creation.ts";
import { ArgumentError } from "../../src/autograd/errors.ts";
import { Generator, getDefaultGenerator, manualSeed } from "../../src/autograd/random.ts";

const N = 100_000;

function draws(g: Generator, n: number, f: (g: Generator) => number): number[] {
  return Array.from({ length: n }, () => f(g));
}

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = moments(a);
  const mb = moments(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma.mean) * (b[i] - mb.mean);
  return s / (a.length - 1) / Math.sqrt(ma.variance * mb.variance);
}

describe("Generator: reproducibility", () => {
  it("gives bit-identical streams for the same seed, of every kind of draw", () => {
    const a = new Generator(42);
    const b = new Generator(42);
    for (let i = 0; i < 1000; i++) {
      expect(a.nextUint32()).toBe(b.nextUint32());
      expect(a.uniform()).toBe(b.uniform());
      expect(a.normal()).toBe(b.normal());
      expect(a.int(7)).toBe(b.int(7));
    }
  });

  it("gives different streams for different seeds, also seeds that differ only in the fraction or above 2^32", () => {
    const first = (seed: number) => draws(new Generator(seed), 8, (g) => g.nextUint32()).join();
    const seeds = [0, 1, 1.5, 2 ** 32, -1, 123456789];
    expect(new Set(seeds.map(first)).size).toBe(seeds.length);
  });

  it("manualSeed resets the default generator that randn uses without one", () => {
    manualSeed(5);
    const a = randn([6]);
    manualSeed(5);
    expect(Array.from(randn([6]).data)).toEqual(Array.from(a.data));
    expect(Array.from(randn([6], { generator: new Generator(5) }).data)).toEqual(Array.from(a.data));
    expect(getDefaultGenerator().seed).toBe(5);
  });

  it("refuses a seed that is not a finite number", () => {
    expect(() => new Generator(NaN)).toThrow(ArgumentError);
    expect(() => new Generator(Infinity)).toThrow(/seed must be a finite number/);
  });
});

describe("Generator: split", () => {
  it("is deterministic: the same parent state gives the same child", () => {
    const a = new Generator(9).split();
    const b = new Generator(9).split();
    expect(draws(a, 10, (g) => g.uniform())).toEqual(draws(b, 10, (g) => g.uniform()));
  });

  it("gives a child whose stream is uncorrelated with the parent's continuation and with its sibling", () => {
    const parent = new Generator(3);
    const c1 = parent.split();
    const c2 = parent.split();
    const p = draws(parent, 20_000, (g) => g.uniform());
    const x = draws(c1, 20_000, (g) => g.uniform());
    const y = draws(c2, 20_000, (g) => g.uniform());
    // For independent streams the sample correlation has standard deviation 1/√n ≈ 0.007; 0.035 is 5 of them.
    for (const [a, b] of [[p, x], [p, y], [x, y]] as const) expect(Math.abs(correlation(a, b))).toBeLessThan(0.035);
    expect(x.slice(0, 5)).not.toEqual(y.slice(0, 5));
  });
});

describe("Generator: distributions", () => {
  it("nextUint32 gives integers in [0, 2^32)", () => {
    const vs = draws(new Generator(1), 10_000, (g) => g.nextUint32());
    expect(vs.filter((v) => !(Number.isInteger(v) && v >= 0 && v < 2 ** 32))).toEqual([]);
    // The top bit is set about half the time (a check that the >>> 0 keeps values unsigned).
    expect(Math.abs(vs.filter((v) => v >= 2 ** 31).length / 10_000 - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / 10_000));
  });

  it("uniform lies in [0, 1), on the 2^-53 grid, with mean 1/2 and variance 1/12", () => {
    const xs = draws(new Generator(11), N, (g) => g.uniform());
    expect(xs.filter((x) => !(x >= 0 && x < 1) || !Number.isInteger(x * 2 ** 53))).toEqual([]);
    const { mean, variance } = moments(xs);
    // Standard errors: √(1/12/N) ≈ 9.1e-4 for the mean, √(1/180/N) ≈ 2.4e-4 for the variance; 5 of each.
    expect(Math.abs(mean - 1 / 2)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / N));
  });

  it("normal has mean 0, variance 1, and about 68.27% of draws within one standard deviation", () => {
    const xs = draws(new Generator(12), N, (g) => g.normal());
    const { mean, variance } = moments(xs);
    // Standard errors: 1/√N ≈ 3.2e-3 for the mean, √(2/N) ≈ 4.5e-3 for the variance; 5 of each.
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    const within = xs.filter((x) => Math.abs(x) < 1).length / N;
    // P(|Z| < 1) = erf(1/√2) = 0.682689…; a proportion's standard error is √(p(1−p)/N) ≈ 1.5e-3.
    expect(Math.abs(within - 0.6826894921370859)).toBeLessThan(5 * Math.sqrt(0.6827 * 0.3173 / N));
  });

  it("int(n) hits every value of [0, n) about equally often (χ² with 9 degrees of freedom)", () => {
    const counts = new Array<number>(10).fill(0);
    const g = new Generator(13);
    for (let i = 0; i < N; i++) counts[g.int(10)]++;
    const expected = N / 10;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // The 99.99th percentile of χ²₉ is 33.72.
    expect(chi2).toBeLessThan(33.72);
    expect(() => g.int(0)).toThrow(/Generator.int: n must be a positive integer/);
    expect(() => g.int(2.5)).toThrow(ArgumentError);
  });

  it("permutation(n) holds each of 0..n-1 once, and is reproducible", () => {
    const p = new Generator(14).permutation(50);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p).toEqual(new Generator(14).permutation(50));
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(new Generator(14).permutation(0)).toEqual([]);
    expect(() => new Generator(14).permutation(-1)).toThrow(ArgumentError);
  });

  it("every position of a 3-permutation takes every value about a third of the time", () => {
    const g = new Generator(15);
    const counts = [0, 0, 0].map(() => [0, 0, 0]);
    const n = 30_000;
    for (let i = 0; i < n; i++) g.permutation(3).forEach((v, pos) => counts[pos][v]++);
    // Each count is Binomial(n, 1/3): standard deviation √(n·2/9) ≈ 82; 5 of them.
    for (const row of counts) for (const c of row) expect(Math.abs(c - n / 3)).toBeLessThan(5 * Math.sqrt((n * 2) / 9));
  });
});
