/**
 * The plain SGD update of float32 parameters, p ← p + α·g with α = −lr, in WebAssembly SIMD with the bits of the
 * JavaScript loop: that loop computes α·g and the sum in doubles and rounds the sum once to float32, so the kernel
 * widens each four floats to two f64x2 halves, does the same two double operations, and rounds back.
 */
import { f64, f64x2Add, f64x2Mul, f64x2Splat, forLoop, get, i32, i32Const, i32Mul, set, v128, v128Load, v128Store, type FunctionDef } from "./wasm-asm.ts";
import { join, widen } from "./wasm-widen.ts";

// Parameters (n floats, α), then locals.
const N = 0, ALPHA = 1, I = 2, END = 3, AV = 4, P = 5, G = 6;

/** `p + α·g` for the float32 lanes 0–1 (or, `high`, 2–3) of P and G, as an f64x2. */
const half = (high: boolean): number[] => [...widen(P, high), ...get(AV), ...widen(G, high), ...f64x2Mul, ...f64x2Add];

/** `axpy(n, α)`: C[i] = float32(A[i] + α·B[i]), the sum and product in doubles; A, B, C are byte offsets. */
export function axpyFunction(a: number, b: number, c: number): FunctionDef {
  const body = [
    ...get(I), ...v128Load(a), ...set(P),
    ...get(I), ...v128Load(b), ...set(G),
    ...get(I), ...join(half(false), half(true)), ...v128Store(c),
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
