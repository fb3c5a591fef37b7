import type { Storage } from "../dtype.ts";

/** Width of a packed panel: the micro-kernel's tile is PANEL × PANEL. */
export const PANEL = 4;

/**
 * Packs `lanes` vectors of length kc into ceil(lanes/PANEL) contiguous float64
 * panels for the micro-kernel. Lane l, element p is read from
 * src[off + l·laneStride + p·step] and written to
 * dst[⌊l/PANEL⌋·PANEL·kc + p·PANEL + l mod PANEL], so the kernel reads each panel
 * strictly sequentially whatever the source's transposition and dtype.
 *
 * Rows of op(A) and columns of op(B) are both "lanes": one routine packs both.
 * A last panel with fewer than PANEL lanes is padded with zeros, so the kernel
 * never needs a tail case inside its k loop (the padded results are discarded).
 */
export function packPanels(
  src: Storage, off: number, laneStride: number, step: number,
  lanes: number, kc: number, dst: Float64Array,
): void {
  const ls2 = 2 * laneStride, ls3 = 3 * laneStride;
  let d = 0;
  let l = 0;
  // Full panels: one iteration moves a whole PANEL-wide row of the panel, which
  // amortises V8's per-iteration loop overhead over four copies.
  for (; l + PANEL <= lanes; l += PANEL) {
    let s = off + l * laneStride;
    for (let p = 0; p < kc; p++, s += step, d += PANEL) {
      dst[d] = src[s];
      dst[d + 1] = src[s + laneStride];
      dst[d + 2] = src[s + ls2];
      dst[d + 3] = src[s + ls3];
    }
  }
  if (l === lanes) return;
  // Last, partial panel: copy the lanes that exist, zero the rest.
  const rest = lanes - l;
  for (let p = 0; p < kc; p++, d += PANEL) {
    let s = off + l * laneStride + p * step;
    for (let q = 0; q < PANEL; q++, s += laneStride) dst[d + q] = q < rest ? src[s] : 0;
  }
}
