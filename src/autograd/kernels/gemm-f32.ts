/**
 * Float32 gemm: C = op(A)·op(B) (+ C) with every operand float32, computed in f32x4 WebAssembly SIMD
 * (gemm-f32-wasm.ts) and accumulated in float32, as PyTorch's float32 does. The blocking is gemm.ts's (Goto's
 * scheme): a KC×NC block of op(B) and an MC×KC block of op(A) copied into the kernel's memory, the macro-kernel
 * over every tile, its C block added into C. The copy brings all four transpose variants to two layouts the
 * kernel reads through strides. Later k-blocks add to C in float32, so a length-k dot product rounds about k times, at most
 * k·u·Σ|a||b| off the exact value (u = 2^-24): the tolerance the tests state against float64.
 */
import { MR, NR, macroKernelF32 } from "./gemm-f32-wasm.ts";

const KC = 256; // an MR×KC strip of A is 4 KiB and a KC×NR strip of B 256 lines of 32 bytes: both in L1
const MC = 64; // rows of op(A) per block, a multiple of MR (64 KiB)
const NC = 256; // columns of op(B) per block, a multiple of NR (256 KiB, in L2)
const CROWS = 256; // rows of C kept in the kernel's memory across the k-blocks (256 KiB)

/**
 * Copies rows×cols of src (element (r, q) at src[off + r·rs + q·qs]) into dst as rows of stride ld: a block copy
 * where rows are contiguous in src (qs = 1), a transposing loop otherwise.
 */
function copyBlock(src: Float32Array, off: number, rs: number, qs: number, rows: number, cols: number, dst: Float32Array, ld: number): void {
  if (qs === 1) {
    if (rs === cols && ld === cols) dst.set(src.subarray(off, off + rows * cols));
    else for (let r = 0; r < rows; r++) dst.set(src.subarray(off + r * rs, off + r * rs + cols), r * ld);
    return;
  }
  for (let q = 0; q < cols; q++) for (let r = 0, s = off + q * qs, d = q; r < rows; r++, s += rs, d += ld) dst[d] = src[s];
}

/**
 * C[m×n] = op(A)·op(B) (+ C when accumulate), row-major, op(X) = Xᵀ when its flag is set; false (nothing done)
 * when the SIMD kernel is unavailable, so the caller falls back to its float64-accumulating kernel.
 * The kernel reads the blocks in place rather than packed into panels: the copy in is then a row copy (native
 * memcpy) for A either way and for an untransposed B, where packing cost a third of the kernel's time.
 */
export function gemmF32(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, aOff: number, b: Float32Array, bOff: number, c: Float32Array, cOff: number, accumulate: boolean,
): boolean {
  const w = macroKernelF32(MC * KC, NC * KC, CROWS * NC);
  if (w === null) return false;
  const bp = transB ? 1 : n, bj = transB ? k : 1;
  const aB = w.a, bB = w.b, s = w.c;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    const ld = Math.ceil(nc / NR) * NR;
    for (let r0 = 0; r0 < m; r0 += CROWS) {
      const rows = Math.min(CROWS, m - r0);
      for (let p0 = 0; p0 < k; p0 += KC) {
        const kc = Math.min(KC, k - p0);
        copyBlock(b, bOff + p0 * bp + j0 * bj, bp, bj, kc, nc, bB, ld);
        for (let i0 = r0; i0 < r0 + rows; i0 += MC) {
          const mc = Math.min(MC, r0 + rows - i0);
          // Stored A is [m, k] (row i holds op(A)[i, ·]) or, transposed, [k, m] (row p holds op(A)[·, p]).
          if (transA) {
            copyBlock(a, aOff + p0 * m + i0, m, 1, kc, mc, aB, MC);
            w.run(kc, mc, nc, ld, 1, MC, ld, i0 - r0, p0 > 0);
          } else {
            copyBlock(a, aOff + i0 * k + p0, k, 1, mc, kc, aB, kc);
            w.run(kc, mc, nc, ld, kc, 1, ld, i0 - r0, p0 > 0);
          }
        }
      }
      for (let i = 0; i < rows; i++) {
        const ci = cOff + (r0 + i) * n + j0, si = i * ld;
        if (accumulate) for (let j = 0; j < nc; j++) c[ci + j] += s[si + j];
        else c.set(s.subarray(si, si + nc), ci);
      }
    }
  }
  return true;
}
