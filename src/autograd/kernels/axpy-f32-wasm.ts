/**
 * The plain SGD update of float32 parameters, p ← p + α·g with α = −lr, in WebAssembly SIMD with the bits of the
 * JavaScript loop: that loop computes α·g and the sum in doubles and rounds the sum once to float32, so the kernel
 * widens each four floats to two f64x2 halves, does the same two double operations, and rounds back.
 */
import {
  f32x4DemoteZero, f32x4Shuffle, f64, f64x2Add, f64x2Mul, f64x2PromoteLow, f64x2Splat, forLoop, get, i32, i32Const,
  i32Mul, set, v128, v128Load, v128Store, type FunctionDef,
} from "./wasm-asm.ts";

// Parameters (n floats, α), then locals.
const N = 0, ALPHA = 1, I = 2, END = 3, AV = 4, P = 5, G = 6;
const HIGH: [number, number, number, number] = [2, 3, 2, 3];
const JOIN: [number, number, number, number] = [0, 1, 4, 5];

/** `p + α·g` for the float32 lanes `half` (0: lanes 0–1, 1: lanes 2–3) of P and G, as an f64x2. */
function half(high: boolean): number[] {
  const widen = (v: number): number[] => [...get(v), ...(high ? [...get(v), ...f32x4Shuffle(HIGH)] : []), ...f64x2PromoteLow];
  return [...widen(P), ...get(AV), ...widen(G), ...f64x2Mul, ...f64x2Add, ...f32x4DemoteZero];
}

/** `axpy(n, α)`: C[i] = float32(A[i] + α·B[i]), the sum and product in doubles; A, B, C are byte offsets. */
export function axpyFunction(a: number, b: number, c: number): FunctionDef {
  const body = [
    ...get(I), ...v128Load(a), ...set(P),
    ...get(I), ...v128Load(b), ...set(G),
    ...get(I), ...half(false), ...half(true), ...f32x4Shuffle(JOIN), ...v128Store(c),
  ];
  return {
    name: "axpy",
    params: [i32, f64],
    locals: [i32, i32, v128, v128, v128],
    body: [
      ...get(ALPHA), ...f64x2Splat, ...set(AV),
      ...get(N), ...i32Const(4), ...i32Mul, ...set(END),
      ...forLoop(I, END, 16, body),
    ],
  };
}
