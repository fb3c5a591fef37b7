import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sumTo } from "../../../src/autograd/ops/sum-to.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  broadcastPairArb, broadcastRef, broadcastShapeRef, expectClose, expectExact, expectFloat32Near, expectOpError,
  leaf, maxAbs, numel, randLeaf, runBothDtypes, seedArb, sumToRef, U64,
} from "./helpers.ts";

const pairArb = broadcastPairArb(3, 3).map(([a, b]) => ({ to: b.length <= a.length ? b : a, from: broadcastShapeRef(a, b) }));

describe("sumTo: Σ over the dimensions broadcasting added;  ∂x = broadcastTo(g, x.shape)", () => {
  it("[2, 3] → [3]: the sum of the rows; the gradient repeats g over the rows", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    const y = x.sumTo([3]);
    expectClose(y, [1 + 4, 2 + 5, 3 + 6]);
    expectExact(grad(y, x, { gradOutputs: tensor([1, 2, 3]) }), [[1, 2, 3], [1, 2, 3]]);
  });

  it("[2, 3] → [2, 1] and → [1, 3]: sums along kept size-1 axes", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    expectClose(sumTo(x, [2, 1]), [[1 + 2 + 3], [4 + 5 + 6]]);
    const y = x.sumTo([1, 3]);
    expectClose(y, [[5, 7, 9]]);
    expectExact(grad(y, x, { gradOutputs: tensor([[1, 2, 3]]) }), [[1, 2, 3], [1, 2, 3]]);
  });

  it("to a scalar [] it is the total; to its own shape it is the same tensor", () => {
    const x = leaf([[1, 2], [3, 4]]);
    const y = x.sumTo([]);
    expectClose(y, 10);
    expectExact(grad(y, x), [[1, 1], [1, 1]]);
    expect(x.sumTo([2, 2])).toBe(x);
  });

  it("a target that does not broadcast to x's shape is a ShapeError naming both", () => {
    expectOpError(() => leaf([[1, 2, 3]]).sumTo([2]), ShapeError, "sumTo", "[2]", "[1, 3]");
  });

  it("gradcheck", () => {
    expect(gradcheck((t) => t.sumTo([3, 1]), [randLeaf([2, 3, 4], 1)])).toBe(true);
    expect(gradcheck((t) => t.sumTo([1]).mul(t), [randLeaf([2, 2], 2)])).toBe(true);
  });

  it("gradgradcheck: second order through sumTo(x)² (its rule, broadcastTo, is recorded under createGraph)", () => {
    expect(gradgradcheck((t) => t.sumTo([3, 1]).pow(2), [randLeaf([2, 3, 4], 3)])).toBe(true);
  });

  it("property: y[j] = Σ_{k ↦ j} x[k] and ∂x[k] = c[j(k)] exactly (index reference)", () => {
    fc.assert(
      fc.property(pairArb, ({ from, to }) => {
        const x = randLeaf(from, 1);
        const y = x.sumTo(to);
        expect([...y.shape]).toEqual(to);
        const want = sumToRef(x.data, from, to);
        const m = numel(from) / Math.max(numel(to), 1);
        want.forEach((w, j) => expect(Math.abs(y.data[j] - w)).toBeLessThanOrEqual(2 * m * U64 * m * maxAbs(x)));
        const c = randLeaf(to, 2).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        expect(Array.from(g.data)).toEqual(broadcastRef(c.data, to, from));
      }),
      { numRuns: 80 },
    );
  });

  it("property: sumTo is the adjoint of broadcastTo: ⟨sumTo(a), b⟩ = ⟨a, broadcastTo(b)⟩", () => {
    fc.assert(
      fc.property(pairArb, ({ from, to }) => {
        const a = randLeaf(from, 3);
        const b = randLeaf(to, 4);
        const lhs = a.sumTo(to).mul(b).sum().item();
        const rhs = a.mul(b.broadcastTo(from)).sum().item();
        const n = numel(from);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(4 * n * U64 * n * maxAbs(a) * maxAbs(b));
      }),
      { numRuns: 40 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random shapes and directions", () => {
    fc.assert(
      fc.property(pairArb, seedArb, ({ from, to }, seed) => checkVjp((t) => t.sumTo(to), [randLeaf(from, seed)], { seed })),
      { numRuns: 40 },
    );
  });

  it("float32: an m-term sum within m·u₃₂·m·max|x|; the gradient is a float32 copy", () => {
    const x = randLeaf([6, 4], 5);
    const { y32, y64, g32, g64 } = runBothDtypes((t) => t.sumTo([4]), [x]);
    expectFloat32Near(y32, y64, 6, 6 * maxAbs(x));
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
