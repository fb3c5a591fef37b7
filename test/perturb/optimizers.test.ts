/**
 * What an optimizer sees of the perturbation (DESIGN §1.4): with SGD it is a random learning rate lr·(1 + fac)
 * (gradient ascent when 1 + fac < 0); Adam is invariant to one constant positive factor (exactly so with ε = 0),
 * but not to a factor drawn afresh each step, and a negative factor survives its normalisation.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { Adam } from "../../src/nn/optim/adam.ts";
import { SGD } from "../../src/nn/optim/sgd.ts";
import { normalNoise } from "../../src/perturb/noise.ts";
import { perturbFactor, perturbLoss } from "../../src/perturb/perturb-loss.ts";
import { buildMlp, maxAbs, maxDiff, mlpSpec, U64 } from "./random-mlp.ts";

const scalarSpec = mlpSpec.filter((s) => s.reduction !== "none");

/** An SGD step with learning rate lr·f: for f < 0 that is a step of lr·|f| up the gradient (maximize). */
function scaledSgd(params: Tensor[], lr: number, f: number): SGD {
  return new SGD(params, { lr: lr * Math.abs(f), maximize: f < 0 });
}

describe("optimizers on the perturbed loss", () => {
  it("property 6: an SGD step on L̃ = L + n·L/sg(L) equals an SGD step on L with lr·(1 + n/L), for 3 steps", () => {
    // Per step the two updates differ by lr·(the property-2 error) ≤ lr·1e-10·|f|·max|∇L|, plus one rounding of
    // each parameter (u·max|p|); summed over 3 steps.
    fc.assert(
      fc.property(scalarSpec, fc.boolean(), fc.double({ min: 1e-3, max: 0.5, noNaN: true }), (spec, fused, lr) => {
        const a = buildMlp(spec);
        const b = buildMlp(spec);
        const noise = normalNoise(1, spec.seed);
        let tol = 0;
        for (let step = 0; step < 3; step++) {
          const La = a.loss();
          const L = La.item();
          fc.pre(L !== 0 && Number.isFinite(L));
          const n = noise.sample() * Math.abs(L) * 2; // |n| > L in about a third of the steps
          const f = perturbFactor(L, n);
          perturbLoss(La, n, { fused }).backward();
          new SGD(a.params, { lr }).step();
          b.loss().backward();
          tol += lr * 1e-10 * Math.abs(f) * maxAbs(b.params.map((p) => p.grad)) + 2 * U64 * maxAbs(b.params);
          scaledSgd(b.params, lr, f).step();
          for (const p of [...a.params, ...b.params]) p.grad = null;
          expect(maxDiff(a.params, b.params)).toBeLessThanOrEqual(tol);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("weight decay is not scaled: SGD with decay λ on L̃ = a·w steps by lr·((1 + fac)·a + λ·w), not lr·(1 + fac)·(a + λ·w)", () => {
    const lr = 0.1;
    const lambda = 0.5;
    const w = tensor([2], { requiresGrad: true });
    const L = w.mul(3).sum(); // a = 3, L = 6
    const n = -9; // 1 + n/L = −0.5: an uphill draw
    perturbLoss(L, n).backward();
    new SGD([w], { lr, weightDecay: lambda }).step();
    const expected = 2 - lr * ((1 + n / 6) * 3 + lambda * 2); // 2 − 0.1·(−1.5 + 1) = 2.05
    expect(Math.abs(w.data[0] - expected)).toBeLessThanOrEqual(4 * U64 * 2);
    expect(Math.abs(w.data[0] - (2 - lr * (1 + n / 6) * (3 + lambda * 2)))).toBeGreaterThan(0.1);
  });

  it("property 7: Adam (ε = 0) with one constant positive factor c on every step matches clean Adam to 1e-12", () => {
    // Adam's update m̂/√v̂ is invariant to g → c·g (m scales by c, √v by c). In float64 each of the ~10 operations per
    // element per step rounds both runs differently, so after 5 steps of size ≤ lr the parameters differ by
    // ~5·10·u·lr ≈ 1e-16; 1e-12 absolute (parameters are O(1)) is far above that.
    // Activations tanh and sigmoid only: with ε = 0 an exactly zero gradient element (a dead relu unit) makes 0/0.
    const smooth = scalarSpec.filter((s) => s.activation !== "relu");
    fc.assert(
      fc.property(smooth, fc.double({ min: 0.01, max: 100, noNaN: true }), (spec, c) => {
        const a = buildMlp(spec);
        const b = buildMlp(spec);
        const optA = new Adam(a.params, { lr: 0.01, eps: 0 });
        const optB = new Adam(b.params, { lr: 0.01, eps: 0 });
        for (let step = 0; step < 5; step++) {
          const La = a.loss();
          perturbLoss(La, (c - 1) * La.item()).backward(); // n = (c − 1)·L, so 1 + n/L = c
          optA.step();
          optA.zeroGrad();
          b.loss().backward();
          optB.step();
          optB.zeroGrad();
        }
        expect(maxDiff(a.params, b.params)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  describe("counter-examples: Adam is not invariant to random factors (hand-derived on L = a·w)", () => {
    // L = a·w has the constant gradient a. With factors f₁, f₂ (bias-corrected, ε = 0) Adam's second update is
    //   lr · [(β₁f₁ + f₂)/(1 + β₁)] / √[(β₂f₁² + f₂²)/(1 + β₂)] · sign(a)
    // which is lr·sign(a) only when f₁ = f₂ (> 0).
    const beta1 = 0.9;
    const beta2 = 0.999;
    const lr = 0.1;
    const secondUpdate = (f1: number, f2: number): number => {
      const w = tensor([1], { requiresGrad: true });
      const opt = new Adam([w], { lr, eps: 0, betas: [beta1, beta2] });
      let before = 0;
      for (const f of [f1, f2]) {
        const L = w.mul(2).sum(); // a = 2; L stays positive for these steps
        before = w.data[0];
        perturbLoss(L, (f - 1) * L.item()).backward();
        opt.step();
        opt.zeroGrad();
      }
      return before - w.data[0];
    };
    const predicted = (f1: number, f2: number): number =>
      (lr * ((beta1 * f1 + f2) / (1 + beta1))) / Math.sqrt((beta2 * f1 * f1 + f2 * f2) / (1 + beta2));

    it("equal factors f₁ = f₂ = 3: the second step is lr, as with no perturbation", () => {
      expect(Math.abs(secondUpdate(3, 3) - lr)).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(secondUpdate(1, 1) - lr)).toBeLessThanOrEqual(1e-14);
    });

    it("factors 1 then 2: the second step is lr·(2.9/1.9)/√(4.999/1.999) ≈ 0.965·lr, not lr", () => {
      const step = secondUpdate(1, 2);
      expect(Math.abs(step - predicted(1, 2))).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(step - lr)).toBeGreaterThan(0.03 * lr);
    });

    it("factors 1 then −1 (an uphill draw): the sign survives normalisation, the step climbs by lr·0.1/1.9", () => {
      const step = secondUpdate(1, -1);
      expect(Math.abs(step - predicted(1, -1))).toBeLessThanOrEqual(1e-14);
      expect(step).toBeLessThan(0); // w grew: L = 2w went up
      expect(Math.abs(step - (-lr * 0.1) / 1.9)).toBeLessThanOrEqual(1e-14);
    });

    it("on a random MLP, Adam with fresh factors 1 + n/L each step drifts from clean Adam by far more than 1e-12", () => {
      const spec = { sizes: [3, 5, 2], activation: "tanh", batch: 6, loss: "ce", reduction: "mean", impl: "nn", seed: 5,
        draw: { relative: true, value: 0 } } as const;
      const a = buildMlp(spec);
      const b = buildMlp(spec);
      const optA = new Adam(a.params, { lr: 0.01, eps: 0 });
      const optB = new Adam(b.params, { lr: 0.01, eps: 0 });
      const noise = normalNoise(0.5, 1);
      for (let step = 0; step < 5; step++) {
        const La = a.loss();
        perturbLoss(La, noise.sample() * La.item()).backward(); // factors 1 + N(0, 0.25)
        optA.step();
        optA.zeroGrad();
        b.loss().backward();
        optB.step();
        optB.zeroGrad();
      }
      expect(maxDiff(a.params, b.params)).toBeGreaterThan(1e-4);
    });
  });
});
