/**
 * Softmax, log-softmax and sums of contiguous float32 rows in SIMD (softmax-f32-wasm.ts), a chunk of whole rows at a
 * time. Returns false, having done nothing, where the kernels are unavailable, the array is short, or a row does
 * not fit a chunk; reduce.ts then runs its loop. Each row's m comes back as a float32 and s as a double, and
 * log Σ exp = m + log s is formed from them in doubles, as the JavaScript loop forms it.
 */
import type { Storage } from "../dtype.ts";
import { CHUNK } from "./elementwise-f32-wasm.ts";
import { kernelsFor } from "./elementwise-f32.ts";

/** out = softmax (or, `log`, log-softmax) of each row of r floats; out null computes only `lse`. */
export function softmaxRowsF32(x: Storage, r: number, out: Storage | null, log: boolean, lse: Storage | null): boolean {
  const k = kernelsFor(x.length, x, out ?? x);
  if (k === null || r > CHUNK - 4) return false;
  // E holds one double per row.
  const step = Math.min(Math.floor((CHUNK - 4) / r), CHUNK / 2);
  const rows = x.length / r;
  for (let o = 0; o < rows; o += step) {
    const m = Math.min(step, rows - o);
    k.a.set((x as Float32Array).subarray(o * r, (o + m) * r));
    k.fn.softmax_rows(m, r, log ? 0 : 1);
    for (let i = 0; i < m; i++) {
      const max = k.d[i];
      const shift = max + Math.log(k.e64[i]);
      if (lse !== null) lse[o + i] = max === -Infinity || max === Infinity ? max : shift;
      k.d[i] = shift;
    }
    if (out === null) continue;
    if (log) k.fn.shift_rows(m, r, 0);
    (out as Float32Array).set(k.c.subarray(0, m * r), o * r);
  }
  return true;
}

/**
 * out[o] = Σ of row o (rows of r floats), summed in doubles (two f64x2 partial sums) and rounded once, as the
 * JavaScript loop, though in another order: |out − Σ| ≤ u·|Σ| + γ⁽⁶⁴⁾_{⌈r/4⌉+1}·Σ|x|. With `fold` row_max or
 * row_min, out[o] = the row's extreme instead, exact but for the sign of a zero (the caller redoes zero rows).
 */
export function rowFoldF32(x: Storage, r: number, out: Storage, fold: "row_sum" | "row_max" | "row_min"): boolean {
  const k = kernelsFor(x.length, x, out);
  if (k === null || r > CHUNK - 4) return false;
  const step = Math.floor((CHUNK - 4) / r);
  const rows = x.length / r;
  for (let o = 0; o < rows; o += step) {
    const m = Math.min(step, rows - o);
    k.a.set((x as Float32Array).subarray(o * r, (o + m) * r));
    k.fn[fold](m, r, 0);
    out.set(k.e.subarray(0, m), o);
  }
  return true;
}
