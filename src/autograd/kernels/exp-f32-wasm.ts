/**
 * eˣ on four float32 lanes, as WebAssembly SIMD instructions (WebAssembly has no exp). For the kernels that need
 * it: softmax, tanh, sigmoid (softmax-f32-wasm.ts, activation-f32-wasm.ts).
 *
 *   1. t = min(max(x, −104), 89): below −104, eˣ < 2⁻¹⁵⁰ rounds to 0; above 89 it overflows; NaN stays NaN.
 *   2. n = nearest(t·log₂e), r = (t − n·C1) − n·C2 with C1 + C2 = ln 2: C1 has 12 significant bits, so n·C1
 *      (|n| ≤ 150) is exact, and so is t − n·C1 (Sterbenz: t lies within [n·C1/2, 2·n·C1]); |r| ≤ ln2/2 (1 + 2⁻¹⁴).
 *   3. eʳ by its Taylor polynomial of degree 7 in Horner's form (the remainder is below 0.2 ulp at |r| = ln2/2).
 *   4. eʳ·2ⁿ as eʳ·2^⌊n/2⌋·2^(n−⌊n/2⌋), both powers normal floats built from their exponent bits: the first
 *      product is exact, the second rounds once, so subnormal results and overflow to +∞ are rounded correctly.
 * The error bound, derived term by term in test/autograd/kernels/f32-bounds.ts: relative error at most 2.54·2⁻²⁴
 * (within 2.54 ulps) against eˣ of the float32 argument, plus 2⁻¹⁵⁰ absolute where the result is subnormal.
 */
import {
  f32x4Add, f32x4Const, f32x4Max, f32x4Min, f32x4Mul, f32x4Nearest, f32x4Sub, get, i32Const, i32x4Add, i32x4Shl,
  i32x4ShrS, i32x4Splat, i32x4Sub, i32x4TruncSatF32x4S, set, tee,
} from "./wasm-asm.ts";

export const EXP_LO = -104;
export const EXP_HI = 89;
export const LOG2E = Math.fround(Math.LOG2E);
/** ln 2 split: C1 = 2839/4096 (12 bits), C2 the rest rounded to float32. */
export const C1 = 2839 / 4096;
export const C2 = Math.fround(Math.LN2 - C1);
/** 1/k! rounded to float32, k = 0 … 7. */
export const COEFFS: readonly number[] = [1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 720, 1 / 5040].map(Math.fround);

/** The v128 locals the sequence overwrites: the argument t, n as a float, then r, then the polynomial. */
export interface ExpLocals {
  readonly t: number;
  readonly n: number;
  readonly r: number;
}

const pow2 = (n: number[]): number[] => [...n, ...i32Const(127), ...i32x4Splat, ...i32x4Add, ...i32Const(23), ...i32x4Shl];

/** Instructions leaving e^(local x) (four float32 lanes) on the stack; x itself is only read. */
export function expF32x4(x: number, { t, n, r }: ExpLocals): number[] {
  const horner: number[] = [...f32x4Const(COEFFS[7])];
  for (let k = 6; k >= 0; k--) horner.push(...get(r), ...f32x4Mul, ...f32x4Const(COEFFS[k]), ...f32x4Add);
  // ⌊n/2⌋ and n − ⌊n/2⌋ as int32 lanes; n itself sits in local t's place once t is no longer needed.
  const whole = [...get(n), ...i32x4TruncSatF32x4S];
  const half = [...whole, ...i32Const(1), ...i32x4ShrS];
  return [
    ...get(x), ...f32x4Const(EXP_LO), ...f32x4Max, ...f32x4Const(EXP_HI), ...f32x4Min, ...tee(t),
    ...f32x4Const(LOG2E), ...f32x4Mul, ...f32x4Nearest, ...set(n),
    ...get(t), ...get(n), ...f32x4Const(C1), ...f32x4Mul, ...f32x4Sub,
    ...get(n), ...f32x4Const(C2), ...f32x4Mul, ...f32x4Sub, ...set(r),
    ...horner,
    ...pow2(half), ...f32x4Mul,
    ...pow2([...whole, ...half, ...i32x4Sub]), ...f32x4Mul,
  ];
}
