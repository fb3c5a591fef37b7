import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { max } from "../../../src/autograd/ops/max.ts";
import { min } from "../../../src/autograd/ops/min.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import type { Axis } from "../../../src/autograd/shape.ts";
import {
  axisCaseArb, expectClose, expectFloat32Near, expectOpError, fromValues, leaf, numel, randLeaf, reducedShapeRef,
  reduceIndex, runBothDtypes, seedArb, shapeArb,
} from "./helpers.ts";

/**
 * Distinct values at least 0.25 apart (a shuffled grid with jitter below 0.05): every top-2 gap is far wider
 * than gradcheck's step, so the maximum never moves under a perturbation.
 */
function distinctArb(n: number): fc.Arbitrary<number[]> {
  const grid = Array.from({ length: n }, (_, i) => i);
  return fc
    .tuple(fc.shuffledSubarray(grid, { minLength: n, maxLength: n }), fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: n, maxLength: n }))
    .map(([p, j]) => p.map((r, i) => 0.3 * (r - n / 2) + j[i]));
}

/** Small integers, so that ties are common. */
const tiedArb = (n: number) => fc.array(fc.integer({ min: -2, max: 2 }), { minLength: n, maxLength: n });

describe("max/min: extremes over axes;  ∂x = g at the extremes, split equally among ties", () => {
  it("max over axis 1: values and a gradient at each row's maximum", () => {
    const x = leaf([[1, 5, 3], [4, 2, 6]]);
    const y = x.max(1);
    expectClose(y, [5, 6]);
    expectClose(grad(y, x, { gradOutputs: tensor([10, 20]) }), [[0, 10, 0], [0, 0, 20]]);
  });

  it("min over axis 0 with keepdim, and max over everything", () => {
    const x = leaf([[1, 5, 3], [4, 2, 6]]);
    const y = min(x, 0, true);
    expectClose(y, [[1, 2, 3]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2, 3]]) }), [[1, 0, 3], [0, 2, 0]]);
    const z = x.max();
    expectClose(z, 6);
    expectClose(grad(z, x), [[0, 0, 0], [0, 0, 1]]);
  });

  it("several axes [0, 2] of [2, 2, 2]", () => {
    const x = leaf([[[1, 9], [3, 4]], [[5, 6], [8, 7]]]);
    const y = x.max([0, 2]);
    expectClose(y, [9, 8]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, 2]) }), [[[0, 1], [0, 0]], [[0, 0], [2, 0]]]);
  });

  it("ties split equally, as torch.amax: two-way ½ each, three-way ⅓ each", () => {
    const x = leaf([[2, 2, 1], [7, 7, 7]]);
    const y = x.max(1);
    expectClose(y, [2, 7]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, 3]) }), [[1 / 2, 1 / 2, 0], [3 / 3, 3 / 3, 3 / 3]]);
    const m = leaf([[0, -1], [-1, 0]]);
    expectClose(grad(m.min(), m, { gradOutputs: 4 }), [[0, 4 / 2], [4 / 2, 0]]);
  });

  it("a scalar: max of shape [] is itself with gradient 1", () => {
    const x = leaf(3);
    expectClose(x.max(), 3);
    expectClose(grad(x.max(), x), 1);
  });

  it("over an empty axis max/min are ShapeErrors (the extreme of nothing is undefined), not NaN; a kept empty axis is fine", () => {
    const e = tensor(new Float64Array(0), { shape: [0, 3] });
    expectOpError(() => e.max(0), ShapeError, "max", "[0, 3]", "[0]");
    expectOpError(() => e.min(0), ShapeError, "min", "[0, 3]", "[0]");
    expectOpError(() => e.max(), ShapeError, "max", "[0, 3]", "[0, 1]");
    expect([...e.max(1).shape]).toEqual([0]);
  });

  it("second order: the gradient is the maxBackward gate, a mask selection, so x reached only there gets null", () => {
    const x = leaf([1, 3, 2]);
    const w = leaf(5);
    // g = ∂(w·max x)/∂x = w·[x = max]
    const g = grad(x.max().mul(w), x, { createGraph: true }) as Tensor;
    expect(g.node?.def.name).toBe("maxBackward");
    expectClose(g, [0, 5, 0]);
    const [gx, gw] = grad(g.mul(tensor([1, 2, 3])).sum(), [x, w], { allowUnused: true });
    expect(gx).toBeNull();
    expectClose(gw, 2);
    // min, and the amax form over an axis, the same.
    const gMin = grad(x.min(0, true).mul(w).sum(), x, { createGraph: true }) as Tensor;
    expect(grad(gMin.sum(), [x, w], { allowUnused: true })[0]).toBeNull();
  });

  it("gradcheck and gradgradcheck with well-separated values, over one, several and all axes", () => {
    const x = fromValues([0.3, -1.2, 2.1, 0.9, -0.4, 1.5, -2.2, 0.1, 1.1, -0.8, 2.6, -1.7], [2, 3, 2]);
    const cases: [Axis, boolean][] = [[undefined, false], [1, false], [[0, 2], true], [-1, true]];
    for (const [axis, keepdim] of cases) {
      expect(gradcheck((t) => t.max(axis, keepdim), [x])).toBe(true);
      expect(gradcheck((t) => t.min(axis, keepdim), [x])).toBe(true);
      expect(gradgradcheck((t) => t.max(axis, keepdim), [x])).toBe(true);
    }
  });

  it("property: max/min equal the slice extremes and ∂x is c at the unique extreme, 0 elsewhere (index reference)", () => {
    fc.assert(
      fc.property(
        axisCaseArb(shapeArb(0, 4, 3)).chain((c) => distinctArb(numel(c.shape)).map((v) => ({ ...c, values: v }))),
        fc.boolean(),
        ({ shape, axis, axes, keepdim, values }, isMax) => {
          const x = fromValues(values, shape);
          const y = isMax ? x.max(axis, keepdim) : x.min(axis, keepdim);
          expect([...y.shape]).toEqual(reducedShapeRef(shape, axes, keepdim));
          const idx = reduceIndex(shape, axes);
          const best = new Array<number>(y.size).fill(isMax ? -Infinity : Infinity);
          idx.forEach((j, i) => (best[j] = isMax ? Math.max(best[j], values[i]) : Math.min(best[j], values[i])));
          expect(Array.from(y.data)).toEqual(best);
          const c = randLeaf(y.shape, 4).detach();
          const g = grad(y, x, { gradOutputs: c }) as Tensor;
          idx.forEach((j, i) => expect(g.data[i]).toBe(values[i] === best[j] ? c.data[j] : 0));
        },
      ),
      { numRuns: 80 },
    );
  });

  it("property: with ties, ∂x is c/(number of ties) at every extreme, 0 elsewhere, and each slice's gradient sums to c", () => {
    fc.assert(
      fc.property(
        axisCaseArb(shapeArb(0, 3, 4)).chain((c) => tiedArb(numel(c.shape)).map((v) => ({ ...c, values: v }))),
        fc.boolean(),
        ({ shape, axis, axes, keepdim, values }, isMax) => {
          const x = fromValues(values, shape);
          const y = isMax ? x.max(axis, keepdim) : x.min(axis, keepdim);
          const idx = reduceIndex(shape, axes);
          const c = randLeaf(y.shape, 6).detach();
          const g = grad(y, x, { gradOutputs: c }) as Tensor;
          const ties = new Array<number>(y.size).fill(0);
          idx.forEach((j, i) => (ties[j] += values[i] === y.data[j] ? 1 : 0));
          const total = new Array<number>(y.size).fill(0);
          idx.forEach((j, i) => {
            // c·(1/ties) and c/ties differ by at most two roundings
            const want = values[i] === y.data[j] ? c.data[j] / ties[j] : 0;
            expect(Math.abs(g.data[i] - want)).toBeLessThanOrEqual(2 * 2 ** -53 * Math.abs(want));
            total[j] += g.data[i];
          });
          // ties ≤ 64 equal shares: the sum is c to a few roundings
          total.forEach((t, j) => expect(Math.abs(t - c.data[j])).toBeLessThanOrEqual(ties[j] * 2 ** -52 * Math.abs(c.data[j])));
        },
      ),
      { numRuns: 80 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, axes, distinct values and directions", () => {
    fc.assert(
      fc.property(
        axisCaseArb(shapeArb(0, 3, 4)).chain((c) => distinctArb(numel(c.shape)).map((v) => ({ ...c, values: v }))),
        seedArb,
        ({ shape, axis, keepdim, values }, seed) => checkVjp((t) => t.max(axis, keepdim), [fromValues(values, shape)], { seed }),
      ),
      { numRuns: 50 },
    );
  });

  it("float32: the extreme is an input value (exact); tie-split gradients are float32 and one rounding from float64", () => {
    const x = tensor([[1, 3, 3], [-2, 0.5, -2]]);
    for (const f of [(t: Tensor) => t.max(1), (t: Tensor) => t.min(1), (t: Tensor) => t.max()]) {
      const { y32, y64, g32, g64 } = runBothDtypes(f, [x]);
      expectFloat32Near(y32, y64, 0);
      expectFloat32Near(g32[0], g64[0], 1);
    }
  });
});
