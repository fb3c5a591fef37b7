import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reshape, squeeze, unsqueeze } from "../../../src/autograd/ops/reshape.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  expectExact, expectFloat32Near, expectOpError, leaf, numel, randLeaf, runBothDtypes, seedArb, shapeArb,
} from "./helpers.ts";

/** A shape, and another with the same element count (the same factors regrouped), one entry maybe written −1. */
const reshapeCase = shapeArb(0, 4, 4).chain((shape) => {
  const n = numel(shape);
  const factors: number[] = [];
  let r = n;
  for (let p = 2; r > 1; p++) while (r % p === 0) (factors.push(p), (r /= p));
  return fc.tuple(fc.shuffledSubarray(factors, { minLength: factors.length, maxLength: factors.length }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.nat())
    .map(([fs, ones, minus, at]) => {
      const to: number[] = [];
      fs.forEach((f, i) => (i > 0 && (i + at) % 2 === 0 ? (to[to.length - 1] *= f) : to.push(f)));
      for (let i = 0; i < ones; i++) to.splice((at + i) % (to.length + 1), 0, 1);
      const written = [...to];
      if (minus && to.length > 0) written[at % to.length] = -1;
      return { shape, to, written };
    });
});

describe("reshape: the same values in another shape (a view);  ∂x = reshape(g, x.shape)", () => {
  it("[2, 3] → [3, 2] keeps row-major order, and the gradient comes back in [2, 3]", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    const y = x.reshape([3, 2]);
    expectExact(y, [[1, 2], [3, 4], [5, 6]]);
    expectExact(grad(y, x, { gradOutputs: tensor([[10, 20], [30, 40], [50, 60]]) }), [[10, 20, 30], [40, 50, 60]]);
  });

  it("−1 takes the remaining size: [2, 3] → [−1] is [6], → [3, −1] is [3, 2], → [1, −1, 1] is [1, 6, 1]", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    expect([...x.reshape([-1]).shape]).toEqual([6]);
    expect([...x.reshape([3, -1]).shape]).toEqual([3, 2]);
    expect([...reshape(x, [1, -1, 1]).shape]).toEqual([1, 6, 1]);
    expect([...x.flatten().shape]).toEqual([6]);
  });

  it("a scalar: [] ↔ [1, 1] ↔ [] with gradient 1", () => {
    const x = leaf(4);
    const y = x.reshape([1, 1]);
    expectExact(y, [[4]]);
    const z = y.reshape([]);
    expectExact(z, 4);
    expectExact(grad(z, x), 1);
  });

  it("shares storage and version with its input: an in-place change shows through and bumps both", () => {
    const x = leaf([1, 2, 3, 4]);
    const y = x.reshape([2, 2]);
    expect(y.data).toBe(x.data);
    x.data[0] = 9;
    expect(y.data[0]).toBe(9);
    const before = y.version;
    x.bumpVersion();
    expect(y.version).toBe(before + 1);
  });

  it("wrong sizes and two −1s are ShapeErrors that name reshape and both shapes", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    expectOpError(() => x.reshape([4, 2]), ShapeError, "reshape", "[2, 3]", "[4, 2]");
    expectOpError(() => x.reshape([-1, -1]), ShapeError, "reshape", "-1");
    expectOpError(() => x.reshape([4, -1]), ShapeError, "reshape", "[2, 3]", "[4, -1]");
  });

  it("squeeze drops size-1 axes (all, or the ones named); unsqueeze inserts one; gradients come back in x's shape", () => {
    const x = leaf([[[1], [2], [3]]]); // [1, 3, 1]
    expectExact(x.squeeze(), [1, 2, 3]);
    expectExact(squeeze(x, 0), [[1], [2], [3]]);
    expectExact(x.squeeze(-1), [[1, 2, 3]]);
    expectExact(x.squeeze(1), [[[1], [2], [3]]]); // size 3: kept, as PyTorch
    const y = unsqueeze(x.squeeze(), 0);
    expectExact(y, [[1, 2, 3]]);
    expect([...x.squeeze().unsqueeze(-1).shape]).toEqual([3, 1]);
    expectExact(grad(y, x, { gradOutputs: tensor([[4, 5, 6]]) }), [[[4], [5], [6]]]);
    expectOpError(() => x.unsqueeze(5), ShapeError, "unsqueeze", "5", "[1, 3, 1]");
    expectOpError(() => x.squeeze(3), ShapeError, "squeeze", "3", "[1, 3, 1]");
  });

  it("gradgradcheck: the rule is itself differentiable, so second order through reshape(x)·reshape(x) is right", () => {
    expect(gradgradcheck((t) => t.reshape([3, 2]).mul(t.reshape([-1, 2])).unsqueeze(0).squeeze(), [randLeaf([2, 3], 3)])).toBe(true);
  });

  it("gradcheck through reshape, squeeze and unsqueeze", () => {
    expect(gradcheck((t) => t.reshape([3, -1]).mul(t.reshape([3, 2])), [randLeaf([2, 3], 1)])).toBe(true);
    expect(gradcheck((t) => t.unsqueeze(1).squeeze(), [randLeaf([2, 3], 2)])).toBe(true);
  });

  it("property: reshape keeps the flat values bit for bit and resolves −1, and ∂x is c's values in x's shape", () => {
    fc.assert(
      fc.property(reshapeCase, ({ shape, to, written }) => {
        const x = randLeaf(shape, 3);
        const y = x.reshape(written);
        expect([...y.shape]).toEqual(to);
        expect(y.data).toBe(x.data);
        const c = randLeaf(to, 4).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        expect([...g.shape]).toEqual(shape);
        expect(Array.from(g.data)).toEqual(Array.from(c.data));
      }),
      { numRuns: 80 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random reshapes and directions", () => {
    fc.assert(
      fc.property(reshapeCase, seedArb, ({ shape, written }, seed) => checkVjp((t) => t.reshape(written), [randLeaf(shape, seed)], { seed })),
      { numRuns: 40 },
    );
  });

  it("property: unsqueeze(a) then squeeze(a) is the identity for every valid a", () => {
    fc.assert(
      fc.property(shapeArb(0, 3, 3).chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: -s.length - 1, max: s.length }))), ([s, a]) => {
        const x = randLeaf(s, 1);
        const u = x.unsqueeze(a);
        const pos = a < 0 ? a + s.length + 1 : a;
        expect(u.shape[pos]).toBe(1);
        expect([...u.squeeze(pos).shape]).toEqual(s);
      }),
      { numRuns: 40 },
    );
  });

  it("float32: a reshape keeps float32 values and gradients exactly", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((t) => t.reshape([-1]), [randLeaf([2, 3], 5)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
