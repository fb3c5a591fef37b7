import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gather } from "../../../src/autograd/ops/gather.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ArgumentError, ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  expectClose, expectExact, expectFloat32Near, expectOpError, leaf, numel, randLeaf, runBothDtypes, seedArb,
  shapeArb,
} from "./helpers.ts";

function unravel(k: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = k % shape[d];
    k = Math.floor(k / shape[d]);
  }
  return idx;
}
const ravel = (idx: readonly number[], shape: readonly number[]) => idx.reduce((o, c, d) => o * shape[d] + c, 0);

/** An input shape, an axis, and an index tensor no larger than the input off the axis, with entries in range. */
const gatherCase = shapeArb(1, 3, 4).chain((shape) =>
  fc.integer({ min: 0, max: shape.length - 1 }).chain((axis) =>
    fc.tuple(...shape.map((d, i) => fc.integer({ min: 1, max: i === axis ? 5 : d }))).chain((ishape) =>
      fc.array(fc.integer({ min: 0, max: shape[axis] - 1 }), { minLength: numel(ishape), maxLength: numel(ishape) })
        .map((index) => ({ shape, axis, ishape: ishape as number[], index })),
    ),
  ),
);

describe("gather: out[…i…] = x[…index[…i…]…] along an axis;  ∂x = scatterAdd(g, index)", () => {
  it("axis 1, one index per row: picks x[0, 2] and x[1, 0]; the gradient lands at those places", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    const y = x.gather(1, [[2], [0]]);
    expectExact(y, [[3], [4]]);
    expectExact(grad(y, x, { gradOutputs: tensor([[10], [20]]) }), [[0, 0, 10], [20, 0, 0]]);
  });

  it("axis 0 with an index tensor: out[i, j] = x[index[i, j], j]", () => {
    const x = leaf([[1, 2], [3, 4], [5, 6]]);
    const y = gather(x, 0, tensor([[2, 0], [1, 1]]));
    expectExact(y, [[5, 2], [3, 4]]);
    expectExact(grad(y, x, { gradOutputs: tensor([[1, 2], [3, 4]]) }), [[0, 2], [3, 4], [1, 0]]);
  });

  it("repeated indices: scatterAdd sums every gradient sent to the same place", () => {
    const x = leaf([10, 20]);
    const y = x.gather(0, [0, 0, 1, 0]);
    expectExact(y, [10, 10, 20, 10]);
    expectExact(grad(y, x, { gradOutputs: tensor([1, 2, 3, 4]) }), [1 + 2 + 4, 3]);
  });

  it("what cross-entropy needs: −logSoftmax gathered at the labels, gradient softmax − onehot", () => {
    const logits = leaf([[0, Math.log(3)], [Math.log(3), 0]]);
    const nll = logits.logSoftmax(1).gather(1, [[1], [1]]).neg();
    expectClose(nll, [[-Math.log(3 / 4)], [-Math.log(1 / 4)]], 8, 1);
    expectClose(grad(nll.sum(), logits), [[1 / 4, 3 / 4 - 1], [3 / 4, 1 / 4 - 1]], 8, 1);
  });

  it("second order: ∂gather is scatterAdd, whose own gradient is a gather", () => {
    const x = leaf([1, 2, 3]);
    const g = grad(x.gather(0, [2, 2, 0]).pow(2).sum(), x, { createGraph: true }) as Tensor;
    expectExact(g, [2 * 1, 0, 2 * 3 + 2 * 3]);
    expect(g.node?.def.name).toBe("scatterAdd");
    expectExact(grad(g.sum(), x), [2, 0, 4]);
  });

  it("bad indices are errors naming gather, the index and the shape", () => {
    const x = leaf([[1, 2], [3, 4]]);
    expectOpError(() => x.gather(1, [[2], [0]]), ShapeError, "gather", "index 2", "axis 1", "[2, 2]");
    expectOpError(() => x.gather(1, [0, 1]), ShapeError, "gather", "[2]", "[2, 2]");
    expectOpError(() => x.gather(1, [[0.5], [0]]), ArgumentError, "gather", "0.5");
    expectOpError(() => x.gather(0, [[0, 1, 0]]), ShapeError, "gather", "[1, 3]", "[2, 2]");
    // Indices beyond int32 are reported as given, not wrapped into range (2^32 + 1 once gathered element 1).
    expectOpError(() => leaf([10, 20, 30]).gather(0, [2 ** 32 + 1]), ShapeError, "gather", "4294967297", "size 3");
    expectOpError(() => leaf([10, 20, 30]).gather(0, [2 ** 31]), ShapeError, "gather", "2147483648");
    // Along the gathered axis the index may be longer than the input, as in torch.gather.
    expectExact(x.gather(0, [[0], [1], [0]]), [[1], [3], [1]]);
  });

  it("gradcheck and gradgradcheck, with repeated indices", () => {
    const idx = [[0, 2, 2], [1, 1, 0]];
    expect(gradcheck((t) => t.gather(1, idx), [randLeaf([2, 3], 1)])).toBe(true);
    expect(gradgradcheck((t) => t.gather(1, idx).pow(2), [randLeaf([2, 3], 2)])).toBe(true);
  });

  it("property: out[k] = x[k with axis ↦ index[k]] and ∂x = Σ of c over the k that read each place (torch.gather reference)", () => {
    fc.assert(
      fc.property(gatherCase, ({ shape, axis, ishape, index }) => {
        const x = randLeaf(shape, 1);
        const y = x.gather(axis, tensor(index, { shape: ishape }));
        expect([...y.shape]).toEqual(ishape);
        const c = randLeaf(ishape, 2).detach();
        const g = grad(y, x, { gradOutputs: c }) as Tensor;
        const want = new Array<number>(x.size).fill(0);
        const hits = new Array<number>(x.size).fill(0);
        for (let k = 0; k < y.size; k++) {
          const at = unravel(k, ishape);
          at[axis] = index[k];
          const j = ravel(at, shape);
          expect(y.data[k]).toBe(x.data[j]);
          want[j] += c.data[k];
          hits[j]++;
        }
        // scatterAdd adds the same terms in the same (index) order as this loop: bit-identical sums
        expect(Array.from(g.data)).toEqual(want);
        expect(hits.reduce((a, b) => a + b, 0)).toBe(y.size);
      }),
      { numRuns: 100 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random gathers and directions", () => {
    fc.assert(
      fc.property(gatherCase, seedArb, ({ shape, axis, ishape, index }, seed) =>
        checkVjp((t) => t.gather(axis, tensor(index, { shape: ishape })), [randLeaf(shape, seed)], { seed })),
      { numRuns: 40 },
    );
  });

  it("float32: gathered values are exact; scatterAdd of distinct places is exact, float32", () => {
    const { y32, y64, g32, g64 } = runBothDtypes((t) => t.gather(1, [[2, 0], [1, 2]]), [randLeaf([2, 3], 5)]);
    expectFloat32Near(y32, y64, 0);
    expectFloat32Near(g32[0], g64[0], 0);
  });
});
