/**
 * relu and the derivative gates of the piecewise-linear ops: g·m(x), with the mask m of relu and abs computed inline
 * and never stored, or given as a tensor (max's tie shares) or elementwise by a function (clamp).
 *   positive: g·[x > 0] (relu; 0 at x = 0 and at NaN)
 *   sign:     g·sign(x) (abs; 0 at x = ±0 and at NaN)
 * A lane whose mask is 0 gives +0 whatever g holds (an infinite g does not become NaN), as the stored-mask gate does.
 * Float32 runs in SIMD where available (elementwise-f32.ts), with the same bits.
 */
import type { Storage } from "../dtype.ts";
import { mapF32 } from "./elementwise-f32.ts";
import { unary, type UnaryFn } from "./elementwise.ts";

export type MaskKind = "positive" | "sign";

/** relu of one value (the op's `f`, and the loop's where SIMD does not run). */
export const reluOf: UnaryFn = (v) => (v > 0 || v !== v ? v : 0);

/** out = max(x, 0): NaN stays NaN, −0 becomes +0. */
export function relu(x: Storage, out: Storage): void {
  if (!mapF32("relu", out, x)) unary(reluOf, x, out);
}

/** out[i] = g[i]·m(x[i]) for the mask `kind`. */
export function gateByKind(kind: MaskKind, g: Storage, x: Storage, out: Storage): void {
  const n = out.length;
  if (kind === "positive") {
    if (mapF32("relu_gate", out, g, x)) return;
    for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? g[i] : 0;
    return;
  }
  if (mapF32("sign_gate", out, g, x)) return;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    out[i] = v > 0 ? g[i] : v < 0 ? -g[i] : 0;
  }
}

/** out[i] = g[i]·mask[i], and exactly 0 where the mask is 0. */
export function gateByMask(g: Storage, mask: Storage, out: Storage): void {
  for (let i = 0; i < out.length; i++) out[i] = mask[i] === 0 ? 0 : g[i] * mask[i];
}

/** The mask of x as values: a kind's (1, −1 or 0), or m(x) elementwise. */
export function maskOf(m: MaskKind | UnaryFn, x: Storage, out: Storage): void {
  if (typeof m === "function") {
    for (let i = 0; i < out.length; i++) out[i] = m(x[i]);
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : v < 0 && m === "sign" ? -1 : 0;
  }
}
