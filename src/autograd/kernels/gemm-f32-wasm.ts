/**
 * Float32 gemm's macro-kernel in WebAssembly SIMD (f32x4). For every MR-row strip of a block of op(A) and NR-column
 * strip of a block of op(B) (gemm-f32.ts copies them in), the MR×NR tile Σ_p A(i, p)·B(p, j) is kept in MR·NR/4
 * vector registers and stored to a C block. Sums accumulate in float32, as PyTorch's float32 gemm does.
 *
 * Register budget: x64 has 16 vector registers, but V8's code generator needs some for itself. A 4×8 tile holds 8
 * accumulators, 2 vectors of B and 1 splat of A: 11. Measured (macro-kernel alone, kc 256, Node 20): 4×8 runs at
 * 36–47 GFLOP/s, while the tiles that fill the 16 registers on paper spill: 6×8 (15 live) 22, 4×12 (16) 22,
 * 5×8 25, 3×16 23, 2×16 (13) 38; unrolling the k loop by 2 or 4 slows 4×8 to 27 and 23.
 */
import {
  assemble, f32x4Add, f32x4Mul, f32x4RelaxedMadd, forLoop, get, i32, i32Add, i32Const, i32Mul, set, v128, v128Load,
  v128Load32Splat, v128Store, v128Zero,
} from "./wasm-asm.ts";
import { hasRelaxedSimd } from "./wasm-features.ts";
import { instantiate } from "./wasm-api.ts";
import { repitchF32, transposeF32 } from "./transpose-f32-wasm.ts";

/** Rows and columns of the register tile. */
export const MR = 4;
export const NR = 8;
const NV = NR / 4;

export interface MacroKernelF32 {
  /** The blocks of op(A), of op(B), and of C: views of the module's memory. */
  readonly a: Float32Array;
  readonly b: Float32Array;
  readonly c: Float32Array;
  /** Staging for a block of op(B) stored transposed: rows × cols floats that `transpose` writes into `b`. */
  readonly s: Float32Array;
  /** b[c·ldb + r] = s[r·cols + c] for r < rows, c < cols (rows ≤ ldb). */
  transpose(rows: number, cols: number, ldb: number): void;
  /** `to`[r·ld + c] = s[from + r·lds + c] for r < rows, c < cols, into the A block (`to` "a") or the B block ("b"). */
  repitch(rows: number, cols: number, from: number, lds: number, to: "a" | "b", ld: number): void;
  /**
   * c[i·ldc + j] = Σ_{p<kc} A(i, p)·B(p, j) for i < mc rounded up to MR and j < nc rounded up to NR, where A(i, p)
   * is a[i·ai + p·ap] and B(p, j) is b[p·ldb + j]: the blocks are read in place, unpacked, so filling them is a
   * row copy. Rows and columns past mc and nc read whatever the blocks hold there; their results are discarded.
   * The tile lands at row `cRow` of the C block; with `add` the sums start from what the C block holds there (a
   * later k-block adds to the earlier ones in float32 without a pass in JavaScript), else from zero.
   */
  run(kc: number, mc: number, nc: number, ldc: number, ai: number, ap: number, ldb: number, cRow: number, add: boolean): void;
}

// Parameters, then locals, by number. Strides are in bytes.
const KC = 0, MC = 1, NC = 2, LDC = 3, A = 4, AI = 5, AP = 6, B = 7, BP = 8, C = 9, ADD = 10;
const JR = 11, IR = 12, P = 13, PA = 14, PB = 15, CP = 16, ROW = 17; // ROW + r: byte offset of row r of the tile in A
const I32_LOCALS = ROW + MR - JR;
const ACC = ROW + MR; // MR·NV accumulators: row r, vector v at ACC + r·NV + v
const BV = ACC + MR * NV, AR = BV + NV;

/** `acc += a·b`: one relaxed fused multiply-add where the machine has it, else a multiply then an add. */
function madd(acc: number, a: number, b: number, fused: boolean): number[] {
  return fused
    ? [...get(a), ...get(b), ...get(acc), ...f32x4RelaxedMadd, ...set(acc)]
    : [...get(acc), ...get(a), ...get(b), ...f32x4Mul, ...f32x4Add, ...set(acc)];
}

function body(fused: boolean): number[] {
  const inner: number[] = [];
  for (let v = 0; v < NV; v++) inner.push(...get(PB), ...v128Load(16 * v), ...set(BV + v));
  for (let r = 0; r < MR; r++) {
    inner.push(...get(PA), ...(r === 0 ? [] : [...get(ROW + r), ...i32Add]), ...v128Load32Splat(0), ...set(AR));
    for (let v = 0; v < NV; v++) inner.push(...madd(ACC + r * NV + v, AR, BV + v, fused));
  }
  inner.push(...get(PA), ...get(AP), ...i32Add, ...set(PA), ...get(PB), ...get(BP), ...i32Add, ...set(PB));
  const tileAddress = [...get(C), ...get(IR), ...get(LDC), ...i32Mul, ...get(JR), ...i32Const(4), ...i32Mul, ...i32Add, ...i32Add, ...set(CP)];
  const nextRow = [...get(CP), ...get(LDC), ...i32Add, ...set(CP)];
  const load: number[] = [];
  const zero: number[] = [];
  const store: number[] = [];
  for (let r = 0; r < MR; r++) {
    for (let v = 0; v < NV; v++) {
      load.push(...get(CP), ...v128Load(16 * v), ...set(ACC + r * NV + v));
      zero.push(...v128Zero, ...set(ACC + r * NV + v));
      store.push(...get(CP), ...get(ACC + r * NV + v), ...v128Store(16 * v));
    }
    load.push(...nextRow);
    store.push(...nextRow);
  }
  const tile = [...tileAddress, ...get(ADD), ...ifElse(load, zero)];
  tile.push(...get(A), ...get(IR), ...get(AI), ...i32Mul, ...i32Add, ...set(PA));
  tile.push(...get(B), ...get(JR), ...i32Const(4), ...i32Mul, ...i32Add, ...set(PB));
  tile.push(...forLoop(P, KC, 1, inner), ...tileAddress, ...store);
  const rows: number[] = [];
  for (let r = 1; r < MR; r++) rows.push(...get(AI), ...i32Const(r), ...i32Mul, ...set(ROW + r));
  return [...rows, ...forLoop(JR, NC, NR, forLoop(IR, MC, MR, tile))];
}

/** `if (top of stack) then … else …`, with no result. */
function ifElse(then: readonly number[], otherwise: readonly number[]): number[] {
  return [0x04, 0x40, ...then, 0x05, ...otherwise, 0x0b];
}

/** The module's bytes: `macro(kc, mc, nc, ldc, a, ai, ap, b, ldb, c, add)` (addresses and strides in bytes). */
export function macroModuleF32(pages: number, fused: boolean): Uint8Array {
  return assemble(pages, [
    {
      name: "macro",
      params: new Array<typeof i32>(11).fill(i32),
      locals: [...new Array<typeof i32>(I32_LOCALS).fill(i32), ...new Array<typeof v128>(MR * NV + NV + 1).fill(v128)],
      body: body(fused),
    },
    transposeF32(),
    repitchF32(),
  ]);
}

let built: { aLen: number; bLen: number; cLen: number; kernel: MacroKernelF32 | null } | null = null;
let enabled = true;

/** Turns the float32 SIMD kernel off (or back on): float32 gemm then takes the float64-accumulating path. */
export function setF32Kernels(on: boolean): void {
  enabled = on;
}

/** A macro-kernel whose regions hold `aLen`, `bLen` and `cLen` floats, or null when unavailable or turned off. */
export function macroKernelF32(aLen: number, bLen: number, cLen: number): MacroKernelF32 | null {
  if (!enabled) return null;
  if (built === null || built.aLen !== aLen || built.bLen !== bLen || built.cLen !== cLen) {
    built = { aLen, bLen, cLen, kernel: build(aLen, bLen, cLen) };
  }
  return built.kernel;
}

function build(aLen: number, bLen: number, cLen: number): MacroKernelF32 | null {
  // The staging region comes last, with 16 bytes to spare for the transpose's reads past its last row.
  const pages = Math.ceil((4 * (aLen + 2 * bLen + cLen) + 16) / 65536);
  // Relaxed SIMD where the engine validates it; otherwise the plain multiply and add.
  const instance = instantiate(macroModuleF32(pages, hasRelaxedSimd()));
  if (instance === null) return null;
  const macro = instance.exports.macro as (...args: number[]) => void;
  const transpose = instance.exports.transpose as (...args: number[]) => void;
  const repitch = instance.exports.repitch as (...args: number[]) => void;
  const aBase = 0, bBase = 4 * aLen, cBase = 4 * (aLen + bLen), sBase = cBase + 4 * cLen;
  return {
    a: new Float32Array(instance.buffer, aBase, aLen),
    b: new Float32Array(instance.buffer, bBase, bLen),
    c: new Float32Array(instance.buffer, cBase, cLen),
    s: new Float32Array(instance.buffer, sBase, bLen),
    transpose: (rows, cols, ldb) => transpose(rows, cols, sBase, bBase, ldb),
    repitch: (rows, cols, from, lds, to, ld) => repitch(rows, cols, sBase + 4 * from, lds, to === "a" ? aBase : bBase, ld),
    run: (kc, mc, nc, ldc, ai, ap, ldb, cRow, add) =>
      macro(kc, mc, nc, 4 * ldc, aBase, 4 * ai, 4 * ap, bBase, 4 * ldb, cBase + 4 * cRow * ldc, add ? 1 : 0),
  };
}
