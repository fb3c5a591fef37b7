import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Storage } from "../../../src/autograd/dtype.ts";
import { affine, batchedGemm, type Gemm } from "../../../src/autograd/kernels/matmul.ts";

/** A plain gemm, one dot product per element in order p = 0, 1, …, starting from C when accumulating. */
const naive: Gemm = (transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate) => {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = accumulate ? c[cOff + i * n + j] : 0;
      for (let p = 0; p < k; p++) s += a[aOff + (transA ? p * m + i : i * k + p)] * b[bOff + (transB ? j * k + p : p * n + j)];
      c[cOff + i * n + j] = s;
    }
  }
};

const dims = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }));
const values = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => ((i * 7 + seed) % 11) - 5 + 0.25);

describe("the products built on gemm (with a plain gemm passed in, so each element is the same sum: exact)", () => {
  it("property: batchedGemm's item i is gemm of A at i·strideA and B at i·strideB into out at i·m·n; stride 0 shares", () => {
    fc.assert(
      fc.property(dims, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), ([batch, m, n, k], ta, tb, shareA, shareB) => {
        const strideA = shareA ? 0 : m * k;
        const strideB = shareB ? 0 : k * n;
        const a = values(Math.max(1, batch) * m * k, 1);
        const b = values(Math.max(1, batch) * k * n, 2);
        const out = new Float64Array(batch * m * n).fill(NaN);
        batchedGemm(naive, ta, tb, batch, m, n, k, a, strideA, b, strideB, out);
        const expected = new Float64Array(batch * m * n);
        for (let i = 0; i < batch; i++) {
          naive(ta, tb, m, n, k, a.subarray(i * strideA), 0, b.subarray(i * strideB), 0, expected.subarray(i * m * n), 0, false);
        }
        expect(Array.from(out)).toEqual(Array.from(expected));
      }),
    );
  });

  it("property: affine(x, W, bias)[i, j] = bias[j] + Σ_p x[i, p]·W[j, p] in that order (bias rounded to out's type first)", () => {
    fc.assert(
      fc.property(dims, fc.boolean(), fc.boolean(), ([rows, m, , k], withBias, f32) => {
        const x = values(rows * k, 3);
        const w = values(m * k, 4);
        const bias = withBias ? values(m, 5).map((v) => v / 3) : null;
        const out: Storage = f32 ? new Float32Array(rows * m) : new Float64Array(rows * m);
        affine(naive, rows, m, k, x, w, bias, out);
        const round = f32 ? Math.fround : (v: number) => v;
        const expected = Array.from({ length: rows * m }, (_, e) => {
          const [i, j] = [Math.floor(e / m), e % m];
          let s = bias === null ? 0 : round(bias[j]);
          for (let p = 0; p < k; p++) s += x[i * k + p] * w[j * k + p];
          return round(s);
        });
        expect(Array.from(out)).toEqual(expected);
      }),
    );
  });
});
