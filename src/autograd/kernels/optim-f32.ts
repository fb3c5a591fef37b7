/**
 * The float32 optimizer updates in SIMD (optim-f32-wasm.ts), a chunk at a time: the parameter and its state are
 * copied into the module's regions, updated there and copied back. Each returns false, having done nothing, where
 * the kernels are unavailable, the arrays are short or not all float32; optim.ts then runs its loop. Neither
 * allocates (an optimizer step allocates nothing).
 */
import type { Storage } from "../dtype.ts";
import { CHUNK, elementwiseF32, type ElementwiseF32 } from "./elementwise-f32-wasm.ts";
import { SIMD_MIN } from "./elementwise-f32.ts";
import type { AdamStep, SgdStep } from "./optim.ts";

const f32 = (s: Storage | null): s is Float32Array => s instanceof Float32Array;

function kernelsFor(x: Storage, g: Storage, m: Storage, v: Storage | null, w: Storage | null): ElementwiseF32 | null {
  const ok = x.length >= SIMD_MIN && f32(x) && f32(g) && f32(m) && (v === null || f32(v)) && (w === null || f32(w));
  return ok ? elementwiseF32() : null;
}

const copyIn = (region: Float32Array, s: Storage, c: number, m: number): void => region.set((s as Float32Array).subarray(c, c + m));
const copyOut = (region: Float32Array, s: Storage, c: number, m: number): void => s.set(region.subarray(0, m), c);

export function sgdMomentumF32(x: Storage, g: Storage, b: Storage, o: SgdStep): boolean {
  const k = kernelsFor(x, g, b, null, null);
  if (k === null) return false;
  const flags = (o.first ? 1 : 0) | (o.nesterov ? 2 : 0) | (o.weightDecay !== 0 ? 4 : 0);
  for (let c = 0; c < x.length; c += CHUNK) {
    const m = Math.min(CHUNK, x.length - c);
    copyIn(k.a, x, c, m);
    copyIn(k.b, g, c, m);
    copyIn(k.c, b, c, m);
    k.fn.sgd_momentum(m, -o.lr, o.momentum, 1 - o.dampening, o.weightDecay, o.sign, flags);
    copyOut(k.a, x, c, m);
    copyOut(k.c, b, c, m);
  }
  return true;
}

export function adamF32(x: Storage, g: Storage, m: Storage, v: Storage, vMax: Storage | null, o: AdamStep): boolean {
  const k = kernelsFor(x, g, m, v, vMax);
  if (k === null) return false;
  const flags = (o.shrink !== 1 ? 1 : 0) | (o.l2 !== 0 ? 2 : 0) | (vMax !== null ? 4 : 0);
  for (let c = 0; c < x.length; c += CHUNK) {
    const n = Math.min(CHUNK, x.length - c);
    copyIn(k.a, x, c, n);
    copyIn(k.b, g, c, n);
    copyIn(k.c, m, c, n);
    copyIn(k.d, v, c, n);
    if (vMax !== null) copyIn(k.e, vMax, c, n);
    k.fn.adam(n, o.beta1, o.beta2, 1 - o.beta1, 1 - o.beta2, -o.stepSize, o.bc2Sqrt, o.eps, o.l2, o.shrink, o.sign, flags);
    copyOut(k.a, x, c, n);
    copyOut(k.c, m, c, n);
    copyOut(k.d, v, c, n);
    if (vMax !== null) copyOut(k.e, vMax, c, n);
  }
  return true;
}
