import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { AnomalyError, ShapeError } from "../../src/autograd/errors.ts";
import { grad } from "../../src/autograd/grad.ts";
import { Generator } from "../../src/autograd/random.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { perturbIndependent, perturbIndependentParts, perturbShared } from "../../src/perturb/per-sample.ts";
import { sampleContributions } from "../../src/perturb/per-sample-grad.ts";
import { perturbFactor, perturbLoss } from "../../src/perturb/perturb-loss.ts";
import { buildMlp, maxAbs, maxDiff, mlpSpec, U64 } from "./random-mlp.ts";

const batchReduction = fc.constantFrom<"mean" | "sum">("mean", "sum");
const reduce = (l: Tensor, r: "mean" | "sum"): Tensor => (r === "mean" ? l.mean() : l.sum());

/** Σᵢ |weightᵢ|·‖∇lᵢ‖: the size of the terms the batch gradient sums, which bounds its rounding error. */
const termScale = (r: ReturnType<typeof sampleContributions>): number =>
  r.samples.reduce((s, x) => s + x.contributionNorm, 0);

describe("per-sample forms: hand-worked (w·x − y)² on two orthogonal samples", () => {
  // x₁ = (1, 0), x₂ = (0, 1), y = (1, 2), w = 0: l = (1, 4), ∇l₁ = 2(w·x₁ − y₁)x₁ = (−2, 0), ∇l₂ = (0, −4).
  const setup = () => {
    const w = tensor([0, 0], { requiresGrad: true });
    const x = tensor([[1, 0], [0, 1]]);
    const losses = x.mul(w).sum(1).sub(tensor([1, 2])).pow(2);
    return { w, losses };
  };

  it("shared n = 1: L = 2.5, every sample scaled by 1 + 1/2.5 = 1.4, gradient 1.4·(−1, −2), cosine 1", () => {
    const { w, losses } = setup();
    const out = perturbShared(losses, 1);
    expect(out.item()).toBe(2.5 + 1);
    const g = grad(out, [w], { retainGraph: true })[0] as Tensor;
    expect(maxDiff([g], [tensor([-1.4, -2.8])])).toBeLessThanOrEqual(4 * U64 * 2.8);
    const report = sampleContributions(losses, [w], perturbFactor(2.5, 1));
    expect(report.samples.map((s) => s.factor)).toEqual([1.4, 1.4]);
    expect(Math.abs(report.cosine - 1)).toBeLessThanOrEqual(4 * U64);
    expect(Math.abs(report.lengthRatio - 1.4)).toBeLessThanOrEqual(8 * U64);
  });

  it("independent n = (1, −2): factors 1 + 1/1 = 2 and 1 − 2/4 = 0.5, gradient (−2, −1), cosine 4/5", () => {
    const { w, losses } = setup();
    const { loss, factors } = perturbIndependentParts(losses, [1, -2]);
    expect([...factors]).toEqual([2, 0.5]);
    expect(loss.item()).toBe((1 + 1 + 4 - 2) / 2);
    const g = grad(loss, [w], { retainGraph: true })[0] as Tensor;
    // ½·(2·(−2, 0) + 0.5·(0, −4)) = (−2, −1); clean ½·((−2, 0) + (0, −4)) = (−1, −2)
    expect(maxDiff([g], [tensor([-2, -1])])).toBeLessThanOrEqual(4 * U64 * 2);
    const report = sampleContributions(losses, [w], factors);
    // cos = ((−1)(−2) + (−2)(−1)) / (√5·√5)
    expect(Math.abs(report.cosine - 4 / 5)).toBeLessThanOrEqual(8 * U64);
    expect(report.samples.map((s) => s.contributionNorm)).toEqual([0.5 * 2 * 2, 0.5 * 0.5 * 4]);
  });

  it("reduction 'sum': the shared factor comes from L = Σlᵢ = 5", () => {
    const { w, losses } = setup();
    const out = perturbShared(losses, 1, { reduction: "sum" });
    expect(out.item()).toBe(5 + 1);
    const g = grad(out, [w])[0] as Tensor;
    expect(maxDiff([g], [tensor([-2, -4])], 1 + 1 / 5)).toBeLessThanOrEqual(4 * U64 * 4.8);
  });

  it("a zero per-sample loss throws (naming the sample) unless guarded; skip leaves that sample clean", () => {
    const w = tensor([1, 0], { requiresGrad: true });
    const losses = tensor([[1, 0], [0, 1]]).mul(w).sum(1).sub(tensor([1, 2])).pow(2); // (0, 4)
    expect(() => perturbIndependent(losses, [0.5, 0.5])).toThrow(AnomalyError);
    expect(() => perturbIndependent(losses, [0.5, 0.5])).toThrow(/the loss of sample 0 is 0/);
    const { factors, loss } = perturbIndependentParts(losses, [0.5, 0.5], { guard: "skip" });
    expect([...factors]).toEqual([1, 1 + 0.5 / 4]);
    expect(loss.item()).toBe((0 + 4 + 0.5) / 2);
    expect(() => perturbIndependent(losses, [0.5])).toThrow(ShapeError);
    expect(() => perturbShared(tensor([0, 0]), 0.5)).toThrow(/the batch loss is 0/);
  });
});

describe("per-sample forms: property 4 over random MLPs (float64)", () => {
  it("property 4, shared: ∇L̃ = reduce((1 + fac)·∇lᵢ), every sample scaled by the same factor, direction kept", () => {
    // Both sides sum the same B terms in different orders: they differ by at most ~B·u of the terms' total size,
    // Σ|wᵢ|·‖∇lᵢ‖ (B ≤ 24 here, so 3e-15); 1e-10 leaves room for the backward's own rounding, as in property 2.
    fc.assert(
      fc.property(mlpSpec, batchReduction, (spec, r) => {
        const m = buildMlp(spec);
        const losses = m.losses();
        const L = reduce(losses, r).item();
        const n = m.n(L);
        const f = perturbFactor(L, n);
        const out = perturbShared(losses, n, { reduction: r });
        expect(Math.abs(out.item() - (L + n))).toBeLessThanOrEqual(32 * U64 * (Math.abs(L) + Math.abs(n)));
        const g = grad(out, m.params, { retainGraph: true });
        const report = sampleContributions(losses, m.params, f, { reduction: r, retainGraph: true });
        expect(report.samples.every((s) => s.factor === f)).toBe(true);
        expect(maxDiff(g, report.perturbed)).toBeLessThanOrEqual(1e-10 * termScale(report));
        // …and it is the seed's scalar form applied to the batch loss.
        const seedForm = grad(perturbLoss(reduce(losses, r), n), m.params);
        expect(maxDiff(g, seedForm)).toBeLessThanOrEqual(1e-10 * termScale(report));
        if (maxAbs(report.clean) > 0) expect(Math.abs(report.cosine - Math.sign(f))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it("property 4, independent: ∇L̃ = reduce((1 + nᵢ/lᵢ)·∇lᵢ), and the direction turns (cosine < 1 in general)", () => {
    let eligible = 0;
    let turned = 0;
    fc.assert(
      fc.property(mlpSpec, batchReduction, (spec, r) => {
        const m = buildMlp(spec);
        const losses = m.losses();
        // nᵢ ~ 2·N(0, 1)·lᵢ (relative) or 2·N(0, 1): |nᵢ| > lᵢ happens often in both.
        const g0 = new Generator(spec.seed + 1);
        const ns = Array.from(losses.data, (l) => 2 * g0.normal() * (spec.draw.relative ? l : 1));
        const { loss, factors } = perturbIndependentParts(losses, ns, { reduction: r });
        const g = grad(loss, m.params, { retainGraph: true });
        const report = sampleContributions(losses, m.params, factors, { reduction: r });
        expect(maxDiff(g, report.perturbed)).toBeLessThanOrEqual(1e-10 * termScale(report));
        expect(report.cosine).toBeLessThanOrEqual(1 + 1e-12);
        const norms = report.samples.filter((s) => s.gradNorm > 1e-8);
        if (norms.length >= 2 && maxAbs(report.clean) > 1e-8) {
          eligible++;
          if (report.cosine < 1 - 1e-9) turned++;
        }
      }),
      { numRuns: 100 },
    );
    // With two or more live samples and random factors, a direction kept exactly is a coincidence of measure zero.
    expect(eligible).toBeGreaterThan(20);
    expect(turned / eligible).toBeGreaterThan(0.9);
  });
});
