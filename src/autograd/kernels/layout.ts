/**
 * Index layouts for reductions and permutations. A reduction over a contiguous block of axes sees its input as
 * [outer, r, inner] with no copy; other axis sets are first permuted so that the reduced axes come last.
 */
import type { Storage } from "../dtype.ts";
import { numel, stridesOf, type Shape } from "../shape.ts";

export interface Blocks {
  readonly outer: number;
  readonly r: number;
  readonly inner: number;
}

/** The [outer, r, inner] view of `shape` for the sorted `axes`, or null when they are not contiguous. */
export function blocksOf(shape: Shape, axes: readonly number[]): Blocks | null {
  if (axes.length === 0) return { outer: numel(shape), r: 1, inner: 1 };
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1] + 1) return null;
  const first = axes[0];
  const last = axes[axes.length - 1];
  return {
    outer: numel(shape.slice(0, first)),
    r: numel(shape.slice(first, last + 1)),
    inner: numel(shape.slice(last + 1)),
  };
}

/** out = x with its axes reordered: out's axis i is x's axis perm[i]. */
export function permute(x: Storage, shape: Shape, perm: readonly number[], out: Storage): void {
  const nd = shape.length;
  const st = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  const ps = perm.map((p) => st[p]);
  if (nd === 2 && perm[0] === 1) {
    const rows = shape[0];
    const cols = shape[1];
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j];
    return;
  }
  const idx = new Array<number>(nd).fill(0);
  let src = 0;
  const n = out.length;
  for (let o = 0; o < n; o++) {
    out[o] = x[src];
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      src += ps[d];
      if (idx[d] < outShape[d]) break;
      src -= ps[d] * outShape[d];
      idx[d] = 0;
    }
  }
}

/**
 * How a reduction over the sorted `axes` of `shape` sees its input: as [outer, r, inner] directly when the axes are
 * contiguous (perm null), or after permuting by `perm`, which moves them last ([outer, r, 1]).
 */
export function reductionLayout(shape: Shape, axes: readonly number[]): { perm: number[] | null; blocks: Blocks } {
  const blocks = blocksOf(shape, axes);
  if (blocks) return { perm: null, blocks };
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return {
    perm: [...kept, ...axes],
    blocks: { outer: numel(kept.map((i) => shape[i])), r: numel(axes.map((i) => shape[i])), inner: 1 },
  };
}
