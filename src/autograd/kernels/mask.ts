/**
 * The fused derivative gates of relu and abs: g·m(x) in one pass, with the mask m computed inline and never stored.
 *   positive: g·[x > 0] (relu; 0 at x = 0 and at NaN)
 *   sign:     g·sign(x) (abs; 0 at x = ±0 and at NaN)
 * A lane whose mask is 0 gives +0 whatever g holds (an infinite g does not become NaN), as the stored-mask gate does.
 * Float32 runs in SIMD where available (elementwise-f32.ts), with the same bits.
 */
import type { Storage } from "../dtype.ts";
import { mapF32 } from "./elementwise-f32.ts";

export type MaskKind = "positive" | "sign";

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

/** The mask `kind` as values (1, −1 or 0), for a gate that must keep its mask. */
export function maskOf(kind: MaskKind, x: Storage, out: Storage): void {
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : v < 0 && kind === "sign" ? -1 : 0;
  }
}
