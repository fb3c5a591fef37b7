import { describe, expect, it } from "vitest";
import { Generator, gradcheck, gradgradcheck, randn, ShapeError, tensor } from "../../../src/index.ts";
import { functional as F } from "../../../src/nn/index.ts";

const r = new Generator(21);

describe("functional.mseLoss", () => {
  it("by hand: mean, sum and none of (x − y)²", () => {
    const x = tensor([[1, 2], [3, 4]]);
    const y = tensor([[1.5, 2], [1, 5]]);
    expect(F.mseLoss(x, y).item()).toBe((0.25 + 0 + 4 + 1) / 4);
    expect(F.mseLoss(x, y, { reduction: "sum" }).item()).toBe(0.25 + 0 + 4 + 1);
    expect(F.mseLoss(x, y, { reduction: "none" }).toArray()).toEqual([[0.25, 0], [4, 1]]);
  });

  it("gradcheck and gradgradcheck in both arguments, every reduction", () => {
    for (const reduction of ["none", "mean", "sum"] as const) {
      const x = randn([3, 2], { generator: r, requiresGrad: true });
      const y = randn([3, 2], { generator: r, requiresGrad: true });
      expect(gradcheck((x, y) => F.mseLoss(x, y, { reduction }), [x, y])).toBe(true);
      expect(gradgradcheck((x, y) => F.mseLoss(x, y, { reduction }), [x, y])).toBe(true);
    }
  });

  it("a target of another shape is an error with the remedy (no silent broadcast)", () => {
    expect(() => F.mseLoss(tensor([[1], [2]]), tensor([1, 2]))).toThrow(ShapeError);
    expect(() => F.mseLoss(tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      /target has shape \[2\] but the input has shape \[2, 1\]; reshape the target with \.reshape\(\[2, 1\]\)/,
    );
    expect(() => F.mseLoss(tensor([1, 2]), [1, 2] as never)).toThrow(/target must be a Tensor/);
  });
});
