import { describe, expect, it } from "vitest";
import { formatTick, linearTicks, logTicks } from "../../src/plot/index.ts";

describe("ticks", () => {
  it("linear ticks step by 1, 2, 2.5 or 5 times a power of ten and cover the range", () => {
    linearTicks(0, 1).forEach((v, i) => expect(v).toBeCloseTo([0, 0.2, 0.4, 0.6, 0.8, 1][i], 12));
    expect(linearTicks(0, 1).length).toBe(6);
    expect(linearTicks(0, 100, 6)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(linearTicks(-3, 3, 7)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(linearTicks(5, 5)).toEqual([5]);
  });

  it("log ticks are the decades, with 2 and 5 between when there are few", () => {
    expect(logTicks(1e-4, 1)).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
    expect(logTicks(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });

  it("labels are short", () => {
    expect([formatTick(0), formatTick(0.25), formatTick(1 / 3), formatTick(1e-5), formatTick(2e6)]).toEqual(["0", "0.25", "0.3333", "10^-5", "2×10^6"]);
  });
});

describe("linearTicks at the limits of float spacing", () => {
  it("terminates with the two ends when the step is below the spacing (1e20 and its next float)", () => {
    const hi = 1.0000000000000002e20;
    expect(linearTicks(1e20, hi)).toEqual([1e20, hi]);
  });

  it("terminates for ranges whose ends are huge and close, at every magnitude", () => {
    for (let e = 15; e <= 300; e += 15) {
      const lo = Number(`1e${e}`);
      const ticks = linearTicks(lo, lo * (1 + 4 * Number.EPSILON));
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(1000);
    }
  });
});
