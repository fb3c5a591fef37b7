import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { select, slice } from "../../../src/autograd/ops/slice.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ArgumentError, ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  expectExact, expectFloat32Near, expectOpError, leaf, numel, randLeaf, runBothDtypes, seedArb, shapeArb,
} from "./helpers.ts";

/** Python's range(len)[start:end:step] for step ≥ 1: the kept indices. */
function pyRange(n: number, start: number, end: number | undefined, step: number): number[] {
  const norm = (i: number) => Math.min(Math.max(i < 0 ? i + n : i, 0), n);
  const out: number[] = [];
  for (let i = norm(start); i < (end === undefined ? n : norm(end)); i += step) out.push(i);
  return out;
}

const sliceCase = shapeArb(1, 3, 5).chain((shape) =>
  fc.integer({ min: 0, max: shape.length - 1 }).chain((axis) =>
    fc.record({
      shape: fc.constant(shape),
      axis: fc.constant(axis),
      negativeAxis: fc.boolean(),
      start: fc.integer({ min: -shape[axis] - 2, max: shape[axis] + 2 }),
      end: fc.option(fc.integer({ min: -shape[axis] - 2, max: shape[axis] + 2 }), { nil: undefined }),
      step: fc.integer({ min: 1, max: 3 }),
    }),
  ),
);

function unravel(k: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = k % shape[d];
    k = Math.floor(k / shape[d]);
  }
  return idx;
}
const ravel = (idx: readonly number[], shape: readonly number[]) => idx.reduce((o, c, d) => o * shape[d] + c, 0);

describe("slice/select: x[start:end:step] along an axis;  ∂x = g at those positions, zeros elsewhere", () => {
  it("x[1:4] of [0..5]: values and a gradient with zeros outside the slice", () => {
    const x = leaf([0, 1, 2, 3, 4, 5]);
    const y = x.slice(0, 1, 4);
    expectExact(y, [1, 2, 3]);
    expectExact(grad(y, x, { gradOutputs: tensor([10, 20, 30]) }), [0, 10, 20, 30, 0, 0]);
  });

  it("steps: x[::2] and x[1::3]", () => {
    const x = leaf([0, 1, 2, 3, 4, 5, 6]);
    const y = slice(x, 0, 0, undefined, 2);
    expectExact(y, [0, 2, 4, 6]);
    expectExact(grad(y, x, { gradOutputs: tensor([1, 2, 3, 4]) }), [1, 0, 2, 0, 3, 0, 4]);
    expectExact(x.slice(0, 1, undefined, 3), [1, 4]);
  });

  it("negative indices count from the end: x[−3:−1], and out-of-range bounds clamp as in Python", () => {
    const x = leaf([0, 1, 2, 3, 4]);
    const y = x.slice(0, -3, -1);
    expectExact(y, [2, 3]);
    expectExact(grad(y, x, { gradOutputs: tensor([7, 8]) }), [0, 0, 7, 8, 0]);
    expectExact(x.slice(0, -10, 10), [0, 1, 2, 3, 4]);
    expect([...x.slice(0, 4, 2).shape]).toEqual([0]);
  });

  it("along axis 1 of a matrix, with a negative axis", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    const y = x.slice(-1, 1);
    expectExact(y, [[2, 3], [5, 6]]);
    expectExact(grad(y, x, { gradOutputs: tensor([[1, 2], [3, 4]]) }), [[0, 1, 2], [0, 3, 4]]);
  });

  it("select removes the axis; negative index; its gradient is a one-hot row or column of g", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    const r = x.select(0, -1);
    expectExact(r, [4, 5, 6]);
    expectExact(grad(r, x, { gradOutputs: tensor([1, 2, 3]) }), [[0, 0, 0], [1, 2, 3]]);
    const c = select(x, 1, 1);
    expectExact(c, [2, 5]);
    expectExact(grad(c, x, { gradOutputs: tensor([7, 8]) }), [[0, 7, 0], [0, 8, 0]]);
    const s = leaf([9, 8]).select(0, 1);
    expectExact(s, 8);
  });

  it("bad arguments are errors naming slice or select", () => {
    const x = leaf([1, 2, 3]);
    expectOpError(() => x.slice(0, 0, 2, 0), ArgumentError, "slice", "step", "0");
    expectOpError(() => x.slice(0, 0, 2, -1), ArgumentError, "slice", "step", "-1");
    expectOpError(() => x.slice(1, 0), ShapeError, "slice", "axis 1");
    expectOpError(() => x.select(0, 3), ShapeError, "select", "index 3", "[3]");
    expectOpError(() => leaf(1).slice(0, 0), ShapeError, "slice", "[]");
  });

  it("gradcheck: slices with steps and negative starts, and select", () => {
    expect(gradcheck((t) => t.slice(1, -3, undefined, 2), [randLeaf([2, 5], 1)])).toBe(true);
    expect(gradcheck((t) => t.select(0, 1).mul(t.select(0, 0)), [randLeaf([2, 3], 2)])).toBe(true);
  });

  it("gradgradcheck: second order through slices with steps and select", () => {
    expect(gradgradcheck((t) => t.slice(1, -4, undefined, 2).pow(3).add(t.select(0, 1).sum()), [randLeaf([2, 5], 3)])).toBe(true);
  });

  it("second order: the gradient of a slice is itself differentiable (∂ of sliceBackward is a slice)", () => {
    const x = leaf([1, 2, 3, 4]);
    const g = grad(x.slice(0, 1, 3).pow(2).sum(), x, { createGraph: true }) as Tensor;
    expectExact(g, [0, 2 * 2, 2 * 3, 0]);
    expectExact(grad(g.mul(tensor([1, 2, 3, 4])).sum(), x), [0, 2 * 2, 2 * 3, 0]);
  });

  it("property: y[…k…] = x[…idx[k]…] with idx = Python's range(n)[start:end:step], ∂x = c at idx, 0 elsewhere", () => {
    fc.assert(
      fc.property(sliceCase, ({ shape, axis, negativeAxis, start, end, step }) => {
        const x = randLeaf(shape, 1);
        const y = x.slice(negativeAxis ? axis - shape.length : axis, start, end, step);
        const idx = pyRange(shape[axis], start, end, step);
        expect(y.shape[axis]).toBe(idx.length);
        const c = randLeaf(y.shape, 2).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        const expected = new Array<number>(numel(shape)).fill(0);
        for (let k = 0; k < y.size; k++) {
          const at = unravel(k, y.shape);
          at[axis] = idx[at[axis]];
          expect(y.data[k]).toBe(x.data[ravel(at, shape)]);
          expected[ravel(at, shape)] = c.data[k];
        }
        expect(Array.from(g.data)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random slices and directions", () => {
    fc.assert(
      fc.property(sliceCase, seedArb, ({ shape, axis, start, end, step }, seed) =>
        checkVjp((t) => t.slice(axis, start, end, step), [randLeaf(shape, seed)], { seed })),
      { numRuns: 40 },
    );
  });

  it("float32: slicing copies float32 values and gradients exactly", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((t) => t.slice(1, 0, undefined, 2), [randLeaf([2, 5], 5)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
