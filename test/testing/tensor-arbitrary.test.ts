import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Tensor } from "../../src/index.ts";
import { arbTensor } from "../../src/testing/index.ts";

const hasTie = (t: Tensor) => new Set(t.data).size < t.size;

describe("TensorArbitrary: tensors shrink like nested arrays", () => {
  it("a failure that needs a tie shrinks to two tied elements, by removing slices", () => {
    const details = fc.check(
      fc.property(arbTensor({ shape: { minRank: 1, maxRank: 3, maxDim: 4 }, step: 0.5, min: -2, max: 2 }), (t) => !hasTie(t)),
      { seed: 7 },
    );
    expect(details.failed).toBe(true);
    const [t] = details.counterexample as [Tensor];
    expect(t.size).toBe(2);
    expect(t.data[0]).toBe(t.data[1]);
  });

  it("a failure that needs one large element shrinks to a single element at the threshold", () => {
    const details = fc.check(fc.property(arbTensor({ step: 0.125 }), (t) => t.data.every((v) => v < 1)), { seed: 8 });
    const [t] = details.counterexample as [Tensor];
    expect(t.size).toBe(1);
    expect(t.data[0]).toBe(1);
  });

  it("respects the rank and dimension bounds while shrinking", () => {
    const details = fc.check(
      fc.property(arbTensor({ shape: { minRank: 2, maxRank: 3, minDim: 1, maxDim: 4 }, step: 0.5 }), (t) => !t.data.includes(1.5)),
      { seed: 9 },
    );
    const [t] = details.counterexample as [Tensor];
    expect([...t.shape]).toEqual([1, 1]);
    expect(t.data[0]).toBe(1.5);
  });

  it("keeps the surviving elements in place: a descending pair in a row shrinks to that row's pair", () => {
    // Fails when some row has an element followed, later in the row, by a smaller one.
    const descending = (t: Tensor) => {
      const n = t.shape[t.ndim - 1];
      for (let r = 0; r < t.size; r += n) for (let i = r; i < r + n; i++) for (let j = i + 1; j < r + n; j++) if (t.data[j] < t.data[i]) return true;
      return false;
    };
    const details = fc.check(fc.property(arbTensor({ shape: { minRank: 1, maxRank: 2, maxDim: 4 }, step: 0.25 }), (t) => !descending(t)), { seed: 10 });
    const [t] = details.counterexample as [Tensor];
    expect([...t.shape]).toEqual([2]);
    expect(t.data[0]).toBeGreaterThan(t.data[1]);
  });
});
