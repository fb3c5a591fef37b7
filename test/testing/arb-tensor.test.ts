import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, tensor, type Tensor } from "../../src/index.ts";
import { arbTensor, arbTensors, arbValue, formatLeaf, leafFrom } from "../../src/testing/index.ts";

const hasTie = (t: Tensor) => new Set(t.data).size < t.size;

describe("arbValue and arbTensor values", () => {
  it("stay in [min, max] and at least margin away from every avoided point", () => {
    const avoid = [-1, 0, 0.5];
    fc.assert(
      fc.property(arbTensor({ min: -2, max: 1, avoid, margin: 0.1 }), (t) => {
        for (const v of t.data) {
          expect(v >= -2 && v <= 1).toBe(true);
          // a ± margin is one rounding from exact: |v − a| can fall short of 0.1 by an ulp of 1.
          for (const a of avoid) expect(Math.abs(v - a)).toBeGreaterThanOrEqual(0.1 - 2 ** -52);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("with a step, are multiples of it, and ties are common", () => {
    const samples = fc.sample(arbTensor({ shape: [6], min: -1, max: 1, step: 0.25 }), { seed: 4, numRuns: 100 });
    for (const t of samples) for (const v of t.data) expect(Number.isInteger(v / 0.25)).toBe(true);
    expect(samples.filter(hasTie).length).toBeGreaterThan(50);
  });

  it("without a step, are spread over the range: no clump at 0, no ties in practice", () => {
    // Uniform on [−2, 2]: the expected share below 0.01 in size is 0.5%; fc.double would give about half.
    const values = fc.sample(arbValue(), { seed: 5, numRuns: 2000 });
    expect(values.filter((v) => Math.abs(v) < 0.01 && v !== 0.05 && v !== -0.05).length).toBeLessThan(40);
    expect(new Set(values).size).toBeGreaterThan(1990);
  });

  it("have the requested dtype, shape and requiresGrad", () => {
    const [t] = fc.sample(arbTensor({ shape: [2, 3], dtype: "float32", requiresGrad: false }), { seed: 6, numRuns: 1 });
    expect(t.dtype).toBe("float32");
    expect([...t.shape]).toEqual([2, 3]);
    expect(t.requiresGrad).toBe(false);
    expect(fc.sample(arbTensor(), { seed: 6, numRuns: 20 }).every((x) => x.requiresGrad && x.isLeaf)).toBe(true);
  });

  it("min = max gives that value everywhere", () => {
    const [t] = fc.sample(arbTensor({ shape: [3], min: 0.5, max: 0.5 }), { seed: 1, numRuns: 1 });
    expect(Array.from(t.data)).toEqual([0.5, 0.5, 0.5]);
  });

  it("refuses a range, margin or step that makes no sense", () => {
    expect(() => arbValue({ min: 1, max: 0 })).toThrow(ArgumentError);
    expect(() => arbValue({ step: 0 })).toThrow(/arbValue: step must be a positive number, got 0/);
    expect(() => arbValue({ avoid: [Number.NaN] })).toThrow(/avoid finite/);
  });
});

describe("tensors print as the call that rebuilds them", () => {
  it("formatLeaf gives tensor(...) with full-precision values and the options that matter", () => {
    expect(formatLeaf(tensor([[0.1, -2], [3, 4]], { requiresGrad: true }))).toBe("tensor([[0.1, -2], [3, 4]], { requiresGrad: true })");
    expect(formatLeaf(tensor(1.5, { dtype: "float32" }))).toBe('tensor(1.5, { dtype: "float32" })');
    expect(formatLeaf(leafFrom([], [2, 0]))).toBe("tensor([], { shape: [2, 0], requiresGrad: true })");
  });

  it("fast-check prints drawn tensors that way", () => {
    expect(fc.stringify(leafFrom([0.25, -1], [2]))).toBe("tensor([0.25, -1], { requiresGrad: true })");
  });
});

describe("arbTensors", () => {
  it("several tensors of related shapes keep their relation", () => {
    const pairs = arbTensors(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).map(([m, n]) => [[m, n], [n]]));
    fc.assert(fc.property(pairs, ([a, b]) => a.shape[1] === b.shape[0]), { numRuns: 100 });
  });
});
