/**
 * gemm's macro-kernel in WebAssembly SIMD: for every 4-row panel of packed op(A) and 4-column panel of packed
 * op(B) (gemm-pack.ts), the 4×4 tile Σ_p A(i, p)·B(p, j) is kept in eight f64x2 registers, two columns per lane
 * pair, and stored to a C block. Each lane does exactly the scalar kernel's operations in the same order (one
 * multiply, then one add, p = 0, 1, …, no fused multiply-add), so the results are bit for bit those of the
 * JavaScript kernel, about four times faster (two lanes, and no bounds checks or spills).
 *
 * The module is assembled at first use (wasm-asm.ts). Where WebAssembly or its SIMD is missing, `macroKernel`
 * returns null and gemm keeps its JavaScript kernel.
 */
import {
  assemble, f64x2Add, f64x2Mul, forLoop, get, i32, i32Add, i32Const, i32Mul, set, v128, v128Load, v128Load64Splat,
  v128Store, v128Zero,
} from "./wasm-asm.ts";
import { instantiate } from "./wasm-api.ts";


export interface MacroKernel {
  /** Packed panels of op(A), of op(B), and the C block: views of the module's memory. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  /**
   * c[i·ldc + j] = Σ_{p<kc} A(i, p)·B(p, j) for i < mc and j < nc rounded up to multiples of 4 (the packer pads
   * the last panels with zeros); ldc ≥ nc rounded up.
   */
  run(kc: number, mc: number, nc: number, ldc: number): void;
}

// Parameters, then locals, by number.
const KC = 0, MC = 1, NC = 2, LDC = 3, A = 4, B = 5, C = 6;
const JR = 7, IR = 8, P = 9, PA = 10, PB = 11, CP = 12;
const ACC = 13; // 8 accumulators: row r, columns 0-1 in ACC + 2r, columns 2-3 in ACC + 2r + 1
const B01 = 21, B23 = 22, AR = 23;

function body(): number[] {
  const inner: number[] = [...get(PB), ...v128Load(0), ...set(B01), ...get(PB), ...v128Load(16), ...set(B23)];
  for (let r = 0; r < 4; r++) {
    inner.push(...get(PA), ...v128Load64Splat(8 * r), ...set(AR));
    inner.push(...get(ACC + 2 * r), ...get(AR), ...get(B01), ...f64x2Mul, ...f64x2Add, ...set(ACC + 2 * r));
    inner.push(...get(ACC + 2 * r + 1), ...get(AR), ...get(B23), ...f64x2Mul, ...f64x2Add, ...set(ACC + 2 * r + 1));
  }
  inner.push(...get(PA), ...i32Const(32), ...i32Add, ...set(PA), ...get(PB), ...i32Const(32), ...i32Add, ...set(PB));
  const tile: number[] = [];
  for (let r = 0; r < 8; r++) tile.push(...v128Zero, ...set(ACC + r));
  // Panels start at (first row or column)·kc doubles.
  tile.push(...get(A), ...get(IR), ...get(KC), ...i32Mul, ...i32Const(8), ...i32Mul, ...i32Add, ...set(PA));
  tile.push(...get(B), ...get(JR), ...get(KC), ...i32Mul, ...i32Const(8), ...i32Mul, ...i32Add, ...set(PB));
  tile.push(...forLoop(P, KC, 1, inner));
  tile.push(...get(C), ...get(IR), ...get(LDC), ...i32Mul, ...get(JR), ...i32Add, ...i32Const(8), ...i32Mul, ...i32Add, ...set(CP));
  for (let r = 0; r < 4; r++) {
    tile.push(...get(CP), ...get(ACC + 2 * r), ...v128Store(0), ...get(CP), ...get(ACC + 2 * r + 1), ...v128Store(16));
    tile.push(...get(CP), ...get(LDC), ...i32Const(8), ...i32Mul, ...i32Add, ...set(CP));
  }
  return forLoop(JR, NC, 4, forLoop(IR, MC, 4, tile));
}

let enabled = true;

/** Turns the WebAssembly kernel off (or back on), to compare it with the JavaScript one. */
export function setWasmKernels(on: boolean): void {
  enabled = on;
}

let built: { aLen: number; bLen: number; cLen: number; kernel: MacroKernel | null } | null = null;

/** A macro-kernel whose regions hold `aLen`, `bLen` and `cLen` doubles, or null when unavailable or turned off. */
export function macroKernel(aLen: number, bLen: number, cLen: number): MacroKernel | null {
  if (!enabled) return null;
  if (built === null || built.aLen !== aLen || built.bLen !== bLen || built.cLen !== cLen) {
    built = { aLen, bLen, cLen, kernel: build(aLen, bLen, cLen) };
  }
  return built.kernel;
}

function build(aLen: number, bLen: number, cLen: number): MacroKernel | null {
  const bytes = 8 * (aLen + bLen + cLen);
  const instance = instantiate(assemble(Math.ceil(bytes / 65536), [
    {
      name: "macro",
      params: [i32, i32, i32, i32, i32, i32, i32],
      locals: [...new Array<typeof i32>(6).fill(i32), ...new Array<typeof v128>(11).fill(v128)],
      body: body(),
    },
  ]));
  if (instance === null) return null;
  const macro = instance.exports.macro as (...args: number[]) => void;
  const aBase = 0, bBase = 8 * aLen, cBase = 8 * (aLen + bLen);
  return {
    a: new Float64Array(instance.buffer, aBase, aLen),
    b: new Float64Array(instance.buffer, bBase, bLen),
    c: new Float64Array(instance.buffer, cBase, cLen),
    run: (kc, mc, nc, ldc) => macro(kc, mc, nc, ldc, aBase, bBase, cBase),
  };
}
