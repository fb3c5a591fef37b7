/**
 * exp, tanh and sigmoid over a storage: float32 arrays of SIMD_MIN elements or more run in f32x4 SIMD
 * (activation-f32-wasm.ts, within the ulp bounds stated there), everything else in the JavaScript loop, which
 * rounds the double result once.
 */
import type { Storage } from "../dtype.ts";
import { mapF32 } from "./elementwise-f32.ts";
import { unary, type UnaryFn } from "./elementwise.ts";

/** σ(x), split by sign so that exp never overflows. */
export const sigmoidOf: UnaryFn = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export function exp(x: Storage, out: Storage): void {
  if (!mapF32("exp", out, x)) unary(Math.exp, x, out);
}

export function tanh(x: Storage, out: Storage): void {
  if (!mapF32("tanh", out, x)) unary(Math.tanh, x, out);
}

export function sigmoid(x: Storage, out: Storage): void {
  if (!mapF32("sigmoid", out, x)) unary(sigmoidOf, x, out);
}
