import { describe, expect, it } from "vitest";
import { AnomalyError, tensor } from "../../../src/index.ts";
import { clipGradNorm } from "../../../src/nn/optim/index.ts";

describe("optim.clipGradNorm", () => {
  it("scales by maxNorm/(total + 1e-6) when the joint norm is above maxNorm, and returns the total", () => {
    const a = tensor([0], { requiresGrad: true });
    const b = tensor([0, 0], { requiresGrad: true });
    a.grad = tensor([3]);
    b.grad = tensor([0, 4]);
    const total = clipGradNorm([a, b], 1);
    expect(total).toBe(5);
    const coef = 1 / (5 + 1e-6);
    expect(a.grad.toFlatArray()).toEqual([3 * coef]);
    expect(b.grad.toFlatArray()).toEqual([0, 4 * coef]);
  });

  it("leaves gradients below maxNorm unchanged (coef clamped to 1)", () => {
    const a = tensor([0], { requiresGrad: true });
    a.grad = tensor([0.3]);
    expect(clipGradNorm([a], 1)).toBe(0.3);
    expect(a.grad.item()).toBe(0.3);
  });

  it("the infinity norm is the largest magnitude", () => {
    const a = tensor([0, 0], { requiresGrad: true });
    a.grad = tensor([-3, 2]);
    expect(clipGradNorm([a], 1, { normType: Infinity })).toBe(3);
  });

  it("a gradient shared by two parameters is scaled once", () => {
    const a = tensor([0], { requiresGrad: true });
    const b = tensor([0], { requiresGrad: true });
    a.grad = b.grad = tensor([10]);
    clipGradNorm([a, b], 1);
    const coef = 1 / (Math.sqrt(200) + 1e-6);
    expect(a.grad.item()).toBe(10 * coef);
  });

  it("errorIfNonfinite throws on a NaN norm", () => {
    const a = tensor([0], { requiresGrad: true });
    a.grad = tensor([NaN]);
    expect(() => clipGradNorm([a], 1, { errorIfNonfinite: true })).toThrow(AnomalyError);
  });
});
