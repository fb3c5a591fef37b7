import { describe, expect, it } from "vitest";
import { Generator, gradcheck, gradgradcheck, randn, tensor } from "../../../src/index.ts";
import { functional as F } from "../../../src/nn/index.ts";

const sig = (v: number) => 1 / (1 + Math.exp(-v));

describe("functional.binaryCrossEntropyWithLogits", () => {
  it("equals −[y·log σ(x) + (1 − y)·log(1 − σ(x))]", () => {
    const xs = [-2, 0.5, 3];
    const ys = [0, 1, 0.3];
    const want = xs.map((x, i) => -(ys[i] * Math.log(sig(x)) + (1 - ys[i]) * Math.log(1 - sig(x))));
    const got = F.binaryCrossEntropyWithLogits(tensor(xs), tensor(ys), { reduction: "none" }).toFlatArray();
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 14));
    expect(F.binaryCrossEntropyWithLogits(tensor(xs), tensor(ys)).item()).toBeCloseTo((want[0] + want[1] + want[2]) / 3, 14);
  });

  it("is stable for large logits: x = 800, y = 0 gives 800; x = −800, y = 0 gives e^−800 ≈ 0", () => {
    expect(F.binaryCrossEntropyWithLogits(tensor([800]), tensor([0]), { reduction: "sum" }).item()).toBe(800);
    expect(F.binaryCrossEntropyWithLogits(tensor([-800]), tensor([0]), { reduction: "sum" }).item()).toBe(0);
  });

  it("gradcheck and gradgradcheck: ∂x = σ(x) − y, ∂y = −x", () => {
    const r = new Generator(5);
    for (const reduction of ["none", "mean", "sum"] as const) {
      const x = randn([4, 2], { generator: r, requiresGrad: true });
      const y = randn([4, 2], { generator: r, requiresGrad: true });
      expect(gradcheck((x, y) => F.binaryCrossEntropyWithLogits(x, y, { reduction }), [x, y])).toBe(true);
      expect(gradgradcheck((x, y) => F.binaryCrossEntropyWithLogits(x, y, { reduction }), [x, y])).toBe(true);
    }
  });

  it("rejects a target of another shape", () => {
    expect(() => F.binaryCrossEntropyWithLogits(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(/target has shape \[3\]/);
  });
});
