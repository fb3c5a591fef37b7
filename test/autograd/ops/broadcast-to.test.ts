import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { broadcastTo } from "../../../src/autograd/ops/broadcast-to.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  broadcastPairArb, broadcastRef, broadcastShapeRef, expectClose, expectExact, expectFloat32Near, expectOpError,
  leaf, maxAbs, numel, randLeaf, runBothDtypes, seedArb, sumToRef, U64,
} from "./helpers.ts";

/** A shape and a larger one it broadcasts to. */
const pairArb = broadcastPairArb(3, 3).map(([a, b]) => ({ from: b.length <= a.length ? b : a, to: broadcastShapeRef(a, b) }));

describe("broadcastTo: x repeated along broadcast dimensions;  ∂x = sumTo(g, x.shape)", () => {
  it("[3] → [2, 3]: rows repeat; the gradient sums the rows of g", () => {
    const x = leaf([1, 2, 3]);
    const y = x.broadcastTo([2, 3]);
    expectExact(y, [[1, 2, 3], [1, 2, 3]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) }), [1 + 4, 2 + 5, 3 + 6]);
  });

  it("[2, 1] → [2, 3]: columns repeat; the gradient sums along each row", () => {
    const x = leaf([[1], [2]]);
    const y = broadcastTo(x, [2, 3]);
    expectExact(y, [[1, 1, 1], [2, 2, 2]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) }), [[1 + 2 + 3], [4 + 5 + 6]]);
  });

  it("a scalar → [2, 2]: its gradient is Σ g", () => {
    const x = leaf(5);
    const y = x.broadcastTo([2, 2]);
    expectExact(y, [[5, 5], [5, 5]]);
    expectClose(grad(y, x, { gradOutputs: tensor([[1, 2], [3, 4]]) }), 1 + 2 + 3 + 4);
  });

  it("to its own shape it is the same tensor", () => {
    const x = leaf([1, 2]);
    expect(x.broadcastTo([2])).toBe(x);
  });

  it("incompatible shapes are ShapeErrors naming both", () => {
    expectOpError(() => leaf([1, 2, 3]).broadcastTo([2, 2]), ShapeError, "broadcastTo", "[3]", "[2, 2]");
  });

  it("gradcheck (linear in x: there is no second derivative to check)", () => {
    expect(gradcheck((t) => t.broadcastTo([2, 3, 4]), [randLeaf([3, 1], 1)])).toBe(true);
    expect(gradcheck((t) => t.broadcastTo([2, 3]).mul(t), [randLeaf([3], 2)])).toBe(true);
  });

  it("gradgradcheck: second order through broadcastTo(x)·x (its rule, sumTo, is recorded under createGraph)", () => {
    expect(gradgradcheck((t) => t.broadcastTo([2, 3]).mul(t).pow(2), [randLeaf([3], 3)])).toBe(true);
  });

  it("property: y[k] = x[ix(k)] exactly, and ∂x[j] = Σ_{k: ix(k)=j} c[k] (index reference)", () => {
    fc.assert(
      fc.property(pairArb, ({ from, to }) => {
        const x = randLeaf(from, 1);
        const y = x.broadcastTo(to);
        expect([...y.shape]).toEqual(to);
        expect(Array.from(y.data)).toEqual(broadcastRef(x.data, from, to));
        const c = randLeaf(to, 2).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        const want = sumToRef(c.data, to, from);
        const m = numel(to) / Math.max(numel(from), 1);
        // two orders of an m-term sum
        want.forEach((w, j) => expect(Math.abs(g.data[j] - w)).toBeLessThanOrEqual(2 * m * U64 * m * maxAbs(c)));
      }),
      { numRuns: 80 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random broadcasts and directions", () => {
    fc.assert(
      fc.property(pairArb, seedArb, ({ from, to }, seed) => checkVjp((t) => t.broadcastTo(to), [randLeaf(from, seed)], { seed })),
      { numRuns: 40 },
    );
  });

  it("float32: values are copied exactly; the gradient is a float32 sum of m terms", () => {
    const { y32, y64, g32, g64, v } = runBothDtypes((t) => t.broadcastTo([5, 3]), [randLeaf([3], 5)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 5, 5 * maxAbs(v));
  });
});
