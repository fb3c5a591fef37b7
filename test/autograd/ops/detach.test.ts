import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detach } from "../../../src/autograd/ops/detach.ts";
import { checkVjp, gradcheck, GradcheckError } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { caseArb, expectClose, expectExact, fromValues, leaf, randLeaf, seedArb, shapeArb, U64 } from "./helpers.ts";

describe("detach: sg(x) = x;  no gradient, at every order", () => {
  it("forward is the identity, sharing storage; the output needs no grad but its node is kept for display", () => {
    const x = leaf([1.5, -2]);
    const y = x.detach();
    expectExact(y, [1.5, -2]);
    expect(y.data).toBe(x.data);
    expect(y.requiresGrad).toBe(false);
    expect(y.isLeaf).toBe(true);
    expect(y.node?.def.name).toBe("detach");
    expect(y.node?.inputs[0]).toBe(x);
  });

  it("grad(sg(x)²) is null with allowUnused, not zero", () => {
    const x = leaf([1, 2]);
    expect(grad(detach(x).pow(2).sum(), x, { allowUnused: true })).toBeNull();
    const other = leaf(0);
    const [gx, gOther] = grad(detach(x).pow(2).sum().add(other), [x, other], { allowUnused: true });
    expect(gx).toBeNull();
    expectExact(gOther, 1);
    // x·0 is different: x is reached, with derivative zero
    expectExact(grad(x.mul(0).sum(), x), [0, 0]);
  });

  it("x·sg(x) has gradient sg(x) = x, not 2x: detach decides which factor is a constant", () => {
    const x = leaf([3, -1]);
    expectExact(grad(x.mul(x.detach()).sum(), x), [3, -1]);
  });

  it("the perturbation node: L + n·L/sg(L) has value L + n and gradient (1 + n/L)·∇L; without sg it is ∇L", () => {
    const w = leaf([0.5, -1.5]);
    const L = w.pow(2).sum(); // L = 0.25 + 2.25 = 2.5, ∇L = 2w
    const n = 0.3;
    const noisy = L.add(L.div(L.detach()).mul(n));
    expectClose(noisy, 2.5 + n);
    expectClose(grad(noisy, w, { retainGraph: true }), [(1 + n / 2.5) * 1, (1 + n / 2.5) * -3], 8);
    expectClose(grad(L.add(L.div(L).mul(n)), w), [1, -3], 8);
  });

  it("straight-through: x + sg(q(x) − x) has value q(x) and gradient exactly 1", () => {
    const x = leaf([0.2, 1.7, -2.6]);
    const q = tensor(Array.from(x.data, Math.round));
    const y = x.add(q.sub(x).detach());
    expectExact(y, [0, 2, -3]);
    expectExact(grad(y, x, { gradOutputs: tensor([1, 1, 1]) }), [1, 1, 1]);
  });

  it("blocks second order: ∂²(x·sg(x)²)/∂x² = 0 through the detached factor (first order sg(x)², second none)", () => {
    const x = leaf([2]);
    const g = grad(x.mul(x.detach().pow(2)).sum(), x, { createGraph: true }) as Tensor;
    expectExact(g, [4]);
    // g = sg(x)² is a constant: it does not require grad, so nothing flows to x at second order
    expect(g.requiresGrad).toBe(false);
  });

  it("a scalar", () => {
    const x = leaf(5);
    const y = x.detach();
    expectExact(y, 5);
    expect(grad(x.add(y), x)?.item()).toBe(1);
  });

  it("gradcheck agrees where the detached value does not move with the checked input: x ↦ x·sg(w)", () => {
    const w = randLeaf([2, 3], 2); // requires grad, so the detach node is recorded, but gradcheck moves x only
    expect(gradcheck((x) => x.mul(w.detach()), [randLeaf([2, 3], 1)])).toBe(true);
  });

  it("… and finite differences see through detach: gradcheck rejects x ↦ x·sg(x) (analytic x, numeric 2x)", () => {
    expect(() => gradcheck((x) => x.mul(x.detach()), [fromValues([1, 2], [2])])).toThrow(GradcheckError);
  });

  it("property: sg(x) has x's values bit for bit, and ∂(x·sg(x)) = x exactly", () => {
    fc.assert(
      fc.property(caseArb(shapeArb()), ({ shape, values }) => {
        const x = fromValues(values, shape);
        expect(Array.from(x.detach().data)).toEqual(values);
        const c = randLeaf(shape, 3).detach();
        const g = grad(x.mul(x.detach()), x, { gradOutputs: c }) as Tensor;
        values.forEach((v, i) => expect(g.data[i]).toBe(c.data[i] * v));
      }),
      { numRuns: 50 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for x ↦ x·sg(w) + sg(w)² with an outside w", () => {
    fc.assert(
      fc.property(shapeArb(), seedArb, (shape, seed) => {
        const w = randLeaf(shape, seed + 1);
        return checkVjp((x) => x.mul(w.detach()).add(w.detach().pow(2)), [randLeaf(shape, seed)], { seed });
      }),
      { numRuns: 40 },
    );
  });

  it("property: for L = Σ lᵢ, L + n·L/sg(L) scales every gradient by 1 + n/L", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(1, 2, 4), { lo: 0.5, hi: 2 }), fc.double({ min: -1, max: 1, noNaN: true }), ({ shape, values }, n) => {
        const w = fromValues(values, shape);
        const L = w.pow(2).sum();
        const [clean] = grad(L, [w], { retainGraph: true }) as Tensor[];
        const [noisy] = grad(L.add(L.div(L.detach()).mul(n)), [w]) as Tensor[];
        const r = n / L.item();
        const f = 1 + r;
        // noisy = clean + clean·r, each part a few roundings (≤ 8u₆₄) from exact; f·clean one more
        for (let i = 0; i < w.size; i++) {
          const tol = 8 * U64 * (1 + Math.abs(r)) * Math.abs(clean.data[i]) + 2 * U64 * Math.abs(f * clean.data[i]);
          expect(Math.abs(noisy.data[i] - f * clean.data[i])).toBeLessThanOrEqual(tol);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("float32: sg(x) keeps float32 storage and values; x·sg(x)'s gradient sg(x)·g comes back float32", () => {
    const x = tensor([0.1, -2.5], { dtype: "float32", requiresGrad: true });
    const d = x.detach();
    expect(d.dtype).toBe("float32");
    expect(d.data).toBe(x.data);
    const g = grad(x.mul(d), x, { gradOutputs: tensor([3, 1], { dtype: "float32" }) }) as Tensor;
    expect(g.dtype).toBe("float32");
    // one float32 rounding of the product
    expect(Array.from(g.data)).toEqual([Math.fround(3 * Math.fround(0.1)), -2.5]);
  });
});
