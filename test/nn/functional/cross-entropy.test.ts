import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, Generator, grad, gradcheck, gradgradcheck, randn, ShapeError, tensor } from "../../../src/index.ts";
import type { Tensor } from "../../../src/index.ts";
import { functional as F } from "../../../src/nn/index.ts";

const { crossEntropy } = F;

/** −Σ_c q_c·log softmax_c, with tensor ops: the unfused reference. */
function composed(x: Tensor, labels: number[], s: number): Tensor {
  const [n, c] = x.shape;
  const q = new Array(n * c).fill(s / c);
  labels.forEach((y, i) => (q[i * c + y] += 1 - s));
  return x.logSoftmax(-1).mul(tensor(q, { shape: [n, c] })).sum(1).neg();
}

describe("functional.crossEntropy (fused softmax cross-entropy)", () => {
  it("one row by hand: log(e¹ + e² + e³) − 3", () => {
    const l = crossEntropy(tensor([[1, 2, 3]]), [2]);
    expect(l.item()).toBeCloseTo(Math.log(Math.E + Math.E ** 2 + Math.E ** 3) - 3, 15);
  });

  it("label smoothing s: (1 − s)·NLL + s·mean over classes of −log softmax", () => {
    const x = tensor([[0.5, -1, 2], [1, 1, 0]]);
    const lsm = (x.logSoftmax(-1).toArray() as number[][]);
    const want = [0, 1].map((i) => {
      const y = [2, 0][i];
      return 0.9 * -lsm[i][y] + 0.1 * (-(lsm[i][0] + lsm[i][1] + lsm[i][2]) / 3);
    });
    const got = crossEntropy(x, [2, 0], { labelSmoothing: 0.1, reduction: "none" }).toFlatArray();
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 14));
  });

  it("property: equals −Σ q·logSoftmax for every reduction, and its gradient is (softmax − q)·g", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 6 }), fc.integer(), fc.constantFrom(0, 0.2),
        fc.constantFrom("none", "mean", "sum") as fc.Arbitrary<"none" | "mean" | "sum">,
        (n, c, seed, s, reduction) => {
          const r = new Generator(seed);
          const x = randn([n, c], { generator: r, requiresGrad: true });
          x.data.forEach((v, i) => (x.data[i] = 3 * v));
          const labels = Array.from({ length: n }, () => r.int(c));
          const fused = crossEntropy(x, labels, { reduction, labelSmoothing: s });
          const ref = composed(x, labels, s);
          const refR = reduction === "none" ? ref : reduction === "sum" ? ref.sum() : ref.mean();
          // Both are a log-sum-exp of values ≤ 15 in size minus a few products: a handful of roundings of
          // numbers below ~50, so they agree within 1e-13 absolute.
          fused.toFlatArray().forEach((v, i) => expect(Math.abs(v - refR.toFlatArray()[i])).toBeLessThan(1e-13));
          const gOut = reduction === "none" ? randn([n], { generator: r }) : tensor(1.5);
          const [a] = grad(fused, [x], { gradOutputs: gOut });
          const [b] = grad(refR, [x], { gradOutputs: gOut });
          a?.toFlatArray().forEach((v, i) => expect(Math.abs(v - (b?.toFlatArray()[i] ?? NaN))).toBeLessThan(1e-13));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gradcheck and gradgradcheck (the rule is differentiable: createGraph recomputes the softmax)", () => {
    const r = new Generator(4);
    const x = randn([4, 5], { generator: r, requiresGrad: true });
    for (const reduction of ["none", "mean", "sum"] as const) {
      expect(gradcheck((x) => crossEntropy(x, [0, 4, 2, 2], { reduction, labelSmoothing: 0.1 }), [x])).toBe(true);
      expect(gradgradcheck((x) => crossEntropy(x, [0, 4, 2, 2], { reduction }), [x])).toBe(true);
    }
  });

  it("is stable: logits of ±1000 give finite losses equal to the shifted ones", () => {
    const l = crossEntropy(tensor([[1000, 999, -1000]]), [1]);
    expect(l.item()).toBeCloseTo(Math.log(1 + Math.exp(-1)) + 1, 13);
  });

  it("reduction none returns one loss per sample; mean is their average", () => {
    const x = tensor([[1, 2], [3, 1], [0, 0]]);
    const each = crossEntropy(x, [0, 0, 1], { reduction: "none" });
    expect(each.shape).toEqual([3]);
    const [a, b, c] = each.toFlatArray();
    expect(crossEntropy(x, [0, 0, 1]).item()).toBeCloseTo((a + b + c) / 3, 15);
    expect(crossEntropy(x, [0, 0, 1], { reduction: "sum" }).item()).toBeCloseTo(a + b + c, 14);
    expect(c).toBeCloseTo(Math.log(2), 15);
  });

  it("takes labels as a tensor of whole numbers", () => {
    const x = tensor([[1, 2], [3, 1]]);
    expect(crossEntropy(x, tensor([1, 0])).item()).toBe(crossEntropy(x, [1, 0]).item());
  });

  it("bad labels: not integers, out of range, wrong count, wrong shape of logits", () => {
    const x = tensor([[1, 2, 3], [3, 1, 0]]);
    expect(() => crossEntropy(x, [0, 1.5])).toThrow(ArgumentError);
    expect(() => crossEntropy(x, [0, 1.5])).toThrow(/label 1 is 1.5, not an integer class index/);
    expect(() => crossEntropy(x, [0, 3])).toThrow(/label 1 is 3, out of range for 3 classes \(valid: 0 to 2\)/);
    expect(() => crossEntropy(x, [0, -1])).toThrow(/label 1 is -1, out of range/);
    expect(() => crossEntropy(x, [0])).toThrow(ShapeError);
    expect(() => crossEntropy(x, [0])).toThrow(/1 labels for a batch of 2 rows/);
    expect(() => crossEntropy(tensor([1, 2, 3]), [0])).toThrow(/logits must be 2-D .* reshape to \[1, C\]/);
    expect(() => crossEntropy(x, [0, 1], { reduction: "avg" as never })).toThrow(/reduction must be "none", "mean" or "sum"/);
    expect(() => crossEntropy(x, [0, 1], { labelSmoothing: 2 })).toThrow(/labelSmoothing must be a number in \[0, 1\]/);
  });
});
