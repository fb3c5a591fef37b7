import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { summarize } from "../../src/autograd/value-summary.ts";

describe("summarize", () => {
  it("gives min, max and mean always, and every value only for small tensors", () => {
    const big = tensor(Array.from({ length: 10 }, (_, i) => i));
    expect(summarize(big)).toEqual({ size: 10, min: 0, max: 9, mean: (0 + 9) / 2, values: null });
    const small = tensor([[3, -1], [2, 0]]);
    expect(summarize(small)).toEqual({ size: 4, min: -1, max: 3, mean: (3 - 1 + 2 + 0) / 4, values: [3, -1, 2, 0] });
  });

  it("lets a NaN show in min, max and mean rather than hiding it", () => {
    const s = summarize(tensor([1, NaN, 3]));
    expect(s.min).toBeNaN();
    expect(s.max).toBeNaN();
    expect(s.mean).toBeNaN();
  });

  it("keeps infinite extremes when there is no NaN, even though the mean of +∞ and −∞ is NaN", () => {
    const s = summarize(tensor([-Infinity, 0, Infinity]));
    expect([s.min, s.max]).toEqual([-Infinity, Infinity]);
    expect(s.mean).toBeNaN();
  });

  it("gives NaN statistics for an empty tensor", () => {
    const s = summarize(tensor([]));
    expect(s.size).toBe(0);
    expect(s.min).toBeNaN();
    expect(s.values).toEqual([]);
  });
});
