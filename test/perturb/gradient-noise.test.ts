import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { addGradientNoise } from "../../src/perturb/gradient-noise.ts";
import { normalNoise } from "../../src/perturb/noise.ts";

describe("addGradientNoise", () => {
  it("adds one fresh draw per gradient element, in parameter order, and skips parameters without a gradient", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3], { requiresGrad: true });
    const c = tensor([4], { requiresGrad: true });
    a.mul(a).sum().add(b.mul(5).sum()).backward(); // ∇a = 2a = (2, 4), ∇b = 5, c none
    addGradientNoise([a, c, b], normalNoise(0.1, 1));
    const e = normalNoise(0.1, 1).fill(new Float64Array(3));
    expect(a.grad?.toArray()).toEqual([2 + e[0], 4 + e[1]]);
    expect(b.grad?.toArray()).toEqual([5 + e[2]]);
    expect(c.grad).toBeNull();
  });

  it("replaces each gradient instead of writing into it: two leaves sharing one gradient tensor get separate draws", () => {
    const a = tensor([1, 1], { requiresGrad: true });
    const b = tensor([1, 1], { requiresGrad: true });
    a.add(b).sum().backward();
    const before = a.grad as Tensor;
    addGradientNoise([a, b], normalNoise(1, 2));
    const e = normalNoise(1, 2).fill(new Float64Array(4));
    expect(before.toArray()).toEqual([1, 1]);
    expect(a.grad?.toArray()).toEqual([1 + e[0], 1 + e[1]]);
    expect(b.grad?.toArray()).toEqual([1 + e[2], 1 + e[3]]);
  });
});
