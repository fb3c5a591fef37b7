import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { softmax } from "../../../src/autograd/ops/softmax.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  expectClose, expectFloat32Near, leaf, maxAbs, randLeaf, reduceIndex, runBothDtypes, seedArb, shapeArb, U64,
} from "./helpers.ts";

/** A shape of rank ≥ 1 with one axis of it, written negative or not. */
const axisCase = shapeArb(1, 3, 4).chain((shape) =>
  fc.integer({ min: -shape.length, max: shape.length - 1 }).map((axis) => ({ shape, axis, a: axis < 0 ? axis + shape.length : axis })),
);

describe("softmax: y = eˣ / Σ eˣ along an axis;  ∂x = y·(g − Σ g·y)", () => {
  it("softmax([0, ln 2, ln 3]) = [1, 2, 3]/6 with ∂x = y·(g − Σ g·y)", () => {
    const x = leaf([0, Math.log(2), Math.log(3)]);
    const y = x.softmax();
    expectClose(y, [1 / 6, 2 / 6, 3 / 6]);
    const dot = (1 * 1) / 6 + (0 * 2) / 6 + (-1 * 3) / 6;
    expectClose(grad(y, x, { gradOutputs: tensor([1, 0, -1]) }), [(1 / 6) * (1 - dot), (2 / 6) * (0 - dot), (3 / 6) * (-1 - dot)], 8, 1);
  });

  it("along axis 0 of a [2, 2] matrix: each column normalised on its own", () => {
    const x = leaf([[0, Math.log(3)], [0, 0]]);
    const y = softmax(x, 0);
    expectClose(y, [[1 / 2, 3 / 4], [1 / 2, 1 / 4]]);
    // column 0: y = [½, ½], g = [1, 0]: Σ g·y = ½, ∂x = [½·½, ½·(−½)]
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 0], [0, 0]]) }), [[1 / 4, 0], [-1 / 4, 0]], 8, 1);
  });

  it("stable for large inputs: softmax([1000, 1000]) = [½, ½], softmax([1000, 0]) = [1, 0]", () => {
    const x = leaf([[1000, 1000], [1000, 0], [-1000, -1000]]);
    const y = x.softmax(1);
    expectClose(y, [[0.5, 0.5], [1, 0], [0.5, 0.5]]);
    const g = grad(y, x, { gradOutputs: tensor([[1, 0], [1, 0], [0, 1]]) }) as Tensor;
    expectClose(g, [[1 / 4, -1 / 4], [0, 0], [-1 / 4, 1 / 4]], 8, 1);
  });

  it("a scalar: softmax of shape [] is 1 with gradient 0", () => {
    const x = leaf(2.5);
    expectClose(x.softmax(), 1);
    expectClose(grad(x.softmax(), x), 0);
  });

  it("gradcheck and gradgradcheck along each axis", () => {
    const x = randLeaf([2, 3, 2], 1);
    for (const axis of [0, 1, -1]) {
      expect(gradcheck((t) => t.softmax(axis), [x])).toBe(true);
      expect(gradgradcheck((t) => t.softmax(axis), [x])).toBe(true);
    }
  });

  it("property: y = e^(x − m)/Σ e^(x − m), Σ_axis y = 1, and Σ_axis ∂x = 0 (softmax is shift-invariant)", () => {
    fc.assert(
      fc.property(axisCase, seedArb, ({ shape, axis, a }, seed) => {
        const x = randLeaf(shape, seed, 30);
        const y = x.softmax(axis);
        const idx = reduceIndex(shape, [a]);
        const slices = Math.max(...idx) + 1;
        const m = new Array<number>(slices).fill(-Infinity);
        idx.forEach((j, i) => (m[j] = Math.max(m[j], x.data[i])));
        const s = new Array<number>(slices).fill(0);
        idx.forEach((j, i) => (s[j] += Math.exp(x.data[i] - m[j])));
        const n = shape[a];
        const totals = new Array<number>(slices).fill(0);
        idx.forEach((j, i) => {
          // exp (2u₆₄), the n-term sum and the division: (n + 3)·u₆₄ relative, for engine and reference each
          const want = Math.exp(x.data[i] - m[j]) / s[j];
          expect(Math.abs(y.data[i] - want)).toBeLessThanOrEqual(2 * (n + 3) * U64 * want);
          totals[j] += y.data[i];
        });
        totals.forEach((t) => expect(Math.abs(t - 1)).toBeLessThanOrEqual((2 * n + 3) * U64));
        const c = randLeaf(shape, seed + 1).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        const gsum = new Array<number>(slices).fill(0);
        idx.forEach((j, i) => (gsum[j] += g.data[i]));
        // y·(c − ⟨c, y⟩) summed: terms no larger than 2·max|c|
        gsum.forEach((t) => expect(Math.abs(t)).toBeLessThanOrEqual((4 * n + 8) * U64 * 2 * maxAbs(c)));
      }),
      { numRuns: 60 },
    );
  });

  it("property: softmax(x + s) = softmax(x) for a constant shift s", () => {
    fc.assert(
      fc.property(axisCase, fc.double({ min: -100, max: 100, noNaN: true }), ({ shape, axis }, s) => {
        const x = randLeaf(shape, 2);
        const a = x.add(s).softmax(axis);
        const b = x.softmax(axis);
        // x + s rounds with error ≤ u₆₄·(|x| + |s|), which exp turns into a relative error of that size
        const tol = (shape[axis < 0 ? axis + shape.length : axis] + 8) * U64 * (maxAbs(x) + Math.abs(s) + 2);
        for (let i = 0; i < a.size; i++) expect(Math.abs(a.data[i] - b.data[i])).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 40 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, axes and directions", () => {
    fc.assert(
      fc.property(axisCase, seedArb, ({ shape, axis }, seed) => checkVjp((t) => t.softmax(axis), [randLeaf(shape, seed, 2)], { seed })),
      { numRuns: 50 },
    );
  });

  it("float32: y within (n + 3)·u₃₂ of float64 (relative to 1/Σ); gradients float32 within a few u₃₂·max|g|", () => {
    const x = randLeaf([3, 5], 2);
    for (const axis of [0, 1]) {
      const { y32, y64, g32, g64, v } = runBothDtypes((t) => t.softmax(axis), [x]);
      // Computed in float64 and rounded once.
      expectFloat32Near(y32, y64, 1);
      // y·(g − Σ g·y): products and an n-term sum in float32, each term ≤ max|v|
      const n = axis === 0 ? 3 : 5;
      expectFloat32Near(g32[0], g64[0], n + 4, 2 * maxAbs(v));
    }
  });
});
