/**
 * Float32 gemm's macro-kernel in WebAssembly SIMD (f32x4). For every MR-row strip of a block of op(A) and NR-column
 * strip of a block of op(B) (gemm-f32.ts copies them in), the MR×NR tile Σ_p A(i, p)·B(p, j) is kept in MR·NR/4
 * vector registers and stored to a C block. Sums accumulate in float32, as PyTorch's float32 gemm does.
 *
 * Register budget: x64 has 16 vector registers, but V8's code generator needs some for itself. A 4×8 tile holds 8
 * accumulators, 2 vectors of B and 1 splat of A: 11. Measured (macro-kernel alone, kc 256, Node 20): 4×8 runs at
 * 36–47 GFLOP/s, while the tiles that fill the 16 registers on paper spill: 6×8 (15 live) 22, 4×12 (16) 22,
 * 5×8 25, 3×16 23, 2×16 (13) 38; unrolling the k loop by 2 or 4 slows 4×8 to 27 and 23 (TurboFan hoists the
 * second k's loads above the first k's arithmetic and spills; it unrolls the loop itself, without that, anyway).
 *
 * Instructions per k, not registers, are the limit of the 4×8 tile: 16 multiply and add (Node 20 has no fused
 * multiply-add) against 2 loads of B, 4 splats of A and the loop's pointer steps, compare and branch. The blocks
 * are therefore packed into panels, [kc × MR] for A and [kc × NR] for B: one k's MR values of A are adjacent, their
 * splats take constant offsets from one pointer (in place of a row stride added per row), both pointers step by
 * constants, and the loop ends on B's pointer rather than a counter: 26 instructions per k in TurboFan's code
 * (Node 20) instead of 30. With the A values adjacent, 5×8 and a k loop unrolled by 2 were measured again, paired
 * against 4×8 on the same products: 0.8× and 0.6× its speed (spills, as before).
 */
import {
  assemble, block, brIf, end, f32x4Add, f32x4Mul, f32x4RelaxedMadd, forLoop, get, i32, i32Add, i32Const, i32LtU, i32Mul,
  loop, set, v128, v128Load, v128Load32Splat, v128Store, v128Zero,
} from "./wasm-asm.ts";
import { hasRelaxedSimd } from "./wasm-features.ts";
import { instantiate } from "./wasm-api.ts";
import { panelsF32, transposeF32, transposePanelsF32 } from "./transpose-f32-wasm.ts";

/** Rows and columns of the register tile. */
export const MR = 4;
export const NR = 8;
/** Rows of op(A) per block, a multiple of MR: the A block is MC/MR panels. */
export const MC = 64;
const NV = NR / 4;

export interface MacroKernelF32 {
  /** The blocks of op(A), of op(B), and of C: views of the module's memory. */
  readonly a: Float32Array;
  readonly b: Float32Array;
  readonly c: Float32Array;
  /** Staging: rows copied in natively, which `panels` and `transposePanels` move into the A or B block. */
  readonly s: Float32Array;
  /**
   * The A block (`to` "a", W = MR) or the B block ("b", W = NR) as the kernel reads it, from the rows × cols block
   * at s[from…] (row stride lds): panel q holds its columns q·W… as [rows × W] at `to`[q·rows·W…].
   */
  panels(rows: number, cols: number, from: number, lds: number, to: "a" | "b"): void;
  /** The same panels from the rows × cols block at s[from…] (row stride cols) transposed: panel q is [cols × W]. */
  transposePanels(rows: number, cols: number, from: number, to: "a" | "b"): void;
  /**
   * c[i·ldc + j] = Σ_{p<kc} A(i, p)·B(p, j) for i < mc rounded up to MR and j < nc rounded up to NR, where A(i, p)
   * is lane i mod MR of row p of the A block's panel ⌊i/MR⌋ and B(p, j) likewise in the B block's panels (`panels`).
   * Rows and columns past mc and nc read whatever the panels hold there; their results are discarded.
   * The tile lands at row `cRow` of the C block; with `add` the sums start from what the C block holds there (a
   * later k-block adds to the earlier ones in float32 without a pass in JavaScript), else from zero.
   */
  run(kc: number, mc: number, nc: number, ldc: number, cRow: number, add: boolean): void;
}

// Parameters, then locals, by number. Strides are in bytes.
const KC = 0, MROWS = 1, NC = 2, LDC = 3, A = 4, B = 5, C = 6, ADD = 7;
const JR = 8, IR = 9, PA = 10, PB = 11, PEND = 12, CP = 13;
const I32_LOCALS = CP + 1 - JR;
const ACC = CP + 1; // MR·NV accumulators: row r, vector v at ACC + r·NV + v
const BV = ACC + MR * NV, AR = BV + NV;

/** `acc += a·b`: one relaxed fused multiply-add where the machine has it, else a multiply then an add. */
function madd(acc: number, a: number, b: number, fused: boolean): number[] {
  return fused
    ? [...get(a), ...get(b), ...get(acc), ...f32x4RelaxedMadd, ...set(acc)]
    : [...get(acc), ...get(a), ...get(b), ...f32x4Mul, ...f32x4Add, ...set(acc)];
}

/** `local += by`. */
const advance = (local: number, by: readonly number[]): number[] => [...get(local), ...by, ...i32Add, ...set(local)];

/** One k of the tile: B's row at PB, A's MR adjacent values at PA, then both pointers step to the next k. */
function step(fused: boolean): number[] {
  const out: number[] = [];
  for (let v = 0; v < NV; v++) out.push(...get(PB), ...v128Load(16 * v), ...set(BV + v));
  for (let r = 0; r < MR; r++) {
    out.push(...get(PA), ...v128Load32Splat(4 * r), ...set(AR));
    for (let v = 0; v < NV; v++) out.push(...madd(ACC + r * NV + v, AR, BV + v, fused));
  }
  out.push(...advance(PA, i32Const(4 * MR)), ...advance(PB, i32Const(4 * NR)));
  return out;
}

function body(fused: boolean): number[] {
  // A do-while over k (kc ≥ 1) that ends when B's pointer reaches the end of its strip.
  const ks = [...block, ...loop, ...step(fused), ...get(PB), ...get(PEND), ...i32LtU, ...brIf(0), ...end, ...end];
  const tileAddress = [...get(C), ...get(IR), ...get(LDC), ...i32Mul, ...get(JR), ...i32Const(4), ...i32Mul, ...i32Add, ...i32Add, ...set(CP)];
  const nextRow = advance(CP, get(LDC));
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
  // Panels: the strip of rows from IR starts IR·kc floats into the A block, the strip of columns from JR JR·kc into B's.
  tile.push(...get(A), ...get(IR), ...get(KC), ...i32Mul, ...i32Const(4), ...i32Mul, ...i32Add, ...set(PA));
  tile.push(...get(B), ...get(JR), ...get(KC), ...i32Mul, ...i32Const(4), ...i32Mul, ...i32Add, ...set(PB));
  tile.push(...get(PB), ...get(KC), ...i32Const(4 * NR), ...i32Mul, ...i32Add, ...set(PEND));
  tile.push(...ks);
  tile.push(...tileAddress, ...store);
  return forLoop(JR, NC, NR, forLoop(IR, MROWS, MR, tile));
}

/** `if (top of stack) then … else …`, with no result. */
function ifElse(then: readonly number[], otherwise: readonly number[]): number[] {
  return [0x04, 0x40, ...then, 0x05, ...otherwise, 0x0b];
}

/** The module's bytes: `macro(kc, mc, nc, ldc, a, b, ldb, c, add)` (addresses and strides in bytes). */
export function macroModuleF32(pages: number, fused: boolean): Uint8Array {
  return assemble(pages, [
    {
      name: "macro",
      params: new Array<typeof i32>(8).fill(i32),
      locals: [...new Array<typeof i32>(I32_LOCALS).fill(i32), ...new Array<typeof v128>(MR * NV + NV + 1).fill(v128)],
      body: body(fused),
    },
    transposeF32(),
    transposePanelsF32(1),
    panelsF32(MR),
    panelsF32(NR),
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
  // The staging region comes last, with 64 bytes to spare for the copies' reads past its last row.
  const pages = Math.ceil((4 * (aLen + 2 * bLen + cLen) + 64) / 65536);
  // Relaxed SIMD where the engine validates it; otherwise the plain multiply and add.
  const instance = instantiate(macroModuleF32(pages, hasRelaxedSimd()));
  if (instance === null) return null;
  const macro = instance.exports.macro as (...args: number[]) => void;
  const transposePanels = instance.exports.transposePanels as (...args: number[]) => void;
  const panelsA = instance.exports[`panels${MR}`] as (...args: number[]) => void;
  const panelsB = instance.exports[`panels${NR}`] as (...args: number[]) => void;
  const aBase = 0, bBase = 4 * aLen, cBase = 4 * (aLen + bLen), sBase = cBase + 4 * cLen;
  return {
    a: new Float32Array(instance.buffer, aBase, aLen),
    b: new Float32Array(instance.buffer, bBase, bLen),
    c: new Float32Array(instance.buffer, cBase, cLen),
    s: new Float32Array(instance.buffer, sBase, bLen),
    panels: (rows, cols, from, lds, to) => (to === "a" ? panelsA : panelsB)(rows, cols, sBase + 4 * from, lds, to === "a" ? aBase : bBase),
    transposePanels: (rows, cols, from, to) =>
      transposePanels(rows, cols, sBase + 4 * from, to === "a" ? aBase : bBase, to === "a" ? MR : NR),
    run: (kc, mc, nc, ldc, cRow, add) => macro(kc, mc, nc, 4 * ldc, aBase, bBase, cBase + 4 * cRow * ldc, add ? 1 : 0),
  };
}
