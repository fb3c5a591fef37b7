/**
 * The float32 SIMD elementwise paths: each copies its operands chunk by chunk into the module's regions
 * (elementwise-f32-wasm.ts), runs one kernel per chunk and copies the result out. Each returns false, having
 * done nothing, when the kernels are unavailable or the arrays are too short to pay for the call, and the caller
 * runs its JavaScript loop. Results are the JavaScript loops' bits (see elementwise-f32-wasm.ts).
 */
import type { Storage } from "../dtype.ts";
import { BINARY_OPS, CHUNK, elementwiseF32, type ElementwiseF32 } from "./elementwise-f32-wasm.ts";

/**
 * Below this many elements the JavaScript loop runs: a call into the module and its copies cost about 100 ns. At 256
 * the SIMD path already takes 1.7–3.8× less time than the loops (gate, sum over rows, SGD step, add), at 8192 4–7×
 * less (bench/elementwise-f32.bench.ts); smaller sizes were not tried with it, so the threshold is conservative.
 */
export const SIMD_MIN = 256;

/** The kernels when every array is float32 and there are at least SIMD_MIN elements, else null. */
export function kernelsFor(len: number, ...arrays: readonly unknown[]): ElementwiseF32 | null {
  if (len < SIMD_MIN) return null;
  for (const x of arrays) if (!(x instanceof Float32Array)) return null;
  return elementwiseF32();
}

/**
 * out[o + i] = a[ao + i] op b[bo + i] for i < len, where an operand with stride 0 is the one element at its offset;
 * `op` indexes BINARY_OPS (add, sub, mul, div); any other op is left to the caller.
 */
export function binaryF32(op: number, a: Storage, ao: number, as: 0 | 1, b: Storage, bo: number, bs: 0 | 1, out: Storage, o: number, len: number): boolean {
  const k = op < BINARY_OPS.length ? kernelsFor(len, a, b, out) : null;
  if (k === null || (as === 0 && bs === 0)) return false;
  const name = BINARY_OPS[op];
  const fn = k.fn[as === 1 && bs === 1 ? `${name}_vv` : as === 1 ? `${name}_vs` : `${name}_sv`];
  const x = (as === 1 ? a : b) as Float32Array, xo = as === 1 ? ao : bo;
  const s = as === 1 ? b[bo] : a[ao];
  for (let c = 0; c < len; c += CHUNK) {
    const m = Math.min(CHUNK, len - c);
    k.a.set(x.subarray(xo + c, xo + c + m));
    if (as === 1 && bs === 1) k.b.set((b as Float32Array).subarray(bo + c, bo + c + m));
    fn(m, s);
    (out as Float32Array).set(k.c.subarray(0, m), o + c);
  }
  return true;
}

/** Fills the first `len` floats of `region` with copies of `row`, doubling the filled part with each copy. */
function tile(region: Float32Array, row: Float32Array, len: number): void {
  region.set(row);
  for (let filled = row.length; filled < len; filled *= 2) region.copyWithin(filled, 0, Math.min(filled, len - filled));
}

/**
 * out = a op b where one operand is a whole [rows, cols] array and the other one row of cols repeated down it (a
 * bias row): the row is tiled once into its region, then whole rows of the other operand pass chunk by chunk.
 */
export function rowBroadcastF32(op: number, a: Storage, b: Storage, out: Storage): boolean {
  const len = out.length, rowLeft = a.length < len;
  const cols = rowLeft ? a.length : b.length;
  const k = op < BINARY_OPS.length ? kernelsFor(len, a, b, out) : null;
  if (k === null || cols > CHUNK) return false;
  const full = (rowLeft ? b : a) as Float32Array;
  const step = Math.floor(CHUNK / cols) * cols;
  tile(rowLeft ? k.a : k.b, (rowLeft ? a : b) as Float32Array, Math.min(step, len));
  const fn = k.fn[`${BINARY_OPS[op]}_vv`];
  for (let c = 0; c < len; c += step) {
    const m = Math.min(step, len - c);
    (rowLeft ? k.b : k.a).set(full.subarray(c, c + m));
    fn(m);
    (out as Float32Array).set(k.c.subarray(0, m), c);
  }
  return true;
}

export type MapName = "relu" | "relu_gate" | "sign_gate" | "exp" | "tanh" | "sigmoid" | "tanh_grad" | "sigmoid_grad";

/** out = kernel(first[, second]) for a one- or two-input elementwise kernel of the module, by name. */
export function mapF32(name: MapName, out: Storage, first: Storage, second: Storage | null = null): boolean {
  const len = out.length;
  const k = kernelsFor(len, out, first, second ?? first);
  if (k === null) return false;
  const fn = k.fn[name];
  for (let c = 0; c < len; c += CHUNK) {
    const m = Math.min(CHUNK, len - c);
    k.a.set((first as Float32Array).subarray(c, c + m));
    if (second !== null) k.b.set((second as Float32Array).subarray(c, c + m));
    fn(m);
    (out as Float32Array).set(k.c.subarray(0, m), c);
  }
  return true;
}

/**
 * out[oo + j] = the fold over r < rows of x[xo + r·cols + j] (the sum, max or min over the rows of a [rows, cols]
 * block; a bias's gradient is the sum), in reduce.ts's order and roundings (reduce-f32-wasm.ts), so its bits.
 */
export function columnFoldF32(fold: "colsum" | "colmax" | "colmin", x: Storage, xo: number, rows: number, cols: number, out: Storage, oo: number): boolean {
  const k = kernelsFor(rows * cols, x, out);
  if (k === null || cols > CHUNK || rows === 0) return false;
  const step = Math.floor(CHUNK / cols);
  for (let r = 0; r < rows; r += step) {
    const m = Math.min(step, rows - r);
    k.a.set((x as Float32Array).subarray(xo + r * cols, xo + (r + m) * cols));
    k.fn[fold](m, cols, r === 0 ? 0 : 1);
  }
  (out as Float32Array).set(k.c.subarray(0, cols), oo);
  return true;
}

/** x[i] ← float32(x[i] + α·g[i]), product and sum in doubles: the bits of the JavaScript loop (plain SGD's step). */
export function axpyF32(x: Storage, g: Storage, alpha: number): boolean {
  const len = x.length;
  const k = kernelsFor(len, x, g, x);
  if (k === null) return false;
  for (let c = 0; c < len; c += CHUNK) {
    const m = Math.min(CHUNK, len - c);
    k.a.set((x as Float32Array).subarray(c, c + m));
    k.b.set((g as Float32Array).subarray(c, c + m));
    k.fn.axpy(m, alpha);
    x.set(k.c.subarray(0, m), c);
  }
  return true;
}
