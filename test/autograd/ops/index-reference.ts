/** Independent references for the op tests: plain loops over row-major indices, no engine code. */

export const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** For each flat index of `to`, the flat index of `from` that NumPy broadcasting reads there. */
export function broadcastIndex(from: readonly number[], to: readonly number[]): number[] {
  const n = numel(to);
  const off = to.length - from.length;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    let rest = k;
    let j = 0;
    let stride = 1;
    for (let d = to.length - 1; d >= 0; d--) {
      const c = rest % to[d];
      rest = Math.floor(rest / to[d]);
      const fd = d - off;
      if (fd >= 0) {
        if (from[fd] !== 1) j += c * stride;
        stride *= from[fd];
      }
    }
    out.push(j);
  }
  return out;
}

/** Σ of `values` (of shape `to`) over the positions that broadcast from each element of `from`. */
export function sumToRef(values: ArrayLike<number>, to: readonly number[], from: readonly number[]): number[] {
  const out = new Array<number>(numel(from)).fill(0);
  broadcastIndex(from, to).forEach((j, k) => (out[j] += values[k]));
  return out;
}

/** `values` of shape `from` repeated to shape `to`. */
export function broadcastRef(values: ArrayLike<number>, from: readonly number[], to: readonly number[]): number[] {
  return broadcastIndex(from, to).map((j) => values[j]);
}

/** The broadcast shape of two shapes (assumed compatible). */
export function broadcastShapeRef(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const x = a[i - n + a.length] ?? 1;
    const y = b[i - n + b.length] ?? 1;
    return x === 1 ? y : x;
  });
}

/** For each flat index of a tensor of `shape`, the flat index of its element after reducing `axes`. */
export function reduceIndex(shape: readonly number[], axes: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < numel(shape); k++) {
    let rest = k;
    let j = 0;
    let stride = 1;
    for (let d = shape.length - 1; d >= 0; d--) {
      const c = rest % shape[d];
      rest = Math.floor(rest / shape[d]);
      if (!axes.includes(d)) {
        j += c * stride;
        stride *= shape[d];
      }
    }
    out.push(j);
  }
  return out;
}

/** The shape after reducing `axes`, keeping them as 1 when `keepdim`. */
export function reducedShapeRef(shape: readonly number[], axes: readonly number[], keepdim: boolean): number[] {
  return shape.flatMap((d, i) => (axes.includes(i) ? (keepdim ? [1] : []) : [d]));
}
