/**
 * Float32 gemm: C = op(A)·op(B) (+ C) with every operand float32, computed in f32x4 WebAssembly SIMD
 * (gemm-f32-wasm.ts) and accumulated in float32, as PyTorch's float32 does. The blocking is gemm.ts's (Goto's
 * scheme): a KC×NC block of op(B) and an MC×KC block of op(A) copied into the kernel's memory, the macro-kernel
 * over every tile, its C block added into C. The copy brings all four transpose variants to one layout: op(A)'s
 * block as [kc × MC], op(B)'s as [kc × NC] rows. Later k-blocks add to C in float32, so a length-k dot product rounds about k times, at most
 * k·u·Σ|a||b| off the exact value (u = 2^-24): the tolerance the tests state against float64.
 */
import { binaryF32 } from "./elementwise-f32.ts";
import { MC, NR, macroKernelF32 } from "./gemm-f32-wasm.ts";

/** BINARY_OPS's index of add, for the SIMD add of a C block into C (the same bits as `c[i] += s[i]`). */
const ADD = 0;

const KC = 256; // an MR×KC strip of A is 4 KiB and a KC×NR strip of B 256 lines of 32 bytes: both in L1
const NC = 256; // columns of op(B) per block, a multiple of NR (256 KiB, in L2)
const CROWS = 256; // rows of C kept in the kernel's memory across the k-blocks (256 KiB)
/**
 * Floats added to the row stride of the B and C blocks. A stride of 256 floats (1 KiB) maps the rows of a KC×NR
 * strip of B to 4 of L1's 64 sets, so the strip that should stay in L1 evicts itself; 16 bytes more spread them.
 */
const PAD = 4;

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
 * The kernel reads B's block in place rather than packed into panels, so its copy in is a row copy (native memcpy)
 * where B is untransposed (packing cost a third of the kernel's time); A's block is held transposed, [kc × MC], a
 * row copy where A is stored transposed (a weight gradient's Xᵀ) and transposed inside the module otherwise.
 */
export function gemmF32(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, aOff: number, b: Float32Array, bOff: number, c: Float32Array, cOff: number, accumulate: boolean,
): boolean {
  const w = macroKernelF32(MC * KC, (NC + PAD) * KC, CROWS * (NC + PAD));
  if (w === null) return false;
  const aB = w.a, bB = w.b, s = w.c;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    const ld = Math.ceil(nc / NR) * NR + PAD;
    // When this block holds whole rows of C and whole tiles, the C block takes C's own row stride: the tiles then
    // leave it contiguous as C, which one copy (or one SIMD add) takes out instead of one call per row.
    const whole = nc === n && n % NR === 0;
    const ldc = whole ? n : ld;
    for (let r0 = 0; r0 < m; r0 += CROWS) {
      const rows = Math.min(CROWS, m - r0);
      for (let p0 = 0; p0 < k; p0 += KC) {
        const kc = Math.min(KC, k - p0);
        // Stored B is [k, n] (row p holds op(B)[p, ·]) or, transposed, [n, k]: then its rows are copied in and
        // transposed inside the module, 5–10× faster than copyBlock's strided stores (transpose-f32-wasm.ts).
        if (transB) {
          copyBlock(b, bOff + j0 * k + p0, k, 1, nc, kc, w.s, kc);
          w.transpose(nc, kc, "b", ld);
        } else if (kc * n <= w.s.length) {
          // Rows p0… of B are contiguous: one native copy, then padded to the kernel's stride inside the module.
          w.s.set(b.subarray(bOff + p0 * n, bOff + (p0 + kc) * n));
          w.repitch(kc, nc, j0, n, "b", ld);
        } else {
          copyBlock(b, bOff + p0 * n + j0, n, 1, kc, nc, bB, ld);
        }
        const stagedA = transA && kc * m <= w.s.length;
        if (stagedA) w.s.set(a.subarray(aOff + p0 * m, aOff + (p0 + kc) * m));
        for (let i0 = r0; i0 < r0 + rows; i0 += MC) {
          const mc = Math.min(MC, r0 + rows - i0);
          // Stored A is [m, k] (row i holds op(A)[i, ·]) or, transposed, [k, m] (row p holds op(A)[·, p]); the
          // kernel wants the block as [kc × MC], so a transposed A is a row copy and an untransposed one is transposed.
          if (transA) {
            if (stagedA) w.repitch(kc, mc, i0, m, "a", MC);
            else copyBlock(a, aOff + p0 * m + i0, m, 1, kc, mc, aB, MC);
          } else {
            copyBlock(a, aOff + i0 * k + p0, k, 1, mc, kc, w.s, kc);
            w.transpose(mc, kc, "a", MC);
          }
          w.run(kc, mc, nc, ldc, ld, i0 - r0, p0 > 0);
        }
      }
      if (whole) {
        const len = rows * n, ci = cOff + r0 * n;
        if (!accumulate) c.set(s.subarray(0, len), ci);
        else if (!binaryF32(ADD, c, ci, 1, s, 0, 1, c, ci, len)) for (let i = 0; i < len; i++) c[ci + i] += s[i];
        continue;
      }
      for (let i = 0; i < rows; i++) {
        const ci = cOff + (r0 + i) * n + j0, si = i * ldc;
        if (accumulate) for (let j = 0; j < nc; j++) c[ci + j] += s[si + j];
        else c.set(s.subarray(si, si + nc), ci);
      }
    }
  }
  return true;
}
