import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { grad } from "../../src/autograd/grad.ts";
import { gradcheck } from "../../src/autograd/gradcheck.ts";
import { Generator } from "../../src/autograd/random.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { perturbFactor, perturbLoss } from "../../src/perturb/perturb-loss.ts";
import { buildMlp, maxAbs, maxDiff, mlpSpec } from "./random-mlp.ts";

const scalarSpec = mlpSpec.filter((s) => s.reduction !== "none");

/** The Hessian-vector product of `loss` with a fixed random direction v: ∇(Σ ∇loss·v). */
function hvp(loss: Tensor, params: readonly Tensor[], seed: number): (Tensor | null)[] {
  const g = new Generator(seed);
  const first = grad(loss, params, { createGraph: true });
  let s: Tensor | null = null;
  first.forEach((gk, k) => {
    if (gk === null) return;
    const v = tensor(Array.from({ length: params[k].size }, () => g.normal()), { shape: params[k].shape });
    const term = gk.mul(v).sum();
    s = s === null ? term : s.add(term);
  });
  if (s === null || !(s as Tensor).requiresGrad) return params.map(() => null);
  return grad(s, params, { allowUnused: true, retainGraph: true });
}

describe("the fused perturb node", () => {
  it("property 3: fused = composed in value, first- and second-order gradients", () => {
    // Value: both compute one rounding of L + n. Gradients: both hand L the same constant, fl(1 + fl(n/L)) (the
    // composed form accumulates 1 and n/sg(L), the fused rule multiplies gOut = 1 by its factor); that constant
    // requires no grad in either form, even under createGraph, so everything below L, first and second order, is
    // the same graph run on the same numbers. Hence exact equality, not a tolerance.
    fc.assert(
      fc.property(scalarSpec, (spec) => {
        const m = buildMlp(spec);
        const L = m.loss();
        const n = m.n(L.item());
        const composed = perturbLoss(L, n);
        const fused = perturbLoss(L, n, { fused: true });
        expect(fused.item()).toBe(composed.item());
        const gc = grad(composed, m.params, { retainGraph: true });
        const gf = grad(fused, m.params, { retainGraph: true });
        expect(maxDiff(gf, gc)).toBe(0);
        const hc = hvp(perturbLoss(L, n), m.params, spec.seed);
        const hf = hvp(perturbLoss(L, n, { fused: true }), m.params, spec.seed);
        expect(maxAbs(hc)).toBeGreaterThan(0);
        expect(maxDiff(hf, hc)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("second order sees the factor as a constant: H̃v = (1 + n/L)·Hv, both forms", () => {
    // d/dθ of (1 + n/sg(L))·∇L·v has no term from the factor: the perturbed Hessian is the clean one, scaled.
    fc.assert(
      fc.property(scalarSpec, fc.boolean(), (spec, fused) => {
        const m = buildMlp(spec);
        const L = m.loss();
        const n = m.n(L.item());
        const f = perturbFactor(L, n);
        const clean = hvp(L, m.params, spec.seed);
        const noisy = hvp(perturbLoss(L, n, { fused }), m.params, spec.seed);
        expect(maxDiff(noisy, clean, f)).toBeLessThanOrEqual(1e-10 * Math.abs(f) * maxAbs(clean));
      }),
      { numRuns: 60 },
    );
  });

  it("float32: the fused value equals the composed one (both round n and each step to float32)", () => {
    const g = new Generator(7);
    for (let k = 0; k < 50; k++) {
      const L = tensor(Math.abs(g.normal()) + 1e-3, { dtype: "float32", requiresGrad: true });
      const n = 2 * g.normal();
      const fused = perturbLoss(L, n, { fused: true });
      expect(fused.dtype).toBe("float32");
      expect(fused.item()).toBe(perturbLoss(L, n).item());
      // The gradient reaching L: 1 + n/L, rounded to float32 (a few float32 roundings apart between the forms).
      const gf = (grad(fused, [L])[0] as Tensor).item();
      expect(Math.abs(gf - (1 + n / L.item()))).toBeLessThanOrEqual(4 * 2 ** -24 * (1 + Math.abs(n / L.item())));
    }
  });

  it("keeps the output's shape ([1] stays [1]) and records no saved inputs", () => {
    const L = tensor([2], { requiresGrad: true });
    const out = perturbLoss(L, 1, { fused: true });
    expect([...out.shape]).toEqual([1]);
    expect(out.node?.def.savesInputs).toBe(false);
    expect(out.node?.def.formula).toMatch(/1 \+ n\/sg\(L\)/);
  });

  it("finite differences see only the value L + n, whose derivative is ∇L: gradcheck rejects both forms, by design", () => {
    const w = tensor([0.3, -0.7], { requiresGrad: true });
    for (const fused of [false, true]) {
      const f = (x: Tensor): Tensor => perturbLoss(x.mul(x).sum(), 0.5, { fused });
      expect(gradcheck(f, [w], { raise: false })).toBe(false);
      expect(gradcheck((x: Tensor) => x.mul(x).sum().add(0.5), [w], { raise: false })).toBe(true);
    }
  });
});
