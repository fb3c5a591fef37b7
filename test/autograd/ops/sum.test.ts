import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sum } from "../../../src/autograd/ops/sum.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import type { Axis } from "../../../src/autograd/shape.ts";
import {
  axisCaseArb, expectClose, expectFloat32Near, expectOpError, leaf, maxAbs, randLeaf, reducedShapeRef,
  reduceIndex, runBothDtypes, seedArb, shapeArb, U64,
} from "./helpers.ts";

describe("sum: Σ over axes;  ∂x = g broadcast back over the reduced axes", () => {
  const x6 = () => leaf([[1, 2, 3], [4, 5, 6]]);

  it("all axes: Σ = 21, a scalar, with gradient g everywhere", () => {
    const x = x6();
    const y = x.sum();
    expectClose(y, 1 + 2 + 3 + 4 + 5 + 6);
    expectClose(grad(y, x, { gradOutputs: 2 }), [[2, 2, 2], [2, 2, 2]]);
  });

  it("sum([]) reduces every axis, as PyTorch 1.13 (and so do mean, max, min, logsumexp given [])", () => {
    const x = x6();
    const y = x.sum([]);
    expect(y.shape).toEqual([]);
    expectClose(y, 1 + 2 + 3 + 4 + 5 + 6);
    expectClose(grad(y, x, { gradOutputs: 2 }), [[2, 2, 2], [2, 2, 2]]);
    expectClose(x.sum([], true), [[21]]);
    expectClose(x.mean([]), 21 / 6);
    expectClose(x.max([]), 6);
    expectClose(x.min([]), 1);
    expectClose(x.logsumexp([]), Math.log([1, 2, 3, 4, 5, 6].reduce((a, v) => a + Math.exp(v), 0)));
    expect(gradgradcheck((t) => t.pow(2).sum([]), [randLeaf([2, 3], 4)])).toBe(true);
  });

  it("axis 0 and axis −1, with and without keepdim: values and the broadcast gradient", () => {
    const x = x6();
    const y0 = x.sum(0);
    expectClose(y0, [1 + 4, 2 + 5, 3 + 6]);
    expectClose(grad(y0, x, { gradOutputs: tensor([1, 2, 3]) }), [[1, 2, 3], [1, 2, 3]]);
    const y1 = sum(x, -1, true);
    expectClose(y1, [[1 + 2 + 3], [4 + 5 + 6]]);
    expectClose(grad(y1, x, { gradOutputs: tensor([[10], [20]]) }), [[10, 10, 10], [20, 20, 20]]);
  });

  it("several non-adjacent axes of a [2, 2, 2] tensor: sum over axes [0, 2]", () => {
    const x = leaf([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    const y = x.sum([0, 2]);
    expectClose(y, [1 + 2 + 5 + 6, 3 + 4 + 7 + 8]);
    expectClose(grad(y, x, { gradOutputs: tensor([1, -1]) }), [[[1, 1], [-1, -1]], [[1, 1], [-1, -1]]]);
    expectClose(x.sum([2, 0], true), [[[1 + 2 + 5 + 6], [3 + 4 + 7 + 8]]]);
  });

  it("a scalar (shape []): its sum is itself with gradient g", () => {
    const x = leaf(3.5);
    const y = x.sum();
    expectClose(y, 3.5);
    expectClose(grad(y, x), 1);
  });

  it("bad axes are ShapeErrors naming sum and the range", () => {
    expectOpError(() => x6().sum(2), ShapeError, "sum", "axis 2", "rank 2");
    expectOpError(() => x6().sum([0, -2]), ShapeError, "sum", "[0,-2]");
  });

  it("gradcheck over one, several and all axes, with keepdim", () => {
    const x = randLeaf([2, 3, 2], 1);
    const cases: [Axis, boolean][] = [[undefined, false], [1, false], [[0, 2], true], [-1, true]];
    for (const [axis, keepdim] of cases) {
      expect(gradcheck((t) => t.sum(axis, keepdim), [x])).toBe(true);
    }
  });

  it("gradgradcheck: second order through sum(x²) and sum(x)² over axes", () => {
    expect(gradgradcheck((t) => t.pow(2).sum([0, 2]), [randLeaf([2, 3, 2], 2)])).toBe(true);
    expect(gradgradcheck((t) => t.sum(1, true).pow(2), [randLeaf([2, 3], 3)])).toBe(true);
  });

  it("property: y[j] = Σ_{i ↦ j} x[i] and ∂x[i] = c[j(i)] for random shapes, axes and keepdim (index reference)", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(0, 4, 3)), ({ shape, axis, axes, keepdim }) => {
        const x = randLeaf(shape, shape.length * 7 + axes.length);
        const y = x.sum(axis, keepdim);
        expect([...y.shape]).toEqual(reducedShapeRef(shape, axes, keepdim));
        const idx = reduceIndex(shape, axes);
        const want = new Array<number>(y.size).fill(0);
        const mag = new Array<number>(y.size).fill(0);
        idx.forEach((j, i) => ((want[j] += x.data[i]), (mag[j] += Math.abs(x.data[i]))));
        const n = x.size / Math.max(y.size, 1);
        // Two orders of an n-term sum differ by at most 2n·u₆₄·Σ|x|.
        want.forEach((w, j) => expect(Math.abs(y.data[j] - w)).toBeLessThanOrEqual(2 * n * U64 * mag[j]));
        const c = randLeaf(y.shape, 99).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        expect([...g.shape]).toEqual(shape);
        idx.forEach((j, i) => expect(g.data[i]).toBe(c.data[j]));
      }),
      { numRuns: 80 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, axes, keepdim and directions", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(0, 3, 4)), seedArb, ({ shape, axis, keepdim }, seed) =>
        checkVjp((t) => t.sum(axis, keepdim), [randLeaf(shape, seed)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: summing axes one at a time equals summing them together (linearity of Σ)", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(1, 4, 3)), ({ shape, axes }) => {
        const x = randLeaf(shape, 5);
        let step: Tensor = x;
        for (const a of [...axes].reverse()) step = step.sum(a);
        const together = x.sum(axes);
        const n = x.size / together.size;
        const scale = maxAbs(x) * n;
        for (let j = 0; j < together.size; j++) {
          expect(Math.abs(step.data[j] - together.data[j])).toBeLessThanOrEqual(2 * n * U64 * scale);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("float32: an n-term sum is within n·u₃₂·Σ|x|; the gradient (a broadcast) is float32 and exact", () => {
    const x = randLeaf([4, 50], 3);
    for (const axis of [0, 1, undefined]) {
      const { y32, y64, g32, g64 } = runBothDtypes((t) => t.sum(axis), [x]);
      const n = axis === 0 ? 4 : axis === 1 ? 50 : 200;
      expectFloat32Near(y32, y64, n, n * maxAbs(x));
      expectFloat32Near(g32[0], g64[0], 0);
    }
  });
});
