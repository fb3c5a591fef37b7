/**
 * General matrix multiply: C = op(A)·op(B) (+ C), the hot loop of the engine.
 *
 * Blocking scheme of the large-matrix path (after Goto & van de Geijn):
 *  1. Split the columns of C into blocks of NC and the shared dimension k into
 *     blocks of KC, so a packed KC×NC block of op(B) stays in L2 cache.
 *  2. Pack that block of op(B) into panels of 4 columns (gemm-pack.ts): panel
 *     element (p, j) sits at p·4 + j, so reading it is one sequential stream.
 *  3. Split the rows of C into blocks of MC and pack the MC×KC block of op(A)
 *     the same way, into panels of 4 rows.
 *  4. For every 4-row panel of A and 4-column panel of B, the 4×4 micro-kernel
 *     runs over the KC shared elements keeping the 16 partial sums of its C tile
 *     in local variables, then adds them into C once. Memory accesses per
 *     multiply-add drop from 3 (plain i-k-j loop) to 0.5: about 3-4× faster.
 *  5. Panels at the right/bottom edge are zero-padded by the packer; the
 *     kernel computes a full tile into a scratch tile and only the valid part
 *     is copied to C.
 * Packing also removes the transpositions: all four variants, and float32 or
 * float64 operands, become the same float64 panels and the same kernel.
 * Where WebAssembly SIMD is available, steps 4-5 run in gemm-wasm.ts's
 * macro-kernel instead: the same sums in the same order, about four times faster.
 *
 * Matrices with fewer than 4 rows or columns, or very small ones, skip packing
 * and use plain loops (gemmSmall), where padding or packing would cost more
 * than the arithmetic. When A, B and C are all float32 and the product is not
 * small, gemm-f32.ts computes it in f32x4 SIMD with float32 sums, as PyTorch's
 * float32 does. Every other sum is accumulated in doubles; a float32 C is then
 * rounded once per element (see gemmToF32), never between k-blocks.
 * C must not overlap A or B.
 */
import type { Storage } from "../dtype.ts";
import { PANEL, packPanels } from "./gemm-pack.ts";
import { gemmF32 } from "./gemm-f32.ts";
import { macroKernel, type MacroKernel } from "./gemm-wasm.ts";

const KC = 256; // shared-dimension block: a 4×KC panel is 8 KiB, well inside L1
const MC = 64; // rows of op(A) packed at once (128 KiB, stays in L2)
const NC = 256; // columns of op(B) packed at once (512 KiB, stays in L2)
/**
 * Below this many multiply-adds plain loops win. The crossover is low because a
 * plain loop iteration costs as much as packing an element: measured, 16×16×16
 * takes 2.5 µs packed against 6 µs in loops, and 4×4×4 is a tie.
 */
const SMALL = 64;
/**
 * Below this many multiply-adds float32 stays on the float64-accumulating path: the SIMD kernel's copies in and
 * out and its call cost more than they save. Measured on W1 (products of 32×2×16, 32×16×16, 32×16×1), the SIMD
 * kernel made the step 1.2× slower; W2's smallest product, 64×64×10, is 41k.
 */
const SIMD_F32_MIN = 16384;

// Scratch buffers, grown on demand and reused so steady-state calls never allocate.
let aPack = new Float64Array(0);
let bPack = new Float64Array(0);
let rowBuf = new Float64Array(0);
let cBuf = new Float64Array(0);
const tile = new Float64Array(PANEL * PANEL);

/**
 * C[m×n] = op(A)·op(B) (+ C when accumulate), op(X) = Xᵀ when its flag is set.
 * Row-major; A is [m,k] ([k,m] if transA), B is [k,n] ([n,k] if transB); each
 * starts at its offset. Arithmetic is done in doubles and stored into c.
 */
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Storage, aOff: number, b: Storage, bOff: number, c: Storage, cOff: number, accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) c.fill(0, cOff, cOff + m * n);
    return;
  }
  // Strides: op(A)[i, p] is a[aOff + i·ai + p·ap], op(B)[p, j] is b[bOff + p·bp + j·bj].
  const ai = transA ? 1 : k, ap = transA ? m : 1;
  const bp = transB ? 1 : n, bj = transB ? k : 1;
  if (m < PANEL || n < PANEL || m * n * k < SMALL) {
    gemmSmall(m, n, k, a, aOff, ai, ap, b, bOff, bp, bj, c, cOff, accumulate);
  } else if (
    m * n * k >= SIMD_F32_MIN && c instanceof Float32Array && a instanceof Float32Array && b instanceof Float32Array &&
    gemmF32(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate)
  ) {
    // float32 throughout: f32x4 SIMD, float32 accumulation (gemm-f32.ts)
  } else if (c instanceof Float32Array && k > KC) {
    gemmToF32(m, n, k, a, aOff, ai, ap, b, bOff, bp, bj, c, cOff, accumulate);
  } else {
    gemmBlocked(m, n, k, a, aOff, ai, ap, b, bOff, bp, bj, c, cOff, accumulate);
  }
}

/** Plain loops; the inner loop is unrolled by 4 along k to amortise loop overhead. */
function gemmSmall(
  m: number, n: number, k: number, a: Storage, aOff: number, ai: number, ap: number,
  b: Storage, bOff: number, bp: number, bj: number, c: Storage, cOff: number, accumulate: boolean,
): void {
  const ap2 = 2 * ap, ap3 = 3 * ap, ap4 = 4 * ap, bp2 = 2 * bp, bp3 = 3 * bp, bp4 = 4 * bp;
  if (n < PANEL) {
    // Few columns (matrix·vector-like): one dot product per element of C.
    for (let i = 0; i < m; i++) {
      const ci = cOff + i * n;
      for (let j = 0; j < n; j++) {
        let x = aOff + i * ai, y = bOff + j * bj, p = 0;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; p + 4 <= k; p += 4, x += ap4, y += bp4) {
          s0 += a[x] * b[y];
          s1 += a[x + ap] * b[y + bp];
          s2 += a[x + ap2] * b[y + bp2];
          s3 += a[x + ap3] * b[y + bp3];
        }
        for (; p < k; p++, x += ap, y += bp) s0 += a[x] * b[y];
        const s = (s0 + s1) + (s2 + s3);
        c[ci + j] = accumulate ? c[ci + j] + s : s;
      }
    }
    return;
  }
  // Few rows (vector·matrix-like) or tiny: accumulate each row of C in a double
  // buffer, sweeping rows of op(B); this keeps B accesses row-wise when B is not
  // transposed, which matters when B is large.
  if (rowBuf.length < n) rowBuf = new Float64Array(n);
  const row = rowBuf;
  for (let i = 0; i < m; i++) {
    const ci = cOff + i * n;
    if (accumulate) for (let j = 0; j < n; j++) row[j] = c[ci + j];
    else for (let j = 0; j < n; j++) row[j] = 0;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const x = aOff + i * ai + p * ap;
      const a0 = a[x], a1 = a[x + ap], a2 = a[x + ap2], a3 = a[x + ap3];
      for (let j = 0, y = bOff + p * bp; j < n; j++, y += bj) {
        row[j] += a0 * b[y] + a1 * b[y + bp] + a2 * b[y + bp2] + a3 * b[y + bp3];
      }
    }
    for (; p < k; p++) {
      const av = a[aOff + i * ai + p * ap];
      for (let j = 0, y = bOff + p * bp; j < n; j++, y += bj) row[j] += av * b[y];
    }
    for (let j = 0; j < n; j++) c[ci + j] = row[j];
  }
}

/**
 * Float32 C with k > KC: the k-blocks would round partial sums to float32
 * between blocks, so compute into a float64 scratch C and round once.
 */
function gemmToF32(
  m: number, n: number, k: number, a: Storage, aOff: number, ai: number, ap: number,
  b: Storage, bOff: number, bp: number, bj: number, c: Float32Array, cOff: number, accumulate: boolean,
): void {
  const size = m * n;
  if (cBuf.length < size) cBuf = new Float64Array(size);
  const s = cBuf;
  gemmBlocked(m, n, k, a, aOff, ai, ap, b, bOff, bp, bj, s, 0, false);
  for (let t = 0; t < size; t++) c[cOff + t] = accumulate ? c[cOff + t] + s[t] : s[t];
}

/** Steps 1-5 of the header. Precondition: m, n ≥ 1, k ≥ 1. */
function gemmBlocked(
  m: number, n: number, k: number, a: Storage, aOff: number, ai: number, ap: number,
  b: Storage, bOff: number, bp: number, bj: number, c: Storage, cOff: number, accumulate: boolean,
): void {
  const wasm = macroKernel(MC * KC, NC * KC, MC * NC);
  if (wasm !== null) {
    gemmBlockedWasm(wasm, m, n, k, a, aOff, ai, ap, b, bOff, bp, bj, c, cOff, accumulate);
    return;
  }
  const kb = Math.min(k, KC);
  const aNeed = Math.ceil(Math.min(m, MC) / PANEL) * PANEL * kb;
  const bNeed = Math.ceil(Math.min(n, NC) / PANEL) * PANEL * kb;
  if (aPack.length < aNeed) aPack = new Float64Array(aNeed);
  if (bPack.length < bNeed) bPack = new Float64Array(bNeed);
  // Local copies: V8 reloads module-level `let` bindings on every access.
  const aP = aPack, bP = bPack;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      const acc = accumulate || p0 > 0; // later k-blocks add to the earlier ones
      packPanels(b, bOff + p0 * bp + j0 * bj, bj, bp, nc, kc, bP);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packPanels(a, aOff + i0 * ai + p0 * ap, ai, ap, mc, kc, aP);
        for (let jr = 0; jr < nc; jr += PANEL) {
          const cols = Math.min(PANEL, nc - jr);
          for (let ir = 0; ir < mc; ir += PANEL) {
            const rows = Math.min(PANEL, mc - ir);
            const cIdx = cOff + (i0 + ir) * n + j0 + jr;
            // Panel r starts at r·PANEL·kc, i.e. at (its first row or column)·kc.
            if (rows === PANEL && cols === PANEL) {
              kernel4x4(kc, aP, ir * kc, bP, jr * kc, c, cIdx, n, acc);
              continue;
            }
            kernel4x4(kc, aP, ir * kc, bP, jr * kc, tile, 0, PANEL, false);
            for (let ii = 0; ii < rows; ii++) {
              for (let jj = 0; jj < cols; jj++) {
                const t = cIdx + ii * n + jj, v = tile[ii * PANEL + jj];
                c[t] = acc ? c[t] + v : v;
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Steps 1-5 with the WebAssembly macro-kernel (gemm-wasm.ts): the same panels, packed into its memory, and the
 * same sums, bit for bit; it computes a whole MC×NC block of tiles per call into its C block, copied out here.
 */
function gemmBlockedWasm(
  w: MacroKernel, m: number, n: number, k: number, a: Storage, aOff: number, ai: number, ap: number,
  b: Storage, bOff: number, bp: number, bj: number, c: Storage, cOff: number, accumulate: boolean,
): void {
  const aP = w.a, bP = w.b, s = w.c;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    const ldc = Math.ceil(nc / PANEL) * PANEL;
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      const acc = accumulate || p0 > 0;
      packPanels(b, bOff + p0 * bp + j0 * bj, bj, bp, nc, kc, bP);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packPanels(a, aOff + i0 * ai + p0 * ap, ai, ap, mc, kc, aP);
        w.run(kc, mc, nc, ldc);
        for (let i = 0; i < mc; i++) {
          const ci = cOff + (i0 + i) * n + j0, si = i * ldc;
          if (acc) for (let j = 0; j < nc; j++) c[ci + j] += s[si + j];
          else for (let j = 0; j < nc; j++) c[ci + j] = s[si + j];
        }
      }
    }
  }
}

/**
 * The 4×4 micro-kernel (step 4): C tile at c[cIdx] (row stride ldc) = or +=
 * packed A panel × packed B panel. Sixteen named accumulators rather than an
 * array, so that V8 keeps them in registers; constant index offsets, because
 * stride variables measured ~40% slower (more live values, more spills).
 */
function kernel4x4(
  kc: number, ap: Float64Array, aIdx: number, bp: Float64Array, bIdx: number,
  c: Storage, cIdx: number, ldc: number, acc: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = ap[aIdx], a1 = ap[aIdx + 1], a2 = ap[aIdx + 2], a3 = ap[aIdx + 3];
    const b0 = bp[bIdx], b1 = bp[bIdx + 1], b2 = bp[bIdx + 2], b3 = bp[bIdx + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    aIdx += 4; bIdx += 4;
  }
  if (acc) {
    c[cIdx] += c00; c[cIdx + 1] += c01; c[cIdx + 2] += c02; c[cIdx + 3] += c03; cIdx += ldc;
    c[cIdx] += c10; c[cIdx + 1] += c11; c[cIdx + 2] += c12; c[cIdx + 3] += c13; cIdx += ldc;
    c[cIdx] += c20; c[cIdx + 1] += c21; c[cIdx + 2] += c22; c[cIdx + 3] += c23; cIdx += ldc;
    c[cIdx] += c30; c[cIdx + 1] += c31; c[cIdx + 2] += c32; c[cIdx + 3] += c33;
  } else {
    c[cIdx] = c00; c[cIdx + 1] = c01; c[cIdx + 2] = c02; c[cIdx + 3] = c03; cIdx += ldc;
    c[cIdx] = c10; c[cIdx + 1] = c11; c[cIdx + 2] = c12; c[cIdx + 3] = c13; cIdx += ldc;
    c[cIdx] = c20; c[cIdx + 1] = c21; c[cIdx + 2] = c22; c[cIdx + 3] = c23; cIdx += ldc;
    c[cIdx] = c30; c[cIdx + 1] = c31; c[cIdx + 2] = c32; c[cIdx + 3] = c33;
  }
}
