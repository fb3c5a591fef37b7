import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logSoftmax } from "../../../src/autograd/ops/log-softmax.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  expectClose, expectFloat32Near, leaf, maxAbs, randLeaf, reduceIndex, runBothDtypes, seedArb, shapeArb, U64,
} from "./helpers.ts";

const axisCase = shapeArb(1, 3, 4).chain((shape) =>
  fc.integer({ min: -shape.length, max: shape.length - 1 }).map((axis) => ({ shape, axis, a: axis < 0 ? axis + shape.length : axis })),
);

describe("logSoftmax: y = x − log Σ eˣ along an axis;  ∂x = g − eʸ·Σ g", () => {
  it("logSoftmax([0, ln 2, ln 3]) = log([1, 2, 3]/6), ∂x = g − [1, 2, 3]/6 · Σ g", () => {
    const x = leaf([0, Math.log(2), Math.log(3)]);
    const y = x.logSoftmax();
    expectClose(y, [-Math.log(6), Math.log(2) - Math.log(6), Math.log(3) - Math.log(6)], 8, 2);
    const sumG = 1 + 2 + 3;
    expectClose(grad(y, x, { gradOutputs: tensor([1, 2, 3]) }), [1 - sumG / 6, 2 - (2 * sumG) / 6, 3 - (3 * sumG) / 6], 8, 6);
  });

  it("along axis 0 of a [2, 2] matrix, and the cross-entropy gradient softmax − onehot", () => {
    const x = leaf([[0, Math.log(3)], [0, 0]]);
    const y = logSoftmax(x, 0);
    expectClose(y, [[Math.log(1 / 2), Math.log(3 / 4)], [Math.log(1 / 2), Math.log(1 / 4)]], 8, 1);
    // −log p of class 1 in column 0: ∂x = softmax − onehot
    expectClose(grad(y, x, { gradOutputs: tensor([[0, 0], [-1, 0]]) }), [[1 / 2, 0], [1 / 2 - 1, 0]], 8, 1);
  });

  it("stable for large inputs: logSoftmax([1000, 0]) = [0, −1000] and [1000, 1000] gives −ln 2 each", () => {
    const x = leaf([[1000, 0], [1000, 1000]]);
    const y = x.logSoftmax(1);
    // x − lse: lse ≈ 1000.69 carries an absolute error up to u₆₄·1000, which the difference keeps.
    expectClose(y, [[0, -1000], [-Math.LN2, -Math.LN2]], 4, 1000);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 0], [1, 0]]) }), [[0, 0], [1 / 2, -1 / 2]], 4, 1000);
  });

  it("a scalar: logSoftmax of shape [] is 0 with gradient 0", () => {
    const x = leaf(2.5);
    expectClose(x.logSoftmax(), 0);
    expectClose(grad(x.logSoftmax(), x), 0);
  });

  it("gradcheck and gradgradcheck along each axis", () => {
    const x = randLeaf([2, 3, 2], 1);
    for (const axis of [0, 1, -1]) {
      expect(gradcheck((t) => t.logSoftmax(axis), [x])).toBe(true);
      expect(gradgradcheck((t) => t.logSoftmax(axis), [x])).toBe(true);
    }
  });

  it("property: logSoftmax(x) = x − logsumexp(x, axis, keepdim) and exp(logSoftmax(x)) = softmax(x)", () => {
    fc.assert(
      fc.property(axisCase, seedArb, ({ shape, axis, a }, seed) => {
        const x = randLeaf(shape, seed, 30);
        const y = x.logSoftmax(axis);
        const ref = x.sub(x.logsumexp(axis, true));
        const n = shape[a];
        const scale = maxAbs(x) + Math.log(n) + 1;
        for (let i = 0; i < y.size; i++) expect(Math.abs(y.data[i] - ref.data[i])).toBeLessThanOrEqual((n + 6) * U64 * 2 * scale);
        const p = y.exp();
        const s = x.softmax(axis);
        // exp turns an absolute error e in y into a relative one of e
        for (let i = 0; i < y.size; i++) expect(Math.abs(p.data[i] - s.data[i])).toBeLessThanOrEqual((n + 8) * U64 * 4 * scale);
      }),
      { numRuns: 50 },
    );
  });

  it("property: ∂x = c − softmax(x)·Σ_axis c, from an independent softmax reference", () => {
    fc.assert(
      fc.property(axisCase, seedArb, ({ shape, axis, a }, seed) => {
        const x = randLeaf(shape, seed, 3);
        const c = randLeaf(shape, seed + 1).detach();
        const g = grad(x.logSoftmax(axis), x, { gradOutputs: c }) as Tensor;
        const idx = reduceIndex(shape, [a]);
        const slices = Math.max(...idx) + 1;
        const m = new Array<number>(slices).fill(-Infinity);
        idx.forEach((j, i) => (m[j] = Math.max(m[j], x.data[i])));
        const s = new Array<number>(slices).fill(0);
        const cs = new Array<number>(slices).fill(0);
        idx.forEach((j, i) => ((s[j] += Math.exp(x.data[i] - m[j])), (cs[j] += c.data[i])));
        const n = shape[a];
        idx.forEach((j, i) => {
          const want = c.data[i] - (Math.exp(x.data[i] - m[j]) / s[j]) * cs[j];
          expect(Math.abs(g.data[i] - want)).toBeLessThanOrEqual((2 * n + 16) * U64 * 2 * n * maxAbs(c) * (maxAbs(x) + 2));
        });
      }),
      { numRuns: 50 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, axes and directions", () => {
    fc.assert(
      fc.property(axisCase, seedArb, ({ shape, axis }, seed) => checkVjp((t) => t.logSoftmax(axis), [randLeaf(shape, seed, 2)], { seed })),
      { numRuns: 50 },
    );
  });

  it("float32: y rounds once from a float64 computation (relative to max(|y|, 1)); gradients float32", () => {
    const x = randLeaf([3, 5], 2);
    for (const axis of [0, 1]) {
      const { y32, y64, g32, g64, v } = runBothDtypes((t) => t.logSoftmax(axis), [x]);
      expectFloat32Near(y32, y64, 1, 1);
      // g − e^y·Σg: exp of a rounded y (error u₃₂·|y|), an n-term sum, a product and a difference
      const n = axis === 0 ? 3 : 5;
      expectFloat32Near(g32[0], g64[0], n + 4 + maxAbs(y64), n * maxAbs(v));
    }
  });
});
