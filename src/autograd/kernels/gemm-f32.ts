/**
 * Float32 gemm: C = op(A)·op(B) (+ C) with every operand float32, computed in f32x4 WebAssembly SIMD
 * (gemm-f32-wasm.ts) and accumulated in float32, as PyTorch's float32 does. The blocking is gemm.ts's (Goto's
 * scheme): a KC×NC block of op(B) packed into NR-column panels, an MC×KC block of op(A) into MR-row panels, the
 * macro-kernel over every tile, its C block added into C. Packing turns all four transpose variants into the same
 * panels. Later k-blocks add to C in float32, so a length-k dot product rounds about k times, at most
 * k·u·Σ|a||b| off the exact value (u = 2^-24): the tolerance the tests state against float64.
 */
import { MR, NR, macroKernelF32 } from "./gemm-f32-wasm.ts";

const KC = 256; // an MR×KC panel of A is 4 KiB and an NR×KC panel of B 8 KiB: both in L1
const MC = 64; // rows of op(A) packed at once, a multiple of MR (64 KiB)
const NC = 256; // columns of op(B) packed at once, a multiple of NR (256 KiB, in L2)

/**
 * Packs `lanes` vectors of length kc into ceil(lanes/w) panels of width w: lane l, element p is read from
 * src[off + l·laneStride + p·step] and written to dst[⌊l/w⌋·w·kc + p·w + l mod w]; a last partial panel is
 * padded with zeros, so the kernel needs no tail case (the padded results are discarded).
 */
export function packF32(
  src: Float32Array, off: number, laneStride: number, step: number, lanes: number, kc: number, w: number, dst: Float32Array,
): void {
  let d = 0;
  for (let l0 = 0; l0 < lanes; l0 += w, d += w * kc) {
    const width = Math.min(w, lanes - l0);
    if (width < w) for (let p = 0; p < kc; p++) dst.fill(0, d + p * w + width, d + (p + 1) * w);
    // Read the source along its contiguous direction: across lanes when they are adjacent, else along each lane.
    if (laneStride < step) {
      for (let p = 0, s = off + l0 * laneStride, t = d; p < kc; p++, s += step, t += w) {
        for (let q = 0, x = s; q < width; q++, x += laneStride) dst[t + q] = src[x];
      }
    } else {
      for (let q = 0; q < width; q++) {
        for (let p = 0, s = off + (l0 + q) * laneStride, t = d + q; p < kc; p++, s += step, t += w) dst[t] = src[s];
      }
    }
  }
}

/**
 * C[m×n] = op(A)·op(B) (+ C when accumulate), row-major, op(X) = Xᵀ when its flag is set; false (nothing done)
 * when the SIMD kernel is unavailable, so the caller falls back to its float64-accumulating kernel.
 */
export function gemmF32(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, aOff: number, b: Float32Array, bOff: number, c: Float32Array, cOff: number, accumulate: boolean,
): boolean {
  const w = macroKernelF32(MC * KC, NC * KC, MC * NC);
  if (w === null) return false;
  const ai = transA ? 1 : k, ap = transA ? m : 1;
  const bp = transB ? 1 : n, bj = transB ? k : 1;
  const aP = w.a, bP = w.b, s = w.c;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    const ldc = Math.ceil(nc / NR) * NR;
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      const acc = accumulate || p0 > 0;
      packF32(b, bOff + p0 * bp + j0 * bj, bj, bp, nc, kc, NR, bP);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packF32(a, aOff + i0 * ai + p0 * ap, ai, ap, mc, kc, MR, aP);
        w.run(kc, mc, nc, ldc);
        for (let i = 0; i < mc; i++) {
          const ci = cOff + (i0 + i) * n + j0, si = i * ldc;
          if (acc) for (let j = 0; j < nc; j++) c[ci + j] += s[si + j];
          else c.set(s.subarray(si, si + nc), ci);
        }
      }
    }
  }
  return true;
}
