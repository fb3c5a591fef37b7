import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { ArgumentError, ShapeError } from "../../src/autograd/errors.ts";
import { grad } from "../../src/autograd/grad.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { normalNoise } from "../../src/perturb/noise.ts";
import { noiseLike, noisyOneHot, noisyPredictions, noisyTargets, softCrossEntropy } from "../../src/perturb/input-noise.ts";
import { U64 } from "./random-mlp.ts";

describe("noise inside the loss", () => {
  it("noiseLike: seeded draws of the shape and dtype of its argument, requiring no grad", () => {
    const like = tensor([[1, 2, 3], [4, 5, 6]], { dtype: "float32", requiresGrad: true });
    const e = noiseLike(like, normalNoise(0.5, 1));
    expect([...e.shape]).toEqual([2, 3]);
    expect(e.dtype).toBe("float32");
    expect(e.requiresGrad).toBe(false);
    const ref = normalNoise(0.5, 1).fill(new Float32Array(6));
    expect([...e.data]).toEqual([...ref]);
  });

  it("MSE with target noise: the gradient gains −2ε·∂ŷ/∂w, an additive term (linear model, hand-derived)", () => {
    // ŷ = x·w (per row), l = mean((ŷ − y − ε)²): ∇w = (2/B)·Σᵢ (ŷᵢ − yᵢ − εᵢ)·xᵢ, so the change is −(2/B)·Σᵢ εᵢ·xᵢ.
    const x = tensor([[1, 2], [-1, 0.5], [0.3, -2]]);
    const y = tensor([0.5, -1, 2]);
    const w = tensor([0.2, -0.4], { requiresGrad: true });
    const pred = x.mul(w).sum(1);
    const clean = grad(pred.sub(y).pow(2).mean(), [w], { retainGraph: true })[0] as Tensor;
    const yNoisy = noisyTargets(y, normalNoise(0.3, 2));
    const eps = [0, 1, 2].map((i) => yNoisy.data[i] - y.data[i]);
    const noisy = grad(pred.sub(yNoisy).pow(2).mean(), [w])[0] as Tensor;
    const xs = [[1, 2], [-1, 0.5], [0.3, -2]];
    for (let j = 0; j < 2; j++) {
      const change = -(2 / 3) * xs.reduce((s, xi, i) => s + eps[i] * xi[j], 0);
      expect(Math.abs(noisy.data[j] - clean.data[j] - change)).toBeLessThanOrEqual(64 * U64 * 10);
    }
  });

  it("prediction noise: the gradient is the clean rule evaluated at the shifted prediction ŷ + ε", () => {
    const w = tensor([0.7], { requiresGrad: true });
    const pred = tensor([1, 2]).mul(w); // ŷ = (0.7, 1.4)
    const noisy = noisyPredictions(pred, normalNoise(0.1, 3));
    const e = [noisy.data[0] - pred.data[0], noisy.data[1] - pred.data[1]];
    const g = (grad(noisy.pow(2).sum(), [w])[0] as Tensor).item();
    // d/dw Σ (xᵢw + εᵢ)² = Σ 2(xᵢw + εᵢ)·xᵢ
    const expected = 2 * (0.7 + e[0]) * 1 + 2 * (1.4 + e[1]) * 2;
    expect(Math.abs(g - expected)).toBeLessThanOrEqual(16 * U64 * 10);
  });

  it("noisyOneHot: onehot(labels) + ε; softCrossEntropy with a clean one-hot equals −log softmax[label]", () => {
    const t = noisyOneHot([2, 0], 3, normalNoise(0.2, 4));
    const e = normalNoise(0.2, 4).fill(new Float64Array(6));
    expect([...t.data]).toEqual([e[0], e[1], e[2] + 1, e[3] + 1, e[4], e[5]]);
    const z = tensor([[0.1, -0.3, 2], [1, 0, -1]]);
    const clean = softCrossEntropy(z, noisyOneHot([2, 0], 3, normalNoise(0, 4)));
    const ref = z.logSoftmax(1).gather(1, [[2], [0]]).reshape([2]).neg();
    expect(Math.abs(clean.data[0] - ref.data[0])).toBeLessThanOrEqual(4 * U64 * 2);
    expect(Math.abs(clean.data[1] - ref.data[1])).toBeLessThanOrEqual(4 * U64 * 2);
  });

  it("bad labels, class counts and shapes are errors that name them", () => {
    const noise = normalNoise(0.1, 0);
    expect(() => noisyOneHot([3], 3, noise)).toThrow(/label 0 is 3; labels must be integers in \[0, 3\)/);
    expect(() => noisyOneHot([0], 0, noise)).toThrow(ArgumentError);
    expect(() => softCrossEntropy(tensor([[1, 2]]), tensor([[1, 0, 0]]))).toThrow(ShapeError);
  });
});
