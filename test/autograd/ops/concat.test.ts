import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concat, stack } from "../../../src/autograd/ops/concat.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ArgumentError, ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  expectExact, expectFloat32Near, expectOpError, leaf, numel, randLeaf, runBothDtypes, seedArb, shapeArb,
} from "./helpers.ts";

/** 1 to 4 tensors that agree on every axis but `axis`. */
const concatCase = shapeArb(1, 3, 3).chain((shape) =>
  fc.tuple(fc.integer({ min: 0, max: shape.length - 1 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([axis, sizes, negative]) => ({
      shapes: sizes.map((s) => shape.map((d, i) => (i === axis ? s : d))),
      axis,
      written: negative ? axis - shape.length : axis,
    })),
);

/** The element at multi-index `idx` of a row-major tensor. */
const at = (t: Tensor, idx: readonly number[]) => t.data[idx.reduce((o, c, d) => o * t.shape[d] + c, 0)];

function unravel(k: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = k % shape[d];
    k = Math.floor(k / shape[d]);
  }
  return idx;
}

describe("concat/stack: [x₀ | x₁ | …] along an axis;  ∂xᵢ = the slice of g at xᵢ's place", () => {
  it("axis 0 of [1, 2] and [2, 2]: rows appended; gradients are the matching rows of g", () => {
    const a = leaf([[1, 2]]);
    const b = leaf([[3, 4], [5, 6]]);
    const y = concat([a, b]);
    expectExact(y, [[1, 2], [3, 4], [5, 6]]);
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([[10, 20], [30, 40], [50, 60]]) });
    expectExact(ga, [[10, 20]]);
    expectExact(gb, [[30, 40], [50, 60]]);
  });

  it("axis −1 of [2, 1] and [2, 2]: columns appended", () => {
    const a = leaf([[1], [2]]);
    const b = leaf([[3, 4], [5, 6]]);
    const y = concat([a, b], -1);
    expectExact(y, [[1, 3, 4], [2, 5, 6]]);
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([[1, 2, 3], [4, 5, 6]]) });
    expectExact(ga, [[1], [4]]);
    expectExact(gb, [[2, 3], [5, 6]]);
  });

  it("the same tensor twice: both slices of g add up in its gradient", () => {
    const a = leaf([1, 2]);
    const y = concat([a, a]);
    expectExact(y, [1, 2, 1, 2]);
    expectExact(grad(y, a, { gradOutputs: tensor([1, 2, 3, 4]) }), [1 + 3, 2 + 4]);
  });

  it("stack of scalars and of vectors along a new axis (0 and −1)", () => {
    const s = [leaf(1), leaf(2), leaf(3)];
    const y = stack(s);
    expectExact(y, [1, 2, 3]);
    expectExact(grad(y, s[1], { gradOutputs: tensor([4, 5, 6]) }), 5);
    const a = leaf([1, 2]);
    const b = leaf([3, 4]);
    const z = stack([a, b], -1);
    expectExact(z, [[1, 3], [2, 4]]);
    const [ga, gb] = grad(z, [a, b], { gradOutputs: tensor([[1, 2], [3, 4]]) });
    expectExact(ga, [1, 3]);
    expectExact(gb, [2, 4]);
  });

  it("mixed float32 and float64 promote to float64; each gradient comes back in its input's dtype", () => {
    const a = tensor([1, 2], { dtype: "float32", requiresGrad: true });
    const b = leaf([3]);
    const y = concat([a, b]);
    expect(y.dtype).toBe("float64");
    const [ga, gb] = grad(y, [a, b], { gradOutputs: tensor([0.5, 0.25, 2]) });
    expect(ga?.dtype).toBe("float32");
    expectExact(ga, [0.5, 0.25]);
    expectExact(gb, [2]);
  });

  it("mismatched shapes and empty lists are errors naming concat or stack", () => {
    expectOpError(() => concat([leaf([[1, 2]]), leaf([[1, 2, 3]])]), ShapeError, "concat", "[1, 2]", "[1, 3]");
    expectOpError(() => concat([]), ArgumentError, "concat");
    expectOpError(() => stack([leaf([1]), leaf([1, 2])]), ShapeError, "stack", "[1]", "[2]");
  });

  it("stack's axis is checked against the result's rank: −3 and 2 are out of range for vectors (not wrapped twice)", () => {
    const xs = [leaf([1, 2]), leaf([3, 4])];
    expectOpError(() => stack(xs, -3), ShapeError, "stack", "-3", "-2 to 1");
    expectOpError(() => stack(xs, 2), ShapeError, "stack", "2", "-2 to 1");
    expectExact(stack(xs, -2), [[1, 2], [3, 4]]);
    expectExact(stack(xs, -1), [[1, 3], [2, 4]]);
  });

  it("gradcheck through concat and stack", () => {
    expect(gradcheck((a, b) => concat([a, b, a], 1), [randLeaf([2, 1], 1), randLeaf([2, 3], 2)])).toBe(true);
    expect(gradcheck((a, b) => stack([a, b], 1).mul(stack([b, a], 1)), [randLeaf([2, 3], 3), randLeaf([2, 3], 4)])).toBe(true);
  });

  it("gradgradcheck: second order through concat and stack of products", () => {
    expect(gradgradcheck((a, b) => concat([a.mul(b), b.pow(2)], 0), [randLeaf([2, 3], 5), randLeaf([2, 3], 6)])).toBe(true);
    expect(gradgradcheck((a, b) => stack([a, b], -1).pow(3), [randLeaf([2], 7), randLeaf([2], 8)])).toBe(true);
  });

  it("property: y at index i along the axis reads the input that covers i, and each ∂xᵢ is g read the same way", () => {
    fc.assert(
      fc.property(concatCase, ({ shapes, axis, written }) => {
        const xs = shapes.map((s, i) => randLeaf(s, i + 1));
        const y = concat(xs, written);
        const total = shapes.reduce((n, s) => n + s[axis], 0);
        expect(y.shape[axis]).toBe(total);
        const owner = (i: number) => {
          let off = 0;
          for (let t = 0; t < shapes.length; t++) {
            if (i < off + shapes[t][axis]) return { t, local: i - off };
            off += shapes[t][axis];
          }
          throw new Error("unreachable");
        };
        const c = randLeaf(y.shape, 9).detach();
        const gs = grad(y, xs, { gradOutputs: c, allowUnused: true });
        for (let k = 0; k < y.size; k++) {
          const idx = unravel(k, y.shape);
          const { t, local } = owner(idx[axis]);
          const src = [...idx];
          src[axis] = local;
          expect(y.data[k]).toBe(at(xs[t], src));
          expect(at(gs[t] as Tensor, src)).toBe(c.data[k]);
        }
        gs.forEach((g, t) => expect(g?.size ?? 0).toBe(numel(shapes[t])));
      }),
      { numRuns: 80 },
    );
  });

  it("property: stack(xs, a) = concat(unsqueeze(xs, a), a), and select(stack(xs, a), a, i) = xs[i]", () => {
    fc.assert(
      fc.property(shapeArb(0, 3, 3).chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: -s.length - 1, max: s.length }), fc.integer({ min: 1, max: 3 }))), ([s, a, n]) => {
        const xs = Array.from({ length: n }, (_, i) => randLeaf(s, i + 1));
        const y = stack(xs, a);
        expect(Array.from(y.data)).toEqual(Array.from(concat(xs.map((x) => x.unsqueeze(a)), a < 0 ? a + s.length + 1 : a).data));
        xs.forEach((x, i) => expect(Array.from(y.select(a < 0 ? a + s.length + 1 : a, i).data)).toEqual(Array.from(x.data)));
      }),
      { numRuns: 40 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random concatenations and directions", () => {
    fc.assert(
      fc.property(concatCase, seedArb, ({ shapes, written }, seed) =>
        checkVjp((...xs) => concat(xs, written), shapes.map((s, i) => randLeaf(s, seed + i)), { seed })),
      { numRuns: 40 },
    );
  });

  it("float32: concatenation copies float32 values and gradients exactly", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((a, b) => concat([a, b], 1), [randLeaf([2, 2], 5), randLeaf([2, 3], 6)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
    expectFloat32Near(g32[1], g64[1], 0);
  });
});
