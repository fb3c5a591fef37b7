import { describe, expect, it } from "vitest";
import { maxOf, minOf } from "../../src/plot/extent.ts";

describe("minOf and maxOf", () => {
  it("agree with Math.min and Math.max on small arrays, and are ±Infinity on none", () => {
    expect(minOf([3, -1, 2])).toBe(-1);
    expect(maxOf([3, -1, 2])).toBe(3);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([])).toBe(-Infinity);
  });

  it("take 500k values, where a spread into Math.min overflows the stack", () => {
    const xs = Float64Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_000);
    expect(() => Math.min(...xs)).toThrow(RangeError);
    expect(minOf(xs)).toBe(0);
    expect(maxOf(xs)).toBe(499_999);
  });
});
