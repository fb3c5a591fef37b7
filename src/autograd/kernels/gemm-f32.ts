/**
 * Float32 gemm: C = op(A)·op(B) (+ C) with every operand float32, computed in f32x4 WebAssembly SIMD
 * (gemm-f32-wasm.ts) and accumulated in float32, as PyTorch's float32 does. The blocking is gemm.ts's (Goto's
 * scheme): a KC×NC block of op(B) and an MC×KC block of op(A) copied into the kernel's memory, the macro-kernel
 * over every tile, its C block added into C. Later k-blocks add to C in float32, so a length-k dot product rounds
 * about k times, at most k·u·Σ|a||b| off the exact value (u = 2^-24): the tolerance the tests state against float64.
 *
 * The blocks are packed into panels (Goto's scheme again): the A block as [kc × MR] strips of MR rows, the B block
 * as [kc × NR] strips of NR columns, each contiguous, whatever the transposes. Rows of A and B are copied into the
 * module natively (one memcpy where they are contiguous) and moved into panels there (gemm-f32-wasm.ts), a plain
 * copy for rows that are the kernel's rows and a 4×4-block transpose otherwise, 5–10× faster than a JavaScript
 * loop's strided stores. Panels halve what the kernel keeps in L1 against rows read in place (a KC×NR strip of B
 * in 256 lines of 64 bytes, only 32 of them used), and measured 1.03–1.2× faster on W3's and W4's products.
 */
import { binaryF32 } from "./elementwise-f32.ts";
import { MC, NR, macroKernelF32 } from "./gemm-f32-wasm.ts";

/** BINARY_OPS's index of add, for the SIMD add of a C block into C (the same bits as `c[i] += s[i]`). */
const ADD = 0;

const KC = 256; // a KC×MR panel of A is 4 KiB and a KC×NR panel of B 8 KiB: both in L1
const NC = 256; // columns of op(B) per block, a multiple of NR (256 KiB, in L2)
const CROWS = 256; // rows of C kept in the kernel's memory across the k-blocks (256 KiB)
/**
 * Floats added to the row stride of the C block. A stride of 256 floats (1 KiB) maps a tile's rows to few of L1's
 * 64 sets; 16 bytes more spread them.
 */
const PAD = 4;

/** Copies rows×cols of src (row r from src[off + r·rs]) into dst's start as rows of stride cols: one copy when contiguous. */
function copyRows(src: Float32Array, off: number, rs: number, rows: number, cols: number, dst: Float32Array): void {
  if (rs === cols) dst.set(src.subarray(off, off + rows * cols));
  else for (let r = 0; r < rows; r++) dst.set(src.subarray(off + r * rs, off + r * rs + cols), r * cols);
}

/**
 * C[m×n] = op(A)·op(B) (+ C when accumulate), row-major, op(X) = Xᵀ when its flag is set; false (nothing done)
 * when the SIMD kernel is unavailable, so the caller falls back to its float64-accumulating kernel.
 */
export function gemmF32(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, aOff: number, b: Float32Array, bOff: number, c: Float32Array, cOff: number, accumulate: boolean,
): boolean {
  const w = macroKernelF32(MC * KC, (NC + PAD) * KC, CROWS * (NC + PAD));
  if (w === null) return false;
  const s = w.c;
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
        // Stored B is [k, n] (row p holds op(B)[p, ·]) or, transposed, [n, k]: its rows are copied in natively and
        // moved into panels inside the module, transposed there in the second case.
        if (transB) {
          copyRows(b, bOff + j0 * k + p0, k, nc, kc, w.s);
          w.transposePanels(nc, kc, 0, "b");
        } else {
          // Rows p0… of B are contiguous: one native copy when they fit, else the block's rows one by one.
          const lds = kc * n + NR <= w.s.length ? n : nc;
          if (lds === n) w.s.set(b.subarray(bOff + p0 * n, bOff + (p0 + kc) * n));
          else copyRows(b, bOff + p0 * n + j0, n, kc, nc, w.s);
          const from = lds === n ? j0 : 0;
          w.panels(kc, nc, from, lds, "b");
        }
        const stagedA = transA && kc * m + NR <= w.s.length;
        if (stagedA) w.s.set(a.subarray(aOff + p0 * m, aOff + (p0 + kc) * m));
        for (let i0 = r0; i0 < r0 + rows; i0 += MC) {
          const mc = Math.min(MC, r0 + rows - i0);
          // Stored A is [m, k] (row i holds op(A)[i, ·]) or, transposed, [k, m] (row p holds op(A)[·, p]): its
          // panels are transposed from the staged rows in the first case, moved out of them in the second.
          if (transA) {
            const [from, lds] = stagedA ? [i0, m] : [0, mc];
            if (!stagedA) copyRows(a, aOff + p0 * m + i0, m, kc, mc, w.s);
            w.panels(kc, mc, from, lds, "a");
          } else {
            copyRows(a, aOff + i0 * k + p0, k, mc, kc, w.s);
            w.transposePanels(mc, kc, 0, "a");
          }
          w.run(kc, mc, nc, ldc, i0 - r0, p0 > 0);
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
