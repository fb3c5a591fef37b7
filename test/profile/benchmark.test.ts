import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/autograd/errors.ts";
import { benchmark } from "../../src/profile/benchmark.ts";
import { cpuClock, readCost, spin, withinTries } from "./busy.ts";

describe("benchmark", () => {
  it("a 1 ms wait on the CPU clock measures what the wait saw itself spend, within the measurement's margin", async () => {
    const ok = await withinTries(3, async () => {
      const seen: number[] = [];
      const m = await benchmark(() => spin(1, seen), { clock: cpuClock, budgetMs: 300, warmupMs: 50 });
      // Each call lasts what it saw (1 ms and its last read's interval) plus what lies outside its first and last
      // reads: the call, and the shares of those two reads, under two reads in all.
      // The median call, not the mean: `seen` also holds the warm-up calls, whose last read V8's compiler threads
      // can delay by tens of µs on the process clock, while the timed samples come after them.
      const self = [...seen].sort((a, b) => a - b)[seen.length >> 1] / 1000;
      const truth = [self, self + (2 * readCost()) / 1000];
      expect(self).toBeGreaterThanOrEqual(1e-3);
      expect(m.samples).toBeGreaterThanOrEqual(5);
      expect(m.p10).toBeLessThanOrEqual(m.median);
      expect(m.median).toBeLessThanOrEqual(m.p90);
      const [lo, hi] = [m.mean * (1 - m.rme), m.mean * (1 + m.rme)];
      return lo <= truth[1] && hi >= truth[0];
    });
    expect(ok).toBe(true);
  });

  it("reports seconds: a fake clock's 2.5 ms per call is 0.0025 s, with no spread and no note", async () => {
    let t = 0;
    const m = await benchmark(() => (t += 2.5), { clock: () => t, budgetMs: 100, warmupMs: 10 });
    expect(m.median).toBeCloseTo(0.0025, 15);
    expect(m.p10).toBeCloseTo(0.0025, 15);
    expect(m.rme).toBe(0);
    expect(m.note).toBeNull();
  });

  it("a noisy function gets a note that names the remedy in benchmark's own terms", async () => {
    let t = 0;
    let i = 0;
    const m = await benchmark(() => (t += i++ % 2 === 0 ? 1 : 3), { clock: () => t, budgetMs: 60, warmupMs: 5, sampleMs: 1 });
    expect(m.note).toMatch(/^noisy: .*raise budgetMs/);
  });

  it("refuses a non-function, a function returning a promise, and bad budgets, naming them", async () => {
    await expect(benchmark(42 as unknown as () => void)).rejects.toThrow(/benchmark: 'fn' must be a function, got number/);
    await expect(benchmark(async () => 1)).rejects.toThrow(/returned a promise/);
    await expect(benchmark(() => 1, { budgetMs: -1 })).rejects.toThrow(ArgumentError);
    await expect(benchmark(() => 1, { minSamples: 9, maxSamples: 3 })).rejects.toThrow(/maxSamples \(3\) is below minSamples \(9\)/);
  });
});
