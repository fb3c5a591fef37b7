import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean } from "../../../src/autograd/ops/mean.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import type { Axis } from "../../../src/autograd/shape.ts";
import {
  axisCaseArb, expectClose, expectFloat32Near, leaf, maxAbs, randLeaf, reduceIndex, reducedShapeRef, runBothDtypes,
  seedArb, shapeArb, U64,
} from "./helpers.ts";

describe("mean: Σ over axes / n;  ∂x = broadcast(g) / n", () => {
  const x6 = () => leaf([[1, 2, 3], [4, 5, 6]]);

  it("all axes: (1 + … + 6)/6 with gradient g/6 everywhere", () => {
    const x = x6();
    const y = x.mean();
    expectClose(y, 21 / 6);
    expectClose(grad(y, x), [[1 / 6, 1 / 6, 1 / 6], [1 / 6, 1 / 6, 1 / 6]]);
  });

  it("one axis with and without keepdim: values and gradient g/n", () => {
    const x = x6();
    const y0 = x.mean(0);
    expectClose(y0, [(1 + 4) / 2, (2 + 5) / 2, (3 + 6) / 2]);
    expectClose(grad(y0, x, { gradOutputs: tensor([2, 4, 6]) }), [[1, 2, 3], [1, 2, 3]]);
    const y1 = mean(x, 1, true);
    expectClose(y1, [[6 / 3], [15 / 3]]);
    expectClose(grad(y1, x, { gradOutputs: tensor([[3], [6]]) }), [[1, 1, 1], [2, 2, 2]]);
  });

  it("several axes [0, 2] of [2, 2, 2]: n = 4", () => {
    const x = leaf([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    const y = x.mean([0, 2]);
    expectClose(y, [(1 + 2 + 5 + 6) / 4, (3 + 4 + 7 + 8) / 4]);
    expectClose(grad(y, x, { gradOutputs: tensor([4, -8]) }), [[[1, 1], [-2, -2]], [[1, 1], [-2, -2]]]);
  });

  it("a scalar: its mean is itself with gradient 1", () => {
    const x = leaf(-2);
    expectClose(x.mean(), -2);
    expectClose(grad(x.mean(), x), 1);
  });

  it("gradcheck over one, several and all axes", () => {
    const x = randLeaf([2, 3, 2], 1);
    const cases: [Axis, boolean][] = [[undefined, false], [1, false], [[0, 2], true], [-1, true]];
    for (const [axis, keepdim] of cases) expect(gradcheck((t) => t.mean(axis, keepdim), [x])).toBe(true);
  });

  it("gradgradcheck: second order through mean(x)² over axes", () => {
    expect(gradgradcheck((t) => t.mean([0, 2], true).pow(2), [randLeaf([2, 3, 2], 2)])).toBe(true);
  });

  it("property: mean = sum / n and ∂x[i] = c[j(i)] / n for random shapes, axes and keepdim (index reference)", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(0, 4, 3)), ({ shape, axis, axes, keepdim }) => {
        const x = randLeaf(shape, 3 + axes.length);
        const y = x.mean(axis, keepdim);
        expect([...y.shape]).toEqual(reducedShapeRef(shape, axes, keepdim));
        const n = axes.reduce((p, a) => p * shape[a], 1);
        const idx = reduceIndex(shape, axes);
        const want = new Array<number>(y.size).fill(0);
        idx.forEach((j, i) => (want[j] += x.data[i]));
        // an n-term sum (2n·u₆₄·Σ|x| between orders) then one division
        want.forEach((w, j) => expect(Math.abs(y.data[j] - w / n)).toBeLessThanOrEqual((2 * n + 2) * U64 * maxAbs(x)));
        const c = randLeaf(y.shape, 8).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        idx.forEach((j, i) => expect(g.data[i]).toBe(c.data[j] / n));
      }),
      { numRuns: 80 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, axes, keepdim and directions", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(0, 3, 4)), seedArb, ({ shape, axis, keepdim }, seed) =>
        checkVjp((t) => t.mean(axis, keepdim), [randLeaf(shape, seed)], { seed })),
      { numRuns: 50 },
    );
  });

  it("float32: an n-term mean is within (n + 1)·u₃₂·max|x|; the gradient g/n is float32 with one rounding", () => {
    const x = randLeaf([4, 50], 3);
    for (const axis of [0, 1, undefined]) {
      const { y32, y64, g32, g64 } = runBothDtypes((t) => t.mean(axis), [x]);
      const n = axis === 0 ? 4 : axis === 1 ? 50 : 200;
      expectFloat32Near(y32, y64, n + 1, n * maxAbs(x));
      expectFloat32Near(g32[0], g64[0], 1);
    }
  });
});
