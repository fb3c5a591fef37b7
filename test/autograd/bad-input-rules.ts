/**
 * The rules of the bad-input property, written out again independently of the engine: for each op, how to build
 * a call from raw random material (pool picks, junk, small integers, a shape, a flag) and what the op's documented
 * rule predicts: the result's shape (and dtype), success with no value, or "invalid". Elementwise, reduction,
 * matmul, cast, where and backward here; the layout ops (reshape, slicing, joining, gather) in bad-input-layout.ts.
 */
import { backward } from "../../src/autograd/grad.ts";
import * as ops from "../../src/autograd/ops/index.ts";
import { Tensor } from "../../src/autograd/tensor.ts";
import type { OpKey } from "./bad-input-calls.ts";

type Shape = readonly number[];

export interface Material {
  readonly op: OpKey;
  /** Which pool tensors the call reads (modulo the pool size). */
  readonly picks: readonly number[];
  /** For each argument position, the index of junk to put there instead, or -1. */
  readonly junk: readonly number[];
  /** Small integers for axes, indices, exponents. */
  readonly ints: readonly number[];
  /** A shape argument (may hold -1 or other negatives). */
  readonly shape: readonly number[];
  readonly flag: boolean;
}

/** What a call should give: a shape (and dtype), success with no value ("void"), or "invalid". */
export type Prediction = { readonly shape: Shape; readonly dtype?: string } | "void" | "invalid";

export interface Call {
  /** Names an error message may start with (the op, or the op it is built on). */
  readonly names: readonly string[];
  readonly run: () => unknown;
  readonly predict: Prediction;
  /** The arguments, to check that an error names one of them. */
  readonly args: readonly unknown[];
}

export const fmt = (s: Shape): string => `[${s.join(", ")}]`;
export const numel = (s: Shape): number => s.reduce((a, b) => a * b, 1);
export const isInt = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x);
export const isT = (v: unknown): v is Tensor => v instanceof Tensor;
export const shapeOf = (v: unknown): Shape => (isT(v) ? v.shape : []);
export const same = (x: unknown): Prediction => (isT(x) ? { shape: x.shape, dtype: x.dtype } : "invalid");

/** NumPy broadcasting, or null. */
export function broadcast(...shapes: Shape[]): number[] | null {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const k = nd - s.length + i;
      if (s[i] === out[k] || s[i] === 1) continue;
      if (out[k] !== 1) return null;
      out[k] = s[i];
    }
  }
  return out;
}

/** An axis made non-negative, or null when out of range (a scalar takes 0 and -1). */
export function axisOf(a: unknown, ndim: number): number | null {
  const n = Math.max(ndim, 1);
  if (!isInt(a) || a < -n || a >= n) return null;
  return a < 0 ? a + n : a;
}

/** float32 only when every tensor among `xs` is float32 (numbers take their neighbour's dtype). */
export function promoted(...xs: unknown[]): string {
  const ts = xs.filter(isT);
  return ts.length > 0 && ts.every((t) => t.dtype === "float32") ? "float32" : "float64";
}

/** The raw material of one call, with its arguments resolved against the pool. */
export interface Ctx {
  readonly m: Material;
  readonly op: OpKey;
  /** Argument i: a pool tensor, or junk where the material says so. */
  readonly arg: (i: number) => unknown;
  /** Junk for parameter position i, or the fallback. */
  readonly or: (i: number, fallback: unknown) => unknown;
  readonly ints: readonly number[];
}

export type Build = (c: Ctx) => Call;
export const call = (names: readonly string[], run: () => unknown, predict: Prediction, args: unknown[]): Call => ({
  names,
  run,
  predict,
  args,
});
export const fn = (name: string) => (ops as unknown as Record<string, (...a: unknown[]) => Tensor>)[name];

export const binary: Build = ({ op, arg, m, ints }) => {
  const x = arg(0);
  const y = m.flag ? ints[0] : arg(1);
  const ok = (v: unknown) => isT(v) || typeof v === "number";
  const s = ok(x) && ok(y) ? broadcast(shapeOf(x), shapeOf(y)) : null;
  return call([op], () => fn(op)(x, y), s === null ? "invalid" : { shape: s, dtype: promoted(x, y) }, [x, y]);
};

export const unary: Build = ({ op, arg }) => {
  const x = arg(0);
  return call([op], () => fn(op)(x), same(x), [x]);
};

export const reduce: Build = ({ op, arg, or, m, ints }) => {
  const x = arg(0);
  const axis = or(1, m.flag ? undefined : m.shape.length > 1 ? m.shape.slice(0, 2) : ints[0]);
  const keepdim = ints[1] % 2 === 0;
  let predict: Prediction = "invalid";
  const list = isT(x) && axis === undefined ? x.shape.map((_, k) => k) :
    typeof axis === "number" ? [axis] : Array.isArray(axis) ? (axis as unknown[]) : null;
  if (isT(x) && list !== null) {
    const axes = list.map((a) => axisOf(a, x.ndim));
    const valid = axes.every((a) => a !== null) && new Set(axes).size === axes.length;
    const shape = x.shape.flatMap((d, k) => (axes.includes(k) ? (keepdim ? [1] : []) : [d]));
    // The max or min of no elements is undefined (PyTorch refuses it too), unless there is no output either.
    const reduced = numel(x.shape.filter((_, k) => axes.includes(k)));
    const empty = (op === "max" || op === "min") && reduced === 0 && numel(shape) > 0;
    if (valid && !empty) predict = { shape: x.ndim === 0 ? [] : shape, dtype: x.dtype };
  }
  return call([op], () => fn(op)(x, axis, keepdim), predict, [x, axis]);
};

export const pow: Build = ({ arg, or, ints }) => {
  const x = arg(0);
  const e = or(1, ints[0] / 2);
  const valid = typeof e === "number" && !Number.isNaN(e);
  return call(["pow"], () => ops.pow(x as Tensor, e as number), valid ? same(x) : "invalid", [x, e]);
};

export const clamp: Build = ({ arg, or, m, ints }) => {
  const x = arg(0);
  const lo = or(1, m.flag ? null : ints[0]);
  const hi = or(2, ints[1]);
  // An omitted bound (undefined) is no bound, like null; at least one is needed, and min ≤ max.
  const bound = (v: unknown): number | null | "bad" =>
    v === null || v === undefined ? null : typeof v === "number" && !Number.isNaN(v) ? v : "bad";
  const [l, h] = [bound(lo), bound(hi)];
  const valid = l !== "bad" && h !== "bad" && !(l === null && h === null) && !(l !== null && h !== null && l > h);
  return call(["clamp"], () => ops.clamp(x as Tensor, lo as number, hi as number), valid ? same(x) : "invalid", [
    x, lo, hi,
  ]);
};

export const matmul: Build = ({ arg }) => {
  const [x, y] = [arg(0), arg(1)];
  let predict: Prediction = "invalid";
  if (isT(x) && isT(y) && x.ndim >= 2 && x.ndim <= 3 && y.ndim >= 2 && y.ndim <= 3) {
    const [rows, k] = x.shape.slice(-2);
    const [k2, cols] = y.shape.slice(-2);
    // 2-D, or batched 3-D with equal batches, or one 3-D operand whose batch shares the 2-D one.
    const batch = x.ndim === 3 && y.ndim === 3 ? (x.shape[0] === y.shape[0] ? x.shape[0] : -1) :
      x.ndim === 3 ? x.shape[0] : y.ndim === 3 ? y.shape[0] : null;
    if (k === k2 && batch !== -1) {
      predict = { shape: batch === null ? [rows, cols] : [batch, rows, cols], dtype: promoted(x, y) };
    }
  }
  return call(["matmul"], () => ops.matmul(x as Tensor, y as Tensor), predict, [x, y]);
};

export const softmax: Build = ({ op, arg, or, ints }) => {
  const x = arg(0);
  const axis = or(1, ints[0]);
  const valid = isT(x) && axisOf(axis === undefined ? -1 : axis, x.ndim) !== null; // omitted: the last axis
  return call([op], () => fn(op)(x, axis), valid ? same(x) : "invalid", [x, axis]);
};

export const cast: Build = ({ arg, or, m }) => {
  const x = arg(0);
  const dtype = or(1, m.flag ? "float32" : "float64");
  const valid = isT(x) && (dtype === "float32" || dtype === "float64");
  const predict: Prediction = valid ? { shape: (x as Tensor).shape, dtype: dtype as string } : "invalid";
  return call(["to"], () => ops.cast(x as Tensor, dtype as "float32"), predict, [x, dtype]);
};

export const where: Build = ({ arg }) => {
  const [c, a, b] = [arg(0), arg(1), arg(2)];
  const ok = (v: unknown) => isT(v) || typeof v === "number";
  const s = isT(c) && ok(a) && ok(b) ? broadcast(c.shape, shapeOf(a), shapeOf(b)) : null;
  // Numbers take the dtype of a tensor operand, or of the condition when both are numbers.
  const dtype = isT(a) || isT(b) ? promoted(a, b) : promoted(c);
  const predict: Prediction = s === null ? "invalid" : { shape: s, dtype };
  return call(["where"], () => ops.where(c as Tensor, a as Tensor, b as Tensor), predict, [c, a, b]);
};

export const runBackward: Build = ({ arg, m }) => {
  // backward with no gradOutput, or with one that may not fit (or not be a tensor at all).
  const x = arg(0);
  const gOut = m.flag ? undefined : arg(1);
  let valid = isT(x) && x.requiresGrad;
  if (isT(x)) {
    if (gOut === undefined || gOut === null || typeof gOut === "number") valid &&= x.size === 1;
    else if (isT(gOut)) valid &&= fmt(gOut.shape) === fmt(x.shape) || (gOut.size === 1 && x.size === 1);
    else valid = false;
  }
  const run = () => backward(x as Tensor, gOut as Tensor, { retainGraph: true });
  return call(["backward"], run, valid ? "void" : "invalid", [x, gOut]);
};

