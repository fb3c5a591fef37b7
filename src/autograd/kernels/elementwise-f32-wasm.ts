/**
 * Float32 elementwise kernels in WebAssembly SIMD (f32x4), assembled at run time as the gemm is, in one module with
 * the reductions, activations, softmax and optimizer updates of reduce-, activation-, softmax- and optim-f32-wasm.ts.
 * Tensors live outside the module's memory, so every call copies its operands into fixed regions of CHUNK floats
 * (wasm-map.ts) and its results out; elementwise-f32.ts cuts longer arrays into chunks. A copy is a native memcpy
 * (about 0.06 ns per float here) while a scalar JavaScript loop costs 1–2 ns per element, so the copies pay.
 *
 * Every function takes the element count n ≥ 1 and handles ⌈n/4⌉ vectors; lanes past n compute on whatever the
 * regions hold and are never copied out. Each lane rounds as one float32 operation, as the JavaScript loop over
 * Float32Arrays does (an f32 op on f32 inputs rounds the exact result once; JavaScript's double op then rounding
 * to float32 gives the same bits for + − × ÷, since a double holds 2·24 + 2 bits), so both paths agree bit for bit.
 */
import { activationFunctions } from "./activation-f32-wasm.ts";
import { axpyFunction } from "./axpy-f32-wasm.ts";
import { optimizerFunctions } from "./optim-f32-wasm.ts";
import { reduceFunctions } from "./reduce-f32-wasm.ts";
import { softmaxFunctions } from "./softmax-f32-wasm.ts";
import { instantiate } from "./wasm-api.ts";
import {
  assemble, elseArm, end, f32, f32x4Add, f32x4Div, f32x4Gt, f32x4Lt, f32x4Max, f32x4Mul, f32x4SignBits, f32x4Splat,
  f32x4Sub, forLoop, get, i32, i32Add, i32Const, i32Mul, ifV128, set, tee, v128, v128And, v128Load, v128Or,
  v128Store, v128Xor, v128Zero, type FunctionDef,
} from "./wasm-asm.ts";
import { A, at, B, C, CHUNK, D, E, mapFn, PAGES } from "./wasm-map.ts";

export { CHUNK };

export const BINARY_OPS = ["add", "sub", "mul", "div"] as const;
export type BinaryOpName = (typeof BINARY_OPS)[number];
const opcode: Record<BinaryOpName, number[]> = { add: f32x4Add, sub: f32x4Sub, mul: f32x4Mul, div: f32x4Div };

function functions(): FunctionDef[] {
  const fns: FunctionDef[] = [];
  for (const op of BINARY_OPS) {
    fns.push(mapFn(`${op}_vv`, false, (i) => [...at(A)(i), ...at(B)(i), ...opcode[op]]));
    fns.push(mapFn(`${op}_vs`, true, (i, s) => [...at(A)(i), ...get(s), ...opcode[op]]));
    fns.push(mapFn(`${op}_sv`, true, (i, s) => [...get(s), ...at(A)(i), ...opcode[op]]));
  }
  // relu(x) = max(x, 0): NaN stays NaN and −0 becomes +0, as the JavaScript rule.
  fns.push(mapFn("relu", false, (i) => [...at(A)(i), ...v128Zero, ...f32x4Max]));
  // g·[x > 0] with g in A and x in B: the comparison's all-ones lanes keep g's bits, the others give +0.
  fns.push(mapFn("relu_gate", false, (i) => [...at(A)(i), ...at(B)(i), ...v128Zero, ...f32x4Gt, ...v128And]));
  // g·sign(x): g with x's sign bit folded in, kept where x > 0 or x < 0 (0 at x = ±0 and NaN).
  fns.push(mapFn("sign_gate", false, (i) => [
    ...at(A)(i), ...at(B)(i), ...f32x4SignBits, ...v128And, ...v128Xor,
    ...at(B)(i), ...v128Zero, ...f32x4Gt, ...at(B)(i), ...v128Zero, ...f32x4Lt, ...v128Or, ...v128And,
  ]));
  fns.push(...reduceFunctions(), axpyFunction(A, B, C), ...activationFunctions(), ...softmaxFunctions(), ...optimizerFunctions());
  return fns;
}

export interface ElementwiseF32 {
  readonly a: Float32Array;
  readonly b: Float32Array;
  readonly c: Float32Array;
  readonly d: Float32Array;
  readonly e: Float32Array;
  /** Region E read as CHUNK/2 doubles. */
  readonly e64: Float64Array;
  readonly fn: Readonly<Record<string, (...args: number[]) => void>>;
}

/** The module's bytes. */
export function elementwiseModuleF32(): Uint8Array {
  return assemble(PAGES, functions());
}

let built: ElementwiseF32 | null | undefined;
let enabled = true;

/** Turns the SIMD elementwise kernels off (or back on): float32 then takes the JavaScript loops. */
export function setElementwiseF32(on: boolean): void {
  enabled = on;
}

/** The instantiated kernels, or null where WebAssembly SIMD is missing or they are turned off. */
export function elementwiseF32(): ElementwiseF32 | null {
  if (!enabled) return null;
  if (built === undefined) {
    const instance = instantiate(elementwiseModuleF32());
    built = instance === null ? null : {
      a: new Float32Array(instance.buffer, A, CHUNK),
      b: new Float32Array(instance.buffer, B, CHUNK),
      c: new Float32Array(instance.buffer, C, CHUNK),
      d: new Float32Array(instance.buffer, D, CHUNK),
      e: new Float32Array(instance.buffer, E, CHUNK),
      e64: new Float64Array(instance.buffer, E, CHUNK / 2),
      fn: instance.exports as Record<string, (...args: number[]) => void>,
    };
  }
  return built;
}
