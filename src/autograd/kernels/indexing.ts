/**
 * Kernels that move elements by position: slices along an axis, concatenation, gather and its adjoint scatter-add,
 * and the checks of integer indices. A tensor is seen as [outer, n, inner] around the axis they work along; indices
 * are whole numbers kept as doubles (an Int32Array would wrap 2^32 + 1 to 1 before any range check could see it).
 */
import type { Storage } from "../dtype.ts";
import { numel, stridesOf, type Shape } from "../shape.ts";

/** A strided run along one axis: elements start, start + step, … (count of them). */
export interface AxisRange {
  readonly axis: number;
  readonly start: number;
  readonly step: number;
  readonly count: number;
}

/**
 * out = x[…, start : start + count·step : step, …] along `axis` of `shape` (x's shape); out has `count` there.
 * With `add`, the adjoint instead: x is the slice and out (of `shape`) gets it added at those positions.
 */
export function slice(x: Storage, shape: Shape, a: AxisRange, out: Storage, add: boolean): void {
  const outer = numel(shape.slice(0, a.axis));
  const inner = numel(shape.slice(a.axis + 1));
  const n = shape[a.axis];
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < a.count; k++) {
      const f = (o * n + a.start + k * a.step) * inner;
      const s = (o * a.count + k) * inner;
      if (add) for (let i = 0; i < inner; i++) out[f + i] += x[s + i];
      else for (let i = 0; i < inner; i++) out[s + i] = x[f + i];
    }
  }
}

/**
 * Joins `parts` along an axis: part p is [outer, rows[p]] seen from that axis on (rows[p] = its size along the axis
 * times the elements after it), and out is [outer, Σ rows].
 */
export function concat(parts: readonly Storage[], rows: readonly number[], outer: number, out: Storage): void {
  let rowOut = 0;
  for (const r of rows) rowOut += r;
  let offset = 0;
  for (let p = 0; p < parts.length; p++) {
    const x = parts[p];
    const row = rows[p];
    for (let o = 0; o < outer; o++) out.set(x.subarray(o * row, (o + 1) * row), o * rowOut + offset);
    offset += row;
  }
}

/** Calls visit(k, j) for every index position k, with j the position in a tensor of `shape` that it names. */
function each(shape: Shape, axis: number, index: Float64Array, indexShape: Shape, visit: (k: number, j: number) => void): void {
  const xs = stridesOf(shape);
  const is = stridesOf(indexShape);
  const nd = indexShape.length;
  for (let k = 0; k < index.length; k++) {
    let j = 0;
    let rest = k;
    for (let d = 0; d < nd; d++) {
      const c = Math.floor(rest / is[d]);
      rest -= c * is[d];
      j += (d === axis ? index[k] : c) * xs[d];
    }
    visit(k, j);
  }
}

/** out[…i…] = x[…index[…i…]…] along `axis` (torch.gather); out has the index's shape, x has `shape`. */
export function gather(x: Storage, shape: Shape, axis: number, index: Float64Array, indexShape: Shape, out: Storage): void {
  each(shape, axis, index, indexShape, (k, j) => (out[k] = x[j]));
}

/** The adjoint of gather: out (of `shape`, zeroed by the caller) gets g[k] added at each gathered position. */
export function scatterAdd(g: Storage, shape: Shape, axis: number, index: Float64Array, indexShape: Shape, out: Storage): void {
  each(shape, axis, index, indexShape, (k, j) => (out[j] += g[k]));
}

/**
 * Copies `values` into `out` while each is a whole number; returns the position of the first that is not (a
 * non-number included), or −1 when all are.
 */
export function copyIntegers(values: ArrayLike<unknown>, out: Float64Array | Int32Array): number {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isInteger(v)) return i;
    out[i] = v;
  }
  return -1;
}

/** The position of the first value outside [0, n), or −1 when there is none. */
export function firstOutOfRange(values: ArrayLike<number>, n: number): number {
  const len = values.length;
  for (let i = 0; i < len; i++) {
    const v = values[i];
    if (!(v >= 0 && v < n)) return i;
  }
  return -1;
}
