import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clamp } from "../../../src/autograd/ops/clamp.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ArgumentError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  caseArb, expectExact, expectFloat32Near, expectOpError, fromValues, leaf, randLeaf, runBothDtypes, seedArb,
  shapeArb,
} from "./helpers.ts";

// Bounds are float32-representable, and random inputs stay at least 1e-3 from them (the kinks).
const LO = -0.5;
const HI = 0.75;
const awayFromBounds = { lo: -2, hi: 2, avoid: [LO, HI], gap: 1e-3 };

describe("clamp: min(max(x, lo), hi);  ∂x = g·[lo ≤ x ≤ hi], bounds inclusive as PyTorch", () => {
  it("values clip to [−1, 1]; the gradient passes inside and AT the bounds, not outside", () => {
    const x = leaf([-2, -1, 0, 1, 2]);
    const y = x.clamp(-1, 1);
    expectExact(y, [-1, -1, 0, 1, 1]);
    expectExact(grad(y, x, { gradOutputs: tensor([1, 2, 3, 4, 5]) }), [0, 2, 3, 4, 0]);
  });

  it("one-sided: a min only (max null) and a max only (min null)", () => {
    const x = leaf([-2, 0.5, 3]);
    const lo = clamp(x, 0, null);
    expectExact(lo, [0, 0.5, 3]);
    expectExact(grad(lo, x, { gradOutputs: tensor([1, 1, 1]) }), [0, 1, 1]);
    const hi = x.clamp(null, 1);
    expectExact(hi, [-2, 0.5, 1]);
    expectExact(grad(hi, x, { gradOutputs: tensor([1, 1, 1]) }), [1, 1, 0]);
  });

  it("a scalar: clamp(5, 0, 2) = 2 with gradient 0", () => {
    const x = leaf(5);
    expectExact(x.clamp(0, 2), 2);
    expectExact(grad(x.clamp(0, 2), x), 0);
  });

  it("no bound, or min > max, is an ArgumentError naming clamp", () => {
    expectOpError(() => leaf([1]).clamp(null, null), ArgumentError, "clamp", "min", "max");
    expectOpError(() => leaf([1]).clamp(2, 1), ArgumentError, "clamp", "2", "1");
  });

  it("second order: ∂clamp is the clampBackward gate, a mask selection, so x reached only there gets null (PyTorch 1.13)", () => {
    const x = leaf([-3, 0.2, 3]);
    const w = leaf([4, 5, 6]);
    // g = ∂Σ(clamp(x)·w)/∂x = w·[-1 ≤ x ≤ 1]
    const g = grad(x.clamp(-1, 1).mul(w).sum(), x, { createGraph: true }) as Tensor;
    expect(g.node?.def.name).toBe("clampBackward");
    expectExact(g, [0, 5, 0]);
    const [gx, gw] = grad(g.mul(tensor([1, 2, 3])).sum(), [x, w], { allowUnused: true });
    expect(gx).toBeNull();
    expectExact(gw, [0, 2, 0]);
  });

  it("second order: x reached beside clamp as well (clamp(x)·x) gets its gradient through the other path", () => {
    const x = leaf([-3, 0.2, 3]);
    // g = clamp(x) + x·[-1 ≤ x ≤ 1]; ∂Σg/∂x = [-1 ≤ x ≤ 1] + [-1 ≤ x ≤ 1] (the second via the mul's own rule)
    const g = grad(x.clamp(-1, 1).mul(x).sum(), x, { createGraph: true }) as Tensor;
    expectExact(g, [-1 + 0, 0.2 + 0.2, 1 + 0]);
    expectExact(grad(g.sum(), x), [0, 2, 0]);
  });

  it("gradcheck and gradgradcheck away from the bounds, inside and outside", () => {
    const x = fromValues([-1.7, -0.3, 0.1, 0.6, 1.2, 2.5], [2, 3]);
    expect(gradcheck((t) => t.clamp(LO, HI), [x])).toBe(true);
    expect(gradgradcheck((t) => t.clamp(LO, HI), [x])).toBe(true);
    expect(gradcheck((t) => t.clamp(LO, null).mul(t), [x])).toBe(true);
  });

  it("property: y = min(max(x, lo), hi) and ∂x = c·[lo ≤ x ≤ hi] exactly", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), awayFromBounds), ({ shape, values }) => {
        const x = fromValues(values, shape);
        const y = x.clamp(LO, HI);
        expect(Array.from(y.data)).toEqual(values.map((v) => Math.min(Math.max(v, LO), HI)));
        const c = randLeaf(shape, 1).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        expect(Array.from(g.data)).toEqual(values.map((v, i) => (v >= LO && v <= HI ? c.data[i] : 0)));
      }),
      { numRuns: 60 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, values (≥ 1e-3 from the bounds) and directions", () => {
    fc.assert(
      fc.property(caseArb(shapeArb(), awayFromBounds), seedArb, ({ shape, values }, seed) =>
        checkVjp((t) => t.clamp(LO, HI), [fromValues(values, shape)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: clamp(x, lo, hi) = min(max(x, lo), hi) composed of one-sided clamps", () => {
    fc.assert(
      fc.property(caseArb(shapeArb()), ({ shape, values }) => {
        const x = fromValues(values, shape);
        expect(Array.from(x.clamp(LO, HI).data)).toEqual(Array.from(x.clamp(LO, null).clamp(null, HI).data));
      }),
      { numRuns: 30 },
    );
  });

  it("float32: values are inputs or float32 bounds (exact); the gradient is an exact float32 mask of g", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((t) => t.clamp(LO, HI), [randLeaf([3, 4], 5)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
