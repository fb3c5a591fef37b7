/**
 * Pointwise kernels with a fixed formula each (the ops whose arithmetic is not a plain `f` passed to `unary` or
 * `binary`), and the ternary select of `where`. Every input and `out` has the same length unless said otherwise;
 * float64 and float32 storages mix freely (each store rounds to `out`'s type).
 */
import type { Storage } from "../dtype.ts";
import type { Shape } from "../shape.ts";
import { mapF32 } from "./elementwise-f32.ts";
import { broadcastCopy } from "./elementwise.ts";

/** out[i] = x[i] ** e; e = 2 multiplies instead (the same value, without the call). */
export function pow(x: Storage, e: number, out: Storage): void {
  const n = out.length;
  if (e === 2) for (let i = 0; i < n; i++) out[i] = x[i] * x[i];
  else for (let i = 0; i < n; i++) out[i] = Math.pow(x[i], e);
}

/** out[i] = min(max(x[i], lo), hi); NaN stays NaN. */
export function clamp(x: Storage, lo: number, hi: number, out: Storage): void {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
}

/** out[i] = x[i] / d (a division, not a multiplication by 1/d, so that a mean is rounded once). */
export function divScalar(x: Storage, d: number, out: Storage): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = x[i] / d;
}

/** out[i] = g[i]·(1 − y[i]²): tanh's derivative given its output y (float32: in SIMD, the same bits). */
export function tanhBackward(g: Storage, y: Storage, out: Storage): void {
  if (mapF32("tanh_grad", out, g, y)) return;
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = g[i] * (1 - y[i] * y[i]);
}

/** out[i] = g[i]·s[i]·(1 − s[i]): sigmoid's derivative given its output s (float32: in SIMD, the same bits). */
export function sigmoidBackward(g: Storage, s: Storage, out: Storage): void {
  if (mapF32("sigmoid_grad", out, g, s)) return;
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = g[i] * (s[i] * (1 - s[i]));
}

/** out[i] = 1 where a[i] = b[i], else 0 (NaN equals nothing). */
export function equalMask(a: Storage, b: Storage, out: Storage): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = a[i] === b[i] ? 1 : 0;
}

/** out[i] = x[i] / d[i] where x[i] ≠ 0, else 0 (so a zero count beside a zero never makes NaN). */
export function divideNonzero(x: Storage, d: Storage, out: Storage): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = x[i] !== 0 ? x[i] / d[i] : 0;
}

/** `x` as `out`'s shape: itself when it already has every element, else a broadcast copy (of x's storage type). */
function spread(x: Storage, from: Shape, to: Shape, n: number): Storage {
  if (x.length === n) return x;
  const full = x instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  broadcastCopy(x, from, full, to);
  return full;
}

/**
 * out = c ≠ 0 ? a : b elementwise, each operand broadcast to `outShape` by NumPy's rules. An operand that is
 * broadcast is first spread by `broadcastCopy`, so this file holds no broadcast index loop of its own.
 */
export function where(
  c: Storage, cShape: Shape, a: Storage, aShape: Shape, b: Storage, bShape: Shape, out: Storage, outShape: Shape,
): void {
  const n = out.length;
  if (n === 0) return;
  const cc = spread(c, cShape, outShape, n);
  const aa = spread(a, aShape, outShape, n);
  const bb = spread(b, bShape, outShape, n);
  for (let i = 0; i < n; i++) out[i] = cc[i] !== 0 ? aa[i] : bb[i];
}
