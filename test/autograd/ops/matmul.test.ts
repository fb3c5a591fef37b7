import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matmul, matmulT } from "../../../src/autograd/ops/matmul.ts";
import { checkVjp, gradcheck, gradgradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { tensor } from "../../../src/autograd/creation.ts";
import { ShapeError } from "../../../src/autograd/errors.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { expectClose, expectFloat32Near, expectOpError, leaf, randLeaf, runBothDtypes, seedArb, U64 } from "./helpers.ts";

/** op(X)[i, p] for X stored row-major as rows × cols, op = transpose when `t`. */
const at = (x: ArrayLike<number>, cols: number, t: boolean, i: number, p: number, rows: number) =>
  t ? x[p * cols + i] : x[i * cols + p];

/**
 * Triple-loop reference for op(A)·op(B), batched (batch 1 for 2-D), with |op(A)|·|op(B)| for the error bound.
 * A 2-D operand (stride 0) is shared by every batch.
 */
function refMatmul(
  a: ArrayLike<number>, b: ArrayLike<number>, batch: number, m: number, k: number, n: number,
  tA: boolean, tB: boolean, sharedA = false, sharedB = false,
): { c: number[]; mag: number[] } {
  const c: number[] = [];
  const mag: number[] = [];
  for (let s = 0; s < batch; s++) {
    const ao = sharedA ? 0 : s * m * k;
    const bo = sharedB ? 0 : s * k * n;
    const A = Array.from({ length: m * k }, (_, q) => a[ao + q]);
    const B = Array.from({ length: k * n }, (_, q) => b[bo + q]);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let abs = 0;
        for (let p = 0; p < k; p++) {
          const term = at(A, tA ? m : k, tA, i, p, 0) * at(B, tB ? k : n, tB, p, j, 0);
          sum += term;
          abs += Math.abs(term);
        }
        c.push(sum);
        mag.push(abs);
      }
    }
  }
  return { c, mag };
}

/** A sum of k products differs between any two summation orders by at most 2k·u₆₄·Σ|terms|. */
function expectMatches(actual: Tensor | null, want: { c: number[]; mag: number[] }, k: number): void {
  expect(actual).not.toBeNull();
  const got = (actual as Tensor).data;
  expect(got.length).toBe(want.c.length);
  want.c.forEach((w, i) => {
    const tol = 2 * (k + 1) * U64 * want.mag[i];
    if (!(Math.abs(got[i] - w) <= tol)) expect.fail(`element ${i}: ${got[i]}, want ${w} ± ${tol}`);
  });
}

const FLAGS = [[false, false], [false, true], [true, false], [true, true]] as const;

describe("matmul: C = op(A)·op(B);  ∂A = g·op(B)ᵀ, ∂B = op(A)ᵀ·g (transposed back under the flags)", () => {
  it("2-D: [[1,2],[3,4]]·[[5,6],[7,8]] with ∂A = g·Bᵀ and ∂B = Aᵀ·g by hand", () => {
    const a = leaf([[1, 2], [3, 4]]);
    const b = leaf([[5, 6], [7, 8]]);
    const c = a.matmul(b);
    expectClose(c, [[1 * 5 + 2 * 7, 1 * 6 + 2 * 8], [3 * 5 + 4 * 7, 3 * 6 + 4 * 8]]);
    const g = tensor([[1, 0], [2, -1]]);
    const [ga, gb] = grad(c, [a, b], { gradOutputs: g });
    // g·Bᵀ: row i of g against row j of B.
    expectClose(ga, [[1 * 5 + 0 * 6, 1 * 7 + 0 * 8], [2 * 5 - 1 * 6, 2 * 7 - 1 * 8]]);
    // Aᵀ·g: column i of A against column j of g.
    expectClose(gb, [[1 * 1 + 3 * 2, 1 * 0 + 3 * -1], [2 * 1 + 4 * 2, 2 * 0 + 4 * -1]]);
  });

  it("2-D non-square: [1, 3]·[3, 2], a row vector times a matrix", () => {
    const a = leaf([[1, 2, 3]]);
    const b = leaf([[1, 0], [0, 1], [2, -1]]);
    const c = matmul(a, b);
    expectClose(c, [[1 + 3 * 2, 2 - 3]]);
    const [ga, gb] = grad(c, [a, b], { gradOutputs: tensor([[1, 10]]) });
    expectClose(ga, [[1, 10, 2 - 10]]);
    expectClose(gb, [[1, 10], [2, 20], [3, 30]]);
  });

  it("scalar-like: [[2]]·[[3]] = [[6]], and a dot product [1, 3]·[3, 1] gives a [1, 1] with ∂a = g·bᵀ, ∂b = aᵀ·g", () => {
    const s = leaf([[2]]);
    const t = leaf([[3]]);
    const st = s.matmul(t);
    expectClose(st, [[6]]);
    const [gs, gt] = grad(st, [s, t], { gradOutputs: tensor([[5]]) });
    expectClose(gs, [[5 * 3]]);
    expectClose(gt, [[2 * 5]]);
    const a = leaf([[1, 2, 3]]);
    const b = leaf([[4], [5], [6]]);
    const d = a.matmul(b);
    expectClose(d, [[1 * 4 + 2 * 5 + 3 * 6]]);
    const [ga, gb] = grad(d, [a, b], { gradOutputs: tensor([[2]]) });
    expectClose(ga, [[2 * 4, 2 * 5, 2 * 6]]);
    expectClose(gb, [[2 * 1], [2 * 2], [2 * 3]]);
  });

  it("batched 3-D: each batch multiplies its own pair; gradients stay per batch", () => {
    const a = leaf([[[1, 2]], [[3, 4]]]); // [2, 1, 2]
    const b = leaf([[[1], [1]], [[2], [-1]]]); // [2, 2, 1]
    const c = a.matmul(b);
    expectClose(c, [[[1 + 2]], [[3 * 2 - 4]]]);
    const [ga, gb] = grad(c, [a, b], { gradOutputs: tensor([[[1]], [[5]]]) });
    expectClose(ga, [[[1, 1]], [[5 * 2, -5]]]);
    expectClose(gb, [[[1], [2]], [[5 * 3], [5 * 4]]]);
  });

  it("a 2-D operand shared by a batch: its gradient sums over the batch", () => {
    const a = leaf([[[1, 2]], [[3, 4]]]); // [2, 1, 2]
    const w = leaf([[1, 0], [0, 1]]); // [2, 2], shared
    const c = a.matmul(w);
    expectClose(c, [[[1, 2]], [[3, 4]]]);
    const [ga, gw] = grad(c, [a, w], { gradOutputs: tensor([[[1, 2]], [[3, 4]]]) });
    expectClose(ga, [[[1, 2]], [[3, 4]]]);
    // Σ_batch aᵦᵀ·gᵦ
    expectClose(gw, [[1 * 1 + 3 * 3, 1 * 2 + 3 * 4], [2 * 1 + 4 * 3, 2 * 2 + 4 * 4]]);
    const v = leaf([[1, -1]]); // [1, 2] shared on the left of a [2, 2, 1] batch
    const r = leaf([[[2], [1]], [[0], [3]]]);
    const d = v.matmul(r);
    expectClose(d, [[[2 - 1]], [[0 - 3]]]);
    const [gv] = grad(d, [v], { gradOutputs: tensor([[[1]], [[1]]]) });
    expectClose(gv, [[2 + 0, 1 + 3]]);
  });

  it("all four transpose flags: matmulT(A, B, tA, tB) = op(A)·op(B) by hand, with gradients in A's and B's shapes", () => {
    const A = [[1, 2], [3, 4]];
    const B = [[5, 6], [7, 8]];
    const T = (x: number[][]) => [[x[0][0], x[1][0]], [x[0][1], x[1][1]]];
    const mm = (x: number[][], y: number[][]) =>
      [0, 1].map((i) => [0, 1].map((j) => x[i][0] * y[0][j] + x[i][1] * y[1][j]));
    const G = [[1, -2], [0.5, 3]];
    for (const [tA, tB] of FLAGS) {
      const a = leaf(A);
      const b = leaf(B);
      const opA = tA ? T(A) : A;
      const opB = tB ? T(B) : B;
      const c = matmulT(a, b, tA, tB);
      expectClose(c, mm(opA, opB));
      const [ga, gb] = grad(c, [a, b], { gradOutputs: tensor(G) });
      // ∂op(A) = G·op(B)ᵀ, ∂op(B) = op(A)ᵀ·G, transposed back when the flag is set.
      const dOpA = mm(G, T(opB));
      const dOpB = mm(T(opA), G);
      expectClose(ga, tA ? T(dOpA) : dOpA);
      expectClose(gb, tB ? T(dOpB) : dOpB);
    }
  });

  it("inner dimensions that differ are a ShapeError naming both shapes", () => {
    expect(() => matmul(leaf([[1, 2, 3], [4, 5, 6]]), tensor([[1, 2, 3, 4, 5]], { shape: [1, 5] }))).toThrow(ShapeError);
    expect(() => matmul(tensor(new Float64Array(6), { shape: [2, 3] }), tensor(new Float64Array(20), { shape: [4, 5] })))
      .toThrow("matmul: cannot multiply [2, 3] by [4, 5]: inner dimensions 3 and 4 differ");
    expectOpError(() => matmul(leaf([1, 2]), leaf([[1], [2]])), ShapeError, "matmul", "[2]", "[2, 1]");
  });

  it("gradcheck and gradgradcheck: 2-D under all four flags, batched 3-D, and a shared 2-D operand", () => {
    for (const [tA, tB] of FLAGS) {
      const a = randLeaf(tA ? [3, 2] : [2, 3], 1);
      const b = randLeaf(tB ? [4, 3] : [3, 4], 2);
      const f = (x: Tensor, y: Tensor) => matmulT(x, y, tA, tB);
      expect(gradcheck(f, [a, b])).toBe(true);
      expect(gradgradcheck(f, [a, b])).toBe(true);
    }
    expect(gradcheck((x, y) => x.matmul(y), [randLeaf([2, 2, 3], 3), randLeaf([2, 3, 2], 4)])).toBe(true);
    expect(gradgradcheck((x, y) => x.matmul(y), [randLeaf([2, 2, 3], 3), randLeaf([2, 3, 2], 4)])).toBe(true);
    for (const [tA, tB] of FLAGS) {
      const f = (x: Tensor, y: Tensor) => matmulT(x, y, tA, tB);
      expect(gradcheck(f, [randLeaf([2, 3, 3], 5), randLeaf([3, 3], 6)])).toBe(true);
      expect(gradcheck(f, [randLeaf([3, 3], 7), randLeaf([2, 3, 3], 8)])).toBe(true);
    }
  });

  it("property: op(A)·op(B) and both gradients match a triple-loop reference for random sizes, batches, sharing and flags", () => {
    const dims = fc.record({
      batch: fc.integer({ min: 0, max: 3 }), // 0: plain 2-D
      shared: fc.constantFrom("none", "a", "b"),
      m: fc.integer({ min: 1, max: 9 }),
      k: fc.integer({ min: 1, max: 9 }),
      n: fc.integer({ min: 1, max: 9 }),
      tA: fc.boolean(),
      tB: fc.boolean(),
      seed: seedArb,
    });
    fc.assert(
      fc.property(dims, ({ batch, shared, m, k, n, tA, tB, seed }) => {
        const bs = Math.max(batch, 1);
        const sa = batch > 0 && shared !== "a";
        const sb = batch > 0 && shared !== "b";
        const aShape = [...(sa ? [batch] : []), ...(tA ? [k, m] : [m, k])];
        const bShape = [...(sb ? [batch] : []), ...(tB ? [n, k] : [k, n])];
        const a = randLeaf(aShape, seed);
        const b = randLeaf(bShape, seed + 1);
        const c = matmulT(a, b, tA, tB);
        expect([...c.shape]).toEqual([...(sa || sb ? [bs] : []), m, n]);
        expectMatches(c, refMatmul(a.data, b.data, bs, m, k, n, tA, tB, !sa, !sb), k);
        const g = randLeaf(c.shape, seed + 2).detach();
        const [ga, gb] = grad(c, [a, b], { gradOutputs: g });
        // ∂op(A) = g·op(B)ᵀ per batch (summed over the batch when A is shared), then transposed back if tA.
        const dA = refMatmul(g.data, b.data, bs, m, n, k, false, !tB, false, !sb);
        const dB = refMatmul(a.data, g.data, bs, k, m, n, !tA, false, !sa, false);
        const fold = (r: { c: number[]; mag: number[] }, rows: number, cols: number, shared: boolean, t: boolean) => {
          const size = rows * cols;
          const reps = shared ? bs : 1;
          const per = shared ? 1 : bs;
          const c2: number[] = [];
          const m2: number[] = [];
          for (let s = 0; s < per; s++) {
            for (let q = 0; q < size; q++) {
              // position q of the stored (possibly transposed) operand
              const i = Math.floor(q / (t ? rows : cols));
              const j = q % (t ? rows : cols);
              const src = t ? j * cols + i : i * cols + j;
              let sum = 0;
              let mag = 0;
              for (let rI = 0; rI < reps; rI++) {
                sum += r.c[(s + rI) * size + src];
                mag += r.mag[(s + rI) * size + src];
              }
              c2.push(sum);
              m2.push(mag);
            }
          }
          return { c: c2, mag: m2 };
        };
        // Summing over a batch of bs adds bs more terms to each sum.
        expectMatches(ga, fold(dA, m, k, !sa, tA), n * bs);
        expectMatches(gb, fold(dB, k, n, !sb, tB), m * bs);
      }),
      { numRuns: 60 },
    );
  });

  it("property: ⟨vjp(c), t⟩ = ⟨c, J·t⟩ for random sizes large enough to reach the blocked kernel, under each flag", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 24 }), fc.integer({ min: 12, max: 24 }), fc.integer({ min: 12, max: 24 }),
        fc.boolean(), fc.boolean(), seedArb,
        (m, k, n, tA, tB, seed) =>
          checkVjp((x, y) => matmulT(x, y, tA, tB), [randLeaf(tA ? [k, m] : [m, k], seed), randLeaf(tB ? [n, k] : [k, n], seed + 1)], { seed }),
      ),
      { numRuns: 20 },
    );
  });

  it("property: a large blocked product equals the triple-loop reference (edge tiles under every flag)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 17, max: 40 }), fc.integer({ min: 17, max: 40 }), fc.integer({ min: 17, max: 40 }), fc.boolean(), fc.boolean(), seedArb,
        (m, k, n, tA, tB, seed) => {
          const a = randLeaf(tA ? [k, m] : [m, k], seed);
          const b = randLeaf(tB ? [n, k] : [k, n], seed + 1);
          expectMatches(matmulT(a, b, tA, tB), refMatmul(a.data, b.data, 1, m, k, n, tA, tB), k);
        }),
      { numRuns: 15 },
    );
  });

  it("property: (A·B)ᵀ = Bᵀ·Aᵀ via flags, to the rounding of k-term sums", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), seedArb, (m, k, n, seed) => {
        const a = randLeaf([m, k], seed);
        const b = randLeaf([k, n], seed + 1);
        const lhs = a.matmul(b).transpose();
        expectMatches(matmulT(b, a, true, true), { c: Array.from(lhs.data), mag: refMatmul(b.data, a.data, 1, n, k, m, true, true).mag }, 2 * k);
      }),
      { numRuns: 40 },
    );
  });

  it("float32: each element is a k-term dot product, within k·u₃₂·Σ|a||b|; gradients come back float32", () => {
    for (const [tA, tB] of FLAGS) {
      for (const [m, k, n] of [[3, 4, 5], [20, 300, 20]]) {
        const a = randLeaf(tA ? [k, m] : [m, k], 1);
        const b = randLeaf(tB ? [n, k] : [k, n], 2);
        const { y32, y64, g32, g64, v } = runBothDtypes((x, y) => matmulT(x, y, tA, tB), [a, b]);
        const maxA = Math.max(...Array.from(a.data, Math.abs));
        const maxB = Math.max(...Array.from(b.data, Math.abs));
        const maxV = Math.max(...Array.from(v.data, Math.abs));
        expectFloat32Near(y32, y64, k + 1, k * maxA * maxB);
        expectFloat32Near(g32[0], g64[0], n + 1, n * maxV * maxB);
        expectFloat32Near(g32[1], g64[1], m + 1, m * maxV * maxA);
      }
    }
  });
});
