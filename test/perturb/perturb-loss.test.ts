import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { AnomalyError, ArgumentError, ShapeError } from "../../src/autograd/errors.ts";
import { grad } from "../../src/autograd/grad.ts";
import { perturbFactor, perturbLoss } from "../../src/perturb/perturb-loss.ts";
import { buildMlp, maxAbs, maxDiff, mlpSpec, U64 } from "./random-mlp.ts";

// Scalar losses only: reduction "none" is the per-sample forms' case (per-sample.test.ts).
const scalarSpec = mlpSpec.filter((s) => s.reduction !== "none");

describe("perturbLoss: hand-worked", () => {
  it("L = 2, n = 0.5: value 2 + 0.5, and d/dw of (w²) perturbed is (1 + 0.5/2)·2w", () => {
    const w = tensor(Math.SQRT2, { requiresGrad: true });
    for (const fused of [false, true]) {
      const L = w.mul(w); // 2 up to one rounding
      const out = perturbLoss(L, 0.5, { fused });
      expect(out.item()).toBe(L.item() + 0.5);
      const [g] = grad(out, [w]);
      // 2w·(1 + 0.5/L), each factor a few roundings from exact.
      expect(Math.abs((g as typeof w).item() - 2 * Math.SQRT2 * (1 + 0.5 / L.item()))).toBeLessThan(8 * U64 * 4);
    }
  });

  it("the composed form is the seed's formula op for op: add(L, mul(div(L, detach(L)), n))", () => {
    const w = tensor(3, { requiresGrad: true });
    const out = perturbLoss(w.mul(w), 0.1);
    const names = (t: typeof w): string[] => (t.node === null ? [] : [t.node.def.name]);
    expect(names(out)).toEqual(["add"]);
    const [, scaled] = out.node?.inputs ?? [];
    expect(scaled.node?.def.name).toBe("mul");
    const quotient = scaled.node?.inputs[0] as typeof w;
    expect(quotient.node?.def.name).toBe("div");
    expect(quotient.node?.inputs[1].node?.def.name).toBe("detach");
  });

  it("the fused form is one 'perturb' node whose only input is the loss", () => {
    const w = tensor(3, { requiresGrad: true });
    const L = w.mul(w);
    const out = perturbLoss(L, 0.1, { fused: true });
    expect(out.node?.def.name).toBe("perturb");
    const inputs = out.node?.inputs ?? [];
    expect(inputs.map((t) => t.node)).toEqual([L.node]);
    // Its rule reads only the factor in its attrs, so the node holds L's edge: the shape, not the value.
    expect(inputs[0].data).toHaveLength(0);
    expect(inputs[0].shape).toEqual([]);
  });

  it("perturbFactor(L, n) = 1 + n/L, also for a number and for a negative loss", () => {
    expect(perturbFactor(tensor(4), 1)).toBe(1 + 1 / 4);
    expect(perturbFactor(-4, 1)).toBe(1 - 1 / 4);
    expect(perturbFactor(0.5, -2)).toBe(1 - 2 / 0.5); // |n| > L: the factor is negative, the step goes uphill
  });

  it("a negative loss is allowed: value L + n, gradient (1 + n/L)·∇L with the sign that n/L has", () => {
    const w = tensor(2, { requiresGrad: true });
    const L = w.mul(-3); // −6, ∂L/∂w = −3
    const out = perturbLoss(L, 1.5);
    expect(out.item()).toBe(-6 + 1.5);
    expect((grad(out, [w])[0] as typeof w).item()).toBe(-3 * (1 + 1.5 / -6));
  });
});

describe("perturbLoss: zero, non-finite and malformed losses", () => {
  it("a zero loss throws an AnomalyError that names the loss, fac and both guards", () => {
    const w = tensor(0, { requiresGrad: true });
    for (const fused of [false, true]) {
      expect(() => perturbLoss(w.mul(w), 0.3, { fused })).toThrow(AnomalyError);
      expect(() => perturbLoss(w.mul(w), 0.3, { fused })).toThrow(/perturbLoss: the loss is 0.*guard: "skip".*"clamp"/);
    }
    expect(() => perturbFactor(0, 1)).toThrow(AnomalyError);
  });

  it("a NaN or infinite loss throws an AnomalyError that names the value", () => {
    expect(() => perturbLoss(tensor(Number.NaN), 0.1)).toThrow(/the loss is NaN/);
    expect(() => perturbLoss(tensor(Number.POSITIVE_INFINITY), 0.1)).toThrow(/the loss is Infinity/);
  });

  it('guard "skip" returns the clean loss itself, with factor 1', () => {
    const L = tensor(0, { requiresGrad: true });
    expect(perturbLoss(L, 0.3, { guard: "skip" })).toBe(L);
    expect(perturbLoss(L, 0.3, { guard: "skip", fused: true })).toBe(L);
    expect(perturbFactor(Number.NaN, 0.3, { guard: "skip" })).toBe(1);
  });

  it('guard "clamp" divides by sign(L)·floor when |L| < floor: gradient (1 + n/floor)·∇L, both forms', () => {
    const w = tensor(1e-6, { requiresGrad: true });
    for (const fused of [false, true]) {
      const L = w.mul(w); // 1e-12
      const out = perturbLoss(L, 0.5, { guard: "clamp", floor: 1e-3, fused });
      // value L + n·L/floor; gradient 2w·(1 + n/floor)
      expect(Math.abs(out.item() - (1e-12 + (0.5 * 1e-12) / 1e-3))).toBeLessThan(4 * U64 * 1e-12);
      const g = (grad(out, [w])[0] as typeof w).item();
      expect(Math.abs(g - 2e-6 * (1 + 0.5 / 1e-3))).toBeLessThan(8 * U64 * 2e-6 * 501);
    }
    expect(perturbFactor(0, 0.5, { guard: "clamp", floor: 0.25 })).toBe(1 + 0.5 / 0.25);
    expect(perturbFactor(-0.1, 0.5, { guard: "clamp", floor: 0.25 })).toBe(1 - 0.5 / 0.25);
    expect(() => perturbLoss(tensor(Number.NaN), 0.1, { guard: "clamp" })).toThrow(AnomalyError);
  });

  it("a non-scalar loss, a non-finite draw, or a bad guard is an error naming the remedy", () => {
    expect(() => perturbLoss(tensor([1, 2]), 0.1)).toThrow(ShapeError);
    expect(() => perturbLoss(tensor([1, 2]), 0.1)).toThrow(/shape \[2\].*\.mean\(\).*perturbShared/);
    expect(() => perturbLoss(tensor(1), Number.NaN)).toThrow(ArgumentError);
    expect(() => perturbLoss(tensor(1), 0.1, { guard: "ignore" as "skip" })).toThrow(/unknown guard/);
    expect(() => perturbLoss(tensor(1), 0.1, { guard: "clamp", floor: 0 })).toThrow(/floor/);
  });
});

describe("perturbLoss: properties over random MLPs (float64)", () => {
  it("property 1: the value of L + n·L/sg(L) is fl(L + n), composed and fused", () => {
    // L/L is exactly 1 and 1·n is exactly n, so the composed value is one rounding of L + n; the fused node
    // computes the same expression.
    fc.assert(
      fc.property(scalarSpec, (spec) => {
        const m = buildMlp(spec);
        const L = m.loss();
        const n = m.n(L.item());
        expect(perturbLoss(L, n).item()).toBe(L.item() + n);
        expect(perturbLoss(L, n, { fused: true }).item()).toBe(L.item() + n);
      }),
      { numRuns: 150 },
    );
  });

  it("property 2: for every parameter ∇L̃ = (1 + n/L)·∇L (max error ≤ 1e-10·|1 + n/L|·max|∇L|)", () => {
    // Backward is linear in its seed: seeding f = 1 + n/L instead of 1 scales every exact intermediate by f. In
    // float64 each of the K roundings on a path (K < 60 here: depth ≤ 3, widths ≤ 6, batch ≤ 6) adds a relative
    // error ≤ u = 1.1e-16 of an intermediate, and intermediates exceed max|∇L| by at most the cancellation in the
    // final sums, so the two sides differ by about K·u·(cancellation)·|f|·max|∇L|. 1e-10 leaves 1e4 for the
    // cancellation on top of K·u ≈ 7e-15.
    fc.assert(
      fc.property(scalarSpec, fc.boolean(), (spec, fused) => {
        const m = buildMlp(spec);
        const L = m.loss();
        const n = m.n(L.item());
        const f = perturbFactor(L, n);
        const clean = grad(L, m.params, { retainGraph: true });
        const noisy = grad(perturbLoss(L, n, { fused }), m.params);
        expect(maxDiff(noisy, clean, f)).toBeLessThanOrEqual(1e-10 * Math.abs(f) * maxAbs(clean));
      }),
      { numRuns: 150 },
    );
  });

  it("property 5: L + n leaves every gradient exactly ∇L, and L + n·L/L (no detach) leaves it ∇L up to rounding", () => {
    // L + n: add passes its gradient through unchanged, so the backward is the clean one, bit for bit.
    // L + n·L/L: the quotient's two partials, n/L and −n·L/L², cancel in exact arithmetic; in float64 each is a
    // few roundings off (relative 3u), so the seed reaching L is 1 + δ with |δ| ≤ 8u·|n/L|, and the gradient is
    // (1 + δ)·∇L: within (8u·|n/L| + 1e-13)·max|∇L| (the second term for the backward's own rounding, as above).
    fc.assert(
      fc.property(scalarSpec, (spec) => {
        const m = buildMlp(spec);
        const L = m.loss();
        const n = m.n(L.item());
        const clean = grad(L, m.params, { retainGraph: true });
        const additive = grad(L.add(n), m.params, { retainGraph: true });
        expect(maxDiff(additive, clean)).toBe(0);
        const undetached = grad(L.add(L.div(L).mul(n)), m.params);
        const tol = (8 * U64 * Math.abs(n / L.item()) + 1e-13) * maxAbs(clean);
        expect(maxDiff(undetached, clean)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 150 },
    );
  });

  it("the detach is what matters: with |n/L| ≥ 0.1 the perturbed gradient differs from the clean one by ≥ 10%·(n/L)", () => {
    fc.assert(
      fc.property(scalarSpec, (spec) => {
        const m = buildMlp(spec);
        const L = m.loss();
        const n = m.n(L.item());
        fc.pre(Math.abs(n / L.item()) >= 0.1);
        const clean = grad(L, m.params, { retainGraph: true });
        fc.pre(maxAbs(clean) > 0);
        const noisy = grad(perturbLoss(L, n), m.params);
        // ∇L̃ − ∇L = (n/L)·∇L, so the largest difference is |n/L|·max|∇L| up to rounding.
        expect(maxDiff(noisy, clean)).toBeGreaterThan(0.9 * Math.abs(n / L.item()) * maxAbs(clean));
      }),
      { numRuns: 50 },
    );
  });
});
