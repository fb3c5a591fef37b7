import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countOf, expand, reduceForward } from "../../../src/autograd/ops/reduction.ts";
import * as kernels from "../../../src/autograd/kernels/reduce.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ShapeError } from "../../../src/autograd/errors.ts";
import {
  axisCaseArb, broadcastRef, expectExact, expectOpError, randLeaf, reducedShapeRef, reduceIndex, shapeArb,
} from "./helpers.ts";

describe("reduction helpers: the axes a reduction reduces, and how its gradient spreads back", () => {
  it("reduceForward over non-adjacent axes [0, 2] reads each output's elements (the permuted view)", () => {
    const x = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    const { out, attrs, count } = reduceForward("sum", x, [2, -3], false, kernels.sum);
    expectExact(out, [1 + 2 + 5 + 6, 3 + 4 + 7 + 8]);
    expect(attrs).toEqual({ axes: [0, 2], keepdim: false });
    expect(count).toBe(4);
  });

  it("expand spreads a reduced tensor back over the reduced axes, with or without keepdim", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    expectExact(expand(tensor([10, 20]), x, { axes: [1], keepdim: false }), [[10, 10, 10], [20, 20, 20]]);
    expectExact(expand(tensor([[1, 2, 3]]), x, { axes: [0], keepdim: true }), [[1, 2, 3], [1, 2, 3]]);
    expectExact(expand(tensor(7), x, { axes: [0, 1], keepdim: false }), [[7, 7, 7], [7, 7, 7]]);
    expect(countOf(x, [0, 1])).toBe(6);
  });

  it("bad axes are ShapeErrors naming the op", () => {
    expectOpError(() => reduceForward("mean", tensor([1, 2]), 1, false, kernels.sum), ShapeError, "mean", "axis 1", "-1 to 0");
  });

  it("property: expand(g) puts g[j(i)] at every input position i (index reference), and count = Π reduced sizes", () => {
    fc.assert(
      fc.property(axisCaseArb(shapeArb(0, 4, 3)), ({ shape, axes, keepdim }) => {
        const x = randLeaf(shape, 1);
        const g = randLeaf(reducedShapeRef(shape, axes, keepdim), 2);
        const e = expand(g, x, { axes, keepdim });
        expect([...e.shape]).toEqual(shape);
        expect(Array.from(e.data)).toEqual(reduceIndex(shape, axes).map((j) => g.data[j]));
        expect(countOf(x, axes)).toBe(axes.reduce((n, a) => n * shape[a], 1));
        // with keepdim, expand is plain broadcasting
        if (keepdim) expect(Array.from(e.data)).toEqual(broadcastRef(g.data, g.shape, shape));
      }),
      { numRuns: 60 },
    );
  });
});
