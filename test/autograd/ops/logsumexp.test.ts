import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logsumexp } from "../../../src/autograd/ops/logsumexp.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import type { Axis } from "../../../src/autograd/shape.ts";
import {
  axisCaseArb, expectClose, expectFloat32Near, maxAbs, leaf, randLeaf, reduceIndex, reducedShapeRef, runBothDtypes,
  seedArb, shapeArb, U64,
} from "./helpers.ts";

describe("logsumexp: log Σ eˣ over axes;  ∂x = g·e^(x − out) (the softmax)", () => {
  it("log(1 + 2 + 3) = ln 6 with gradient g·[1, 2, 3]/6", () => {
    const x = leaf([0, Math.log(2), Math.log(3)]);
    const y = x.logsumexp();
    expectClose(y, Math.log(6));
    expectClose(grad(y, x, { gradOutputs: 2 }), [2 / 6, (2 * 2) / 6, (2 * 3) / 6]);
  });

  it("one axis with keepdim, and several axes", () => {
    const x = leaf([[0, 0], [Math.log(3), 0]]);
    const y = logsumexp(x, 1, true);
    expectClose(y, [[Math.log(2)], [Math.log(4)]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1], [4]]) }), [[1 / 2, 1 / 2], [3, 1]]);
    const z = leaf([[[0, 0], [0, 0]], [[0, 0], [0, 0]]]).logsumexp([0, 2]);
    expectClose(z, [Math.log(4), Math.log(4)]);
  });

  it("stable for large inputs: ±1000 do not overflow or underflow", () => {
    const x = leaf([[1000, 1000], [-1000, -1000], [1000, 0]]);
    const y = x.logsumexp(1);
    expectClose(y, [1000 + Math.LN2, -1000 + Math.LN2, 1000]);
    // e^(x − out): out carries an absolute error up to u₆₄·1000, which exp turns into a relative one.
    expectClose(grad(y, x, { gradOutputs: tensor([1, 1, 1]) }), [[0.5, 0.5], [0.5, 0.5], [1, 0]], 4, 1000);
  });

  it("a scalar: logsumexp of shape [] is itself with gradient 1", () => {
    const x = leaf(-0.7);
    expectClose(x.logsumexp(), -0.7);
    expectClose(grad(x.logsumexp(), x), 1);
  });

  it("gradcheck and gradgradcheck over one, several and all axes", () => {
    const x = randLeaf([2, 3, 2], 1);
    const cases: [Axis, boolean][] = [[undefined, false], [1, false], [[0, 2], true], [-1, true]];
    for (const [axis, keepdim] of cases) {
      expect(gradcheck((t) => t.logsumexp(axis, keepdim), [x])).toBe(true);
      expect(gradgradcheck((t) => t.logsumexp(axis, keepdim), [x])).toBe(true);
    }
  });

  it("property: y = m + log Σ e^(x−m) and ∂x = c·e^(x − y) for random shapes, axes, keepdim, values up to ±500", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(0, 3, 4)), seedArb, ({ shape, axis, axes, keepdim }, seed) => {
        const x = randLeaf(shape, seed, 100);
        const y = x.logsumexp(axis, keepdim);
        expect([...y.shape]).toEqual(reducedShapeRef(shape, axes, keepdim));
        const idx = reduceIndex(shape, axes);
        const m = new Array<number>(y.size).fill(-Infinity);
        idx.forEach((j, i) => (m[j] = Math.max(m[j], x.data[i])));
        const s = new Array<number>(y.size).fill(0);
        idx.forEach((j, i) => (s[j] += Math.exp(x.data[i] - m[j])));
        const n = x.size / Math.max(y.size, 1);
        // log of a sum of n terms in [0, 1] with one term 1: error ≤ (n + 2)·u₆₄ in the log, plus u₆₄·|y| for the
        // final add; engine and reference each, hence the factor 2.
        s.forEach((sj, j) => {
          const want = m[j] + Math.log(sj);
          expect(Math.abs(y.data[j] - want)).toBeLessThanOrEqual(2 * (n + 4) * U64 * Math.max(Math.abs(want), 1));
        });
        const c = randLeaf(y.shape, seed + 1).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        idx.forEach((j, i) => {
          const p = Math.exp(x.data[i] - m[j]) / s[j];
          // exp turns an absolute error in its argument into a relative one: the engine's x − y carries
          // u₆₄·(|y| + |x − y| + n + 4), the reference's x − m u₆₄·|x − m|; then exp, /s, ·c add (n + 4)·u₆₄.
          const arg = Math.abs(y.data[j]) + 2 * Math.abs(x.data[i] - m[j]) + 2 * n + 12;
          expect(Math.abs(g.data[i] - c.data[j] * p)).toBeLessThanOrEqual(arg * U64 * Math.abs(c.data[j]));
        });
      }),
      { numRuns: 60 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes, axes, keepdim and directions", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(0, 3, 4)), seedArb, ({ shape, axis, keepdim }, seed) =>
        checkVjp((t) => t.logsumexp(axis, keepdim), [randLeaf(shape, seed, 2)], { seed })),
      { numRuns: 50 },
    );
  });

  it("property: logsumexp(x + s) = logsumexp(x) + s (shift equivariance), and its gradient sums to c per slice", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(1, 3, 4)), fc.double({ min: -700, max: 700, noNaN: true }), ({ shape, axes }, s) => {
        const x = randLeaf(shape, 3);
        const a = x.add(s).logsumexp(axes);
        const b = x.logsumexp(axes).add(s);
        const n = x.size / a.size;
        for (let j = 0; j < a.size; j++) {
          expect(Math.abs(a.data[j] - b.data[j])).toBeLessThanOrEqual((n + 8) * U64 * (Math.abs(s) + maxAbs(x) + 4));
        }
        const g = grad(a, x, { gradOutputs: tensor(new Float64Array(a.size).fill(1), { shape: a.shape }) }) as Tensor;
        const totals = new Array<number>(a.size).fill(0);
        reduceIndex(shape, axes).forEach((j, i) => (totals[j] += g.data[i]));
        // Σ softmax = 1, with an error from the exponent's rounding (≤ u₆₄·(|s| + …)) and the sum
        totals.forEach((t) => expect(Math.abs(t - 1)).toBeLessThanOrEqual((2 * n + 8) * U64 * (Math.abs(s) + maxAbs(x) + 4)));
      }),
      { numRuns: 40 },
    );
  });

  it("float32: one rounding of a value computed in float64 (relative to max(|y|, 1)); the gradient is float32", () => {
    const x = randLeaf([3, 5], 2);
    for (const axis of [0, 1, undefined]) {
      const { y32, y64, g32, g64 } = runBothDtypes((t) => t.logsumexp(axis), [x]);
      expectFloat32Near(y32, y64, 1, 1);
      // e^(x − y): x − y rounds (an absolute error u₃₂·|x − y| in the exponent), exp rounds, ×g rounds
      const spread = maxAbs(x) + maxAbs(y64);
      expectFloat32Near(g32[0], g64[0], 2 + 2 * spread);
    }
  });
});
