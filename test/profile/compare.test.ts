import { describe, expect, it } from "vitest";
import { compare, verdictOf } from "../../src/profile/compare.ts";
import { arithmetic, calibrate, cpuClock, withinTries } from "./busy.ts";

describe("compare", () => {
  it("f against f twice: about 2×, with an interval that contains 2; f against itself: no difference", async () => {
    // Integer arithmetic on the CPU clock: g does exactly twice f's work, so the true ratio is 2 (up to one call).
    const n = calibrate(0.3);
    const f = () => arithmetic(n);
    const g = () => {
      f();
      f();
    };
    const ok = await withinTries(3, async () => {
      const c = await compare({ f, g, same: f }, { clock: cpuClock, budgetMs: 300, warmupMs: 50 });
      expect(c.pairs.map((p) => [p.a, p.b])).toEqual([["f", "g"], ["f", "same"], ["g", "same"]]);
      const [fg, ff] = c.pairs;
      expect(fg.verdict).toMatch(/^g is \d\.\d+× f, \[\d\.\d+, \d\.\d+\]$/);
      expect(ff.verdict).toMatch(/^no difference within noise/);
      return fg.low <= 2 && fg.high >= 2 && fg.different && !ff.different;
    });
    expect(ok).toBe(true);
  });

  it("the interval is reproducible: the same samples and seed give the same bounds", async () => {
    let t = 0;
    let i = 0;
    // A fake clock with a repeating jitter: b costs 1.5× a, give or take.
    const a = () => (t += 1 + 0.1 * Math.sin(i++));
    const b = () => (t += 1.5 + 0.1 * Math.cos(i++));
    const run = async () => {
      t = 0;
      i = 0;
      return compare({ a, b }, { clock: () => t, budgetMs: 100, warmupMs: 10, seed: 7 });
    };
    const [x, y] = [await run(), await run()];
    expect(x.pairs[0].low).toBe(y.pairs[0].low);
    expect(x.pairs[0].high).toBe(y.pairs[0].high);
    expect(x.pairs[0].low).toBeLessThan(1.5);
    expect(x.pairs[0].high).toBeGreaterThan(1.45);
    expect(x.table()).toMatch(/b is 1\.\d+× a/);
  });

  it("verdicts: beyond 1 ± minEffect a ratio is a difference; inside it, or with 1 in the interval, it is not", () => {
    expect(verdictOf("a", "b", 1.9, 1.8, 2.0, 0.01).verdict).toBe("b is 1.90× a, [1.80, 2.00]");
    expect(verdictOf("a", "b", 0.5, 0.48, 0.52, 0.01).different).toBe(true);
    expect(verdictOf("a", "b", 1.004, 1.002, 1.006, 0.01).verdict).toBe("no difference within noise (b/a 1.00×, [1.00, 1.01])");
    expect(verdictOf("a", "b", 1.1, 0.97, 1.2, 0.01).different).toBe(false);
  });

  it("refuses fewer than two functions and names a non-function", async () => {
    await expect(compare({ a: () => 1 })).rejects.toThrow(/at least two functions/);
    await expect(compare({ a: () => 1, b: 3 as unknown as () => void })).rejects.toThrow(/'b' must be a function/);
  });
});
