import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Generator, gradcheck, gradgradcheck, randn, ShapeError, tensor } from "../../../src/index.ts";
import { functional as F } from "../../../src/nn/index.ts";

const g = new Generator(11);
const leaf = (shape: number[]) => randn(shape, { generator: g, requiresGrad: true });

describe("functional.linear (fused x·Wᵀ + b)", () => {
  it("equals x·Wᵀ + b written with matmul, transpose and add", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer(), (n, k, m, seed) => {
        const r = new Generator(seed);
        const x = randn([n, k], { generator: r });
        const w = randn([m, k], { generator: r });
        const b = randn([m], { generator: r });
        const fused = F.linear(x, w, b).toFlatArray();
        const composed = x.matmul(w.transpose()).add(b).toFlatArray();
        // Each output is a k-term dot product plus b: the two may sum in other orders, so they agree to
        // k·eps₆₄ times the sum of |terms|, bounded here by 1e-13·(1 + k·max|x·w|) with values of order 1..10.
        fused.forEach((v, i) => expect(Math.abs(v - composed[i])).toBeLessThan(1e-13 * (1 + k * 10)));
      }),
      { numRuns: 40 },
    );
  });

  it("is one node named 'linear' with x, W and b as inputs", () => {
    const x = leaf([3, 4]);
    const w = leaf([2, 4]);
    const b = leaf([2]);
    const y = F.linear(x, w, b);
    expect(y.node?.def.name).toBe("linear");
    expect(y.node?.inputs).toEqual([x, w, b]);
  });

  it("gradcheck: ∂x = g·W, ∂W = gᵀ·x, ∂b = Σ_rows g (with and without bias, 3-D input)", () => {
    expect(gradcheck((x, w, b) => F.linear(x, w, b), [leaf([5, 3]), leaf([4, 3]), leaf([4])])).toBe(true);
    expect(gradcheck((x, w) => F.linear(x, w), [leaf([5, 3]), leaf([4, 3])])).toBe(true);
    expect(gradcheck((x, w, b) => F.linear(x, w, b), [leaf([2, 3, 3]), leaf([2, 3]), leaf([2])])).toBe(true);
  });

  it("gradgradcheck: the rule is differentiable (createGraph)", () => {
    expect(gradgradcheck((x, w, b) => F.linear(x, w, b).tanh(), [leaf([3, 3]), leaf([2, 3]), leaf([2])])).toBe(true);
  });

  it("the gradient of W reaches only W when x does not require grad", () => {
    const x = randn([4, 3], { generator: g });
    const w = leaf([2, 3]);
    F.linear(x, w).sum().backward();
    // ∂W[i, j] = Σ_rows x[r, j] for g = 1
    const xs = x.toArray() as number[][];
    const expected = [0, 1].flatMap(() => [0, 1, 2].map((j) => xs.reduce((s, row) => s + row[j], 0)));
    w.grad?.toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
  });

  it("shape errors name the shapes", () => {
    expect(() => F.linear(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => F.linear(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(/input has shape \[1, 2\] but the weight \[1, 3\] expects 3/);
    expect(() => F.linear(tensor([[1, 2]]), tensor([[1, 2]]), tensor([1, 2]))).toThrow(/bias must have shape \[1\]/);
  });
});
