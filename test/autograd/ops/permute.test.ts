import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { permute, transpose } from "../../../src/autograd/ops/permute.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  expectExact, expectFloat32Near, expectOpError, leaf, numel, randLeaf, runBothDtypes, seedArb, shapeArb,
} from "./helpers.ts";

const permCase = shapeArb(0, 4, 3).chain((shape) => {
  const axes = shape.map((_, i) => i);
  return fc.shuffledSubarray(axes, { minLength: axes.length, maxLength: axes.length }).map((p) => ({ shape, p }));
});

/** x[idx] for a row-major tensor, and the out index of permute by an odometer over out's shape (reference). */
function permuteRef(x: ArrayLike<number>, shape: readonly number[], p: readonly number[]): number[] {
  const outShape = p.map((d) => shape[d]);
  const strides = shape.map((_, i) => numel(shape.slice(i + 1)));
  const out: number[] = [];
  for (let k = 0; k < numel(outShape); k++) {
    let rest = k;
    let src = 0;
    for (let d = outShape.length - 1; d >= 0; d--) {
      const c = rest % outShape[d];
      rest = Math.floor(rest / outShape[d]);
      src += c * strides[p[d]];
    }
    out.push(x[src]);
  }
  return out;
}

describe("permute/transpose: out axis i = x axis p[i];  ∂x = permute(g, p⁻¹)", () => {
  it("transpose of [2, 3]: rows become columns, and the gradient is transposed back", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    const y = x.transpose();
    expectExact(y, [[1, 4], [2, 5], [3, 6]]);
    expectExact(grad(y, x, { gradOutputs: tensor([[10, 40], [20, 50], [30, 60]]) }), [[10, 20, 30], [40, 50, 60]]);
  });

  it("permute [2, 1, 3] by [2, 0, 1]: out[k, i, j] = x[i, j, k], gradient by the inverse [1, 2, 0]", () => {
    const x = leaf([[[1, 2, 3]], [[4, 5, 6]]]);
    const y = permute(x, [2, 0, 1]);
    expectExact(y, [[[1], [4]], [[2], [5]], [[3], [6]]]);
    expectExact(grad(y, x, { gradOutputs: tensor([[[1], [4]], [[2], [5]], [[3], [6]]]) }), [[[1, 2, 3]], [[4, 5, 6]]]);
  });

  it("transpose of two named axes (negative allowed), and of a scalar-like [1, 1]", () => {
    const x = leaf([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    expectExact(transpose(x, 0, -1), [[[1, 5], [3, 7]], [[2, 6], [4, 8]]]);
    const s = leaf([[7]]);
    expectExact(s.transpose(), [[7]]);
    expectExact(grad(s.transpose(), s, { gradOutputs: tensor([[2]]) }), [[2]]);
  });

  it("bad permutations and transposing a vector are ShapeErrors naming the op", () => {
    const x = leaf([[1, 2], [3, 4]]);
    expectOpError(() => x.permute([0, 0]), ShapeError, "permute", "[0,0]", "[2, 2]");
    expectOpError(() => x.permute([0]), ShapeError, "permute", "[0]", "[2, 2]");
    expectOpError(() => leaf([1, 2]).transpose(), ShapeError, "transpose", "[2]");
  });

  it("gradgradcheck: second order through permute(x)·permute(x) and xᵀ·x", () => {
    expect(gradgradcheck((t) => t.permute([1, 2, 0]).mul(t.permute([1, 2, 0]).pow(2)), [randLeaf([2, 3, 2], 3)])).toBe(true);
    expect(gradgradcheck((t) => t.transpose().matmul(t), [randLeaf([3, 2], 4)])).toBe(true);
  });

  it("gradcheck through permute and transpose", () => {
    expect(gradcheck((t) => t.permute([1, 2, 0]), [randLeaf([2, 3, 2], 1)])).toBe(true);
    expect(gradcheck((t) => t.transpose().matmul(t), [randLeaf([3, 2], 2)])).toBe(true);
  });

  it("property: permute moves values as an index reference does, and ∂x = permute(c, p⁻¹) exactly", () => {
    fc.assert(
      fc.property(permCase, ({ shape, p }) => {
        const x = randLeaf(shape, 1);
        const y = x.permute(p);
        expect([...y.shape]).toEqual(p.map((d) => shape[d]));
        expect(Array.from(y.data)).toEqual(permuteRef(x.data, shape, p));
        const c = randLeaf(y.shape, 2).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        const inv = p.map((_, i) => p.indexOf(i));
        expect(Array.from(g.data)).toEqual(permuteRef(c.data, y.shape, inv));
      }),
      { numRuns: 80 },
    );
  });

  it("property: permuting by p then by p⁻¹ is the identity", () => {
    fc.assert(
      fc.property(permCase, ({ shape, p }) => {
        const x = randLeaf(shape, 3);
        const inv = p.map((_, i) => p.indexOf(i));
        expect(Array.from(x.permute(p).permute(inv).data)).toEqual(Array.from(x.data));
      }),
      { numRuns: 40 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random permutations and directions", () => {
    fc.assert(
      fc.property(permCase, seedArb, ({ shape, p }, seed) => checkVjp((t) => t.permute(p), [randLeaf(shape, seed)], { seed })),
      { numRuns: 40 },
    );
  });

  it("float32: permute keeps float32 values and gradients exactly", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((t) => t.permute([1, 0, 2]), [randLeaf([2, 3, 2], 5)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
