/**
 * Products built on one gemm: a batch of them, and the affine map x·Wᵀ + b. Each takes the gemm it calls, so that a
 * backend that replaces gemm (`kernels/index.ts`) changes these too.
 */
import type { Storage } from "../dtype.ts";

/** C[m×n] = op(A)·op(B) (+ C when accumulate), as `gemm.ts` defines it. */
export type Gemm = (
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Storage, aOff: number, b: Storage, bOff: number, c: Storage, cOff: number, accumulate: boolean,
) => void;

/**
 * out[i] = op(A[i])·op(B[i]) for i < batch, each [m×n]; a stride of 0 shares one matrix across the batch (a 2-D
 * operand beside a 3-D one).
 */
export function batchedGemm(
  gemm: Gemm, transA: boolean, transB: boolean, batch: number, m: number, n: number, k: number,
  a: Storage, strideA: number, b: Storage, strideB: number, out: Storage,
): void {
  for (let i = 0; i < batch; i++) gemm(transA, transB, m, n, k, a, i * strideA, b, i * strideB, out, i * m * n, false);
}

/**
 * out [rows×m] = x [rows×k] · Wᵀ (W [m×k], read transposed in place) + bias [m]: the bias rows are written first and
 * the gemm adds into them, so no intermediate is kept.
 */
export function affine(
  gemm: Gemm, rows: number, m: number, k: number, x: Storage, w: Storage, bias: Storage | null, out: Storage,
): void {
  if (bias !== null) for (let i = 0; i < rows; i++) out.set(bias, i * m);
  gemm(false, true, rows, m, k, x, 0, w, 0, out, 0, bias !== null);
}
