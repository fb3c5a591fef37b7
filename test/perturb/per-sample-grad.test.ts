import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { ArgumentError, ShapeError } from "../../src/autograd/errors.ts";
import { grad } from "../../src/autograd/grad.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { perSampleGrads, sampleContributions } from "../../src/perturb/per-sample-grad.ts";
import { buildMlp, maxDiff, mlpSpec, U64 } from "./random-mlp.ts";

describe("perSampleGrads", () => {
  it("hand-worked: lᵢ = (w·xᵢ)², ∇lᵢ = 2(w·xᵢ)·xᵢ", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const x = tensor([[1, 0], [3, -1]]);
    const losses = x.mul(w).sum(1).pow(2); // w·x = (1, 1)
    const [[g0], [g1]] = perSampleGrads(losses, [w]);
    expect(g0.toArray()).toEqual([2 * 1 * 1, 2 * 1 * 0]);
    expect(g1.toArray()).toEqual([2 * 1 * 3, 2 * 1 * -1]);
  });

  it("Σᵢ ∇lᵢ = ∇Σᵢ lᵢ over random MLPs (the same terms summed in another order: ≤ 1e-12 of their size)", () => {
    fc.assert(
      fc.property(mlpSpec, (spec) => {
        const m = buildMlp(spec);
        const losses = m.losses();
        const per = perSampleGrads(losses, m.params, { retainGraph: true });
        const total = grad(losses.sum(), m.params);
        const summed = m.params.map((p, k) => per.reduce((s: Tensor | null, gi) => (s === null ? gi[k] : s.add(gi[k])), null));
        let size = 0;
        for (const gi of per) for (const g of gi) for (const v of g.data) size += Math.abs(v);
        expect(maxDiff(summed, total)).toBeLessThanOrEqual(1e-12 * size + Number.MIN_VALUE);
      }),
      { numRuns: 60 },
    );
  });

  it("a parameter a sample does not reach gets zeros, not null", () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([2], { requiresGrad: true });
    const losses = tensor([3, 4]).mul(a.add(b.mul(0)));
    const unused = tensor([5], { requiresGrad: true });
    const [[, , gu]] = perSampleGrads(losses, [a, b, unused]);
    expect(gu.toArray()).toEqual([0]);
  });

  it("losses that do not require grad, or a wrong number of factors, are errors", () => {
    expect(() => perSampleGrads(tensor([1, 2]), [])).toThrow(ArgumentError);
    const w = tensor([1], { requiresGrad: true });
    expect(() => sampleContributions(tensor([1, 2]).mul(w), [w], [1, 2, 3])).toThrow(ShapeError);
  });

  it("sampleContributions: weights are factor/B for 'mean' and factor for 'sum'; the clean gradient is reduce(∇lᵢ)", () => {
    const w = tensor([1], { requiresGrad: true });
    const losses = tensor([2, 6]).mul(w); // ∇lᵢ = (2), (6)
    const mean = sampleContributions(losses, [w], [3, -1], { retainGraph: true });
    expect(mean.samples.map((s) => s.weight)).toEqual([3 / 2, -1 / 2]);
    expect(mean.clean[0].toArray()).toEqual([(2 + 6) / 2]);
    expect(mean.perturbed[0].toArray()).toEqual([(3 * 2 - 6) / 2]);
    const sum = sampleContributions(losses, [w], 2, { reduction: "sum" });
    expect(sum.perturbed[0].toArray()).toEqual([2 * (2 + 6)]);
    expect(Math.abs(sum.lengthRatio - 2)).toBeLessThanOrEqual(2 * U64 * 2);
  });
});
