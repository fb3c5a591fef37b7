/**
 * The layout ops of the bad-input property (see bad-input-rules.ts): reshape, transpose, permute, broadcastTo and
 * sumTo, squeeze and unsqueeze, concat and stack, slice, select, gather.
 */
import * as ops from "../../src/autograd/ops/index.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import {
  axisOf, broadcast, call, fmt, fn, isInt, isT, numel, promoted, type Build, type Prediction,
} from "./bad-input-rules.ts";

export const reshape: Build = ({ arg, or, m }) => {
  const x = arg(0);
  const shape = or(1, m.shape);
  let predict: Prediction = "invalid";
  if (isT(x) && Array.isArray(shape) && shape.every((d) => isInt(d) && d >= -1)) {
    const dims = shape as number[];
    const unknown = dims.filter((d) => d === -1).length;
    const known = numel(dims.filter((d) => d !== -1));
    if (unknown === 0 && known === x.size) predict = { shape: dims };
    if (unknown === 1 && known > 0 && x.size % known === 0) {
      predict = { shape: dims.map((d) => (d === -1 ? x.size / known : d)) };
    }
  }
  return call(["reshape"], () => ops.reshape(x as Tensor, shape as number[]), predict, [x, shape]);
};

export const transpose: Build = ({ arg, m, ints }) => {
  const x = arg(0);
  const [d0, d1] = m.flag ? [-2, -1] : [ints[0], ints[1]];
  let predict: Prediction = "invalid";
  // The default axes need 2 dimensions; explicit ones need only exist (a scalar takes 0 and -1: nothing moves).
  if (isT(x) && !(x.ndim < 2 && m.flag)) {
    const a = axisOf(d0, x.ndim);
    const b = axisOf(d1, x.ndim);
    if (a !== null && b !== null) {
      const s = [...x.shape];
      if (x.ndim > 0) [s[a], s[b]] = [s[b], s[a]];
      predict = { shape: s };
    }
  }
  return call(["transpose", "permute"], () => ops.transpose(x as Tensor, d0, d1), predict, [x, d0, d1]);
};

export const permute: Build = ({ arg, or, m }) => {
  const x = arg(0);
  const dims = or(1, m.shape);
  let predict: Prediction = "invalid";
  if (isT(x) && Array.isArray(dims) && dims.length === x.ndim) {
    const p = dims.map((d) => axisOf(d, x.ndim));
    if (p.every((d) => d !== null) && new Set(p).size === p.length) {
      predict = { shape: p.map((d) => x.shape[d as number]) };
    }
  }
  return call(["permute"], () => ops.permute(x as Tensor, dims as number[]), predict, [x, dims]);
};

/** broadcastTo(x, shape) and sumTo(x, shape): one shape must broadcast to the other. */
export const toShape: Build = ({ op, arg, or, m }) => {
  const x = arg(0);
  const y = arg(1);
  const shape = or(1, m.flag && isT(y) ? y.shape : m.shape);
  let predict: Prediction = "invalid";
  if (isT(x) && Array.isArray(shape) && shape.every((d) => isInt(d) && d >= 0)) {
    const [from, to] = op === "broadcastTo" ? [x.shape, shape as number[]] : [shape as number[], x.shape];
    const b = broadcast(from, to);
    if (b !== null && fmt(b) === fmt(to)) predict = { shape: shape as number[] };
  }
  return call([op], () => fn(op)(x, shape), predict, [x, shape]);
};

export const squeeze: Build = ({ arg, or, m, ints }) => {
  const x = arg(0);
  const axis = m.flag ? undefined : or(1, ints[0]);
  let predict: Prediction = "invalid";
  if (isT(x)) {
    // Squeezing an axis that is not 1 leaves it (PyTorch's rule); each named axis must exist.
    const list =
      axis === undefined ? x.shape.map((_, k) => k) : isInt(axis) ? [axis] : Array.isArray(axis) ? axis : null;
    if (list !== null && list.every((a) => isInt(a) && a >= -x.ndim && a < x.ndim)) {
      const axes = (list as number[]).map((a) => (a < 0 ? a + x.ndim : a));
      predict = { shape: x.shape.filter((d, k) => !(axes.includes(k) && d === 1)) };
    }
  }
  return call(["squeeze"], () => ops.squeeze(x as Tensor, axis as number), predict, [x, axis]);
};

export const unsqueeze: Build = ({ arg, or, ints }) => {
  const x = arg(0);
  const axis = or(1, ints[0]);
  let predict: Prediction = "invalid";
  if (isT(x) && isInt(axis) && axis >= -x.ndim - 1 && axis <= x.ndim) {
    const s = [...x.shape];
    s.splice(axis < 0 ? axis + x.ndim + 1 : axis, 0, 1);
    predict = { shape: s };
  }
  return call(["unsqueeze"], () => ops.unsqueeze(x as Tensor, axis as number), predict, [x, axis]);
};

export const join: Build = ({ op, arg, or, ints }) => {
  const list = or(3, [arg(0), arg(1), arg(2)].slice(0, 1 + (((ints[2] % 3) + 3) % 3)));
  const axis = ints[0];
  let predict: Prediction = "invalid";
  if (Array.isArray(list) && list.length > 0 && list.every(isT)) {
    const ts = list as Tensor[];
    const r = ts[0].ndim;
    const first = ts[0].shape;
    if (op === "concat") {
      const a = axisOf(axis, r);
      if (r > 0 && a !== null && ts.every((t) => t.ndim === r && t.shape.every((d, k) => k === a || d === first[k]))) {
        const s = [...first];
        s[a] = ts.reduce((n, t) => n + t.shape[a], 0);
        predict = { shape: s, dtype: promoted(...ts) };
      }
    } else if (ts.every((t) => fmt(t.shape) === fmt(first)) && isInt(axis) && axis >= -r - 1 && axis <= r) {
      const s = [...first];
      s.splice(axis < 0 ? axis + r + 1 : axis, 0, ts.length);
      predict = { shape: s, dtype: promoted(...ts) };
    }
  }
  return call([op, "concat", "unsqueeze", "reshape"], () => fn(op)(list, axis), predict, [list, axis]);
};

export const slice: Build = ({ arg, or, ints }) => {
  const x = arg(0);
  const [axis, start, end] = ints;
  const stepArg = or(1, ints[3]);
  const step = stepArg === undefined ? 1 : stepArg; // omitted: 1
  let predict: Prediction = "invalid";
  const a = isT(x) ? axisOf(axis, x.ndim) : null;
  if (isT(x) && x.ndim > 0 && a !== null && isInt(step) && step >= 1) {
    // Python's slice: negative indices count from the end, then both ends are clamped to [0, n].
    const n = x.shape[a];
    const clampIndex = (i: number) => Math.min(Math.max(i < 0 ? i + n : i, 0), n);
    const s = [...x.shape];
    s[a] = Math.max(0, Math.ceil((clampIndex(end) - clampIndex(start)) / step));
    predict = { shape: s };
  }
  return call(["slice"], () => ops.slice(x as Tensor, axis, start, end, stepArg as number), predict, [
    x, axis, start, end, stepArg,
  ]);
};

export const select: Build = ({ arg, ints }) => {
  const x = arg(0);
  const [axis, index] = ints;
  let predict: Prediction = "invalid";
  const a = isT(x) ? axisOf(axis, x.ndim) : null;
  if (isT(x) && x.ndim > 0 && a !== null && index >= -x.shape[a] && index < x.shape[a]) {
    predict = { shape: x.shape.filter((_, k) => k !== a) };
  }
  return call(["select", "slice"], () => ops.select(x as Tensor, axis, index), predict, [x, axis, index]);
};

/** An index built from x's shape (a row fewer, a column more, or as is), entries in or out of range; or junk. */
function makeIndex(x: unknown, [, i1, i2, i3]: readonly number[]): unknown {
  if (!isT(x) || x.ndim === 0) return [];
  const rows = x.ndim === 2 ? Math.max(1, x.shape[0] - (i2 & 1)) : 0;
  const cols = Math.max(1, x.shape[x.ndim - 1] + (i3 % 2));
  const v = (k: number) => ((i1 + k) % 5) - 1;
  const row = (r: number) => Array.from({ length: cols }, (_, c) => v(r + c));
  return x.ndim === 2 ? Array.from({ length: rows }, (_, r) => row(r)) : row(0);
}

export const gather: Build = ({ arg, or, ints }) => {
  const x = arg(0);
  const axis = ints[0];
  const index = or(1, makeIndex(x, ints));
  let predict: Prediction = "invalid";
  const rows = Array.isArray(index) && Array.isArray(index[0]) ? (index as unknown[][]) : null;
  const ishape = !Array.isArray(index) ? null : rows !== null ? [rows.length, rows[0].length] : [index.length];
  const values = Array.isArray(index) ? (rows !== null ? rows.flat() : index) : [];
  const regular = rows === null || rows.every((r) => Array.isArray(r) && r.length === rows[0].length);
  const a = isT(x) ? axisOf(axis, x.ndim) : null;
  // torch.gather: an index of the input's rank, no larger than it off the axis, with entries in range.
  if (isT(x) && x.ndim > 0 && a !== null && ishape !== null && regular && ishape.length === x.ndim) {
    const fits = ishape.every((d, k) => k === a || d <= x.shape[k]);
    if (fits && values.every((e) => isInt(e) && e >= 0 && e < x.shape[a])) predict = { shape: ishape };
  }
  return call(["gather"], () => ops.gather(x as Tensor, axis, index as number[]), predict, [x, axis, index]);
};

