/**
 * Elementwise kernels over flat row-major storage. They know shapes and numbers, never tensors.
 *
 * Binary ops broadcast with NumPy rules. The loops are specialised by layout, fastest first:
 *   1. same shape: one flat loop;
 *   2. one operand a single element: a scalar loop;
 *   3. one operand a trailing block of the other (a bias row, say): the flat loop once per row;
 *   4. one operand a leading block, 1 along the trailing dimensions (a [rows, 1] column, say): the scalar loop
 *      once per element of it;
 *   5. anything else: an odometer over the output's index with per-operand strides (0 where broadcast).
 * The four hot ops (add, sub, mul, div) get their own loops so that V8 inlines the arithmetic; every other op
 * passes a function. Unary ops pass a function too, and each gets a loop of its own (see `unary`).
 */
import type { Storage } from "../dtype.ts";
import { binaryF32, rowBroadcastF32 } from "./elementwise-f32.ts";
import { stridesOf, type Shape } from "../shape.ts";

export type BinaryFn = (x: number, y: number) => number;
export type UnaryFn = (x: number) => number;

/** Codes for the specialised loops; `generic` calls the op's function. */
export const enum Code {
  add,
  sub,
  mul,
  div,
  generic,
}

/** out[o + i] = f(a[ao + i], b[bo + i]) for i < len, or with a single element where the stride is 0. */
function run(
  code: Code,
  f: BinaryFn,
  a: Storage,
  ao: number,
  as: 0 | 1,
  b: Storage,
  bo: number,
  bs: 0 | 1,
  out: Storage,
  o: number,
  len: number,
): void {
  if (binaryF32(code, a, ao, as, b, bo, bs, out, o, len)) return;
  if (as === 1 && bs === 1) {
    switch (code) {
      case Code.add:
        for (let i = 0; i < len; i++) out[o + i] = a[ao + i] + b[bo + i];
        return;
      case Code.sub:
        for (let i = 0; i < len; i++) out[o + i] = a[ao + i] - b[bo + i];
        return;
      case Code.mul:
        for (let i = 0; i < len; i++) out[o + i] = a[ao + i] * b[bo + i];
        return;
      case Code.div:
        for (let i = 0; i < len; i++) out[o + i] = a[ao + i] / b[bo + i];
        return;
      default:
        for (let i = 0; i < len; i++) out[o + i] = f(a[ao + i], b[bo + i]);
        return;
    }
  }
  if (as === 1) {
    const y = b[bo];
    switch (code) {
      case Code.add:
        for (let i = 0; i < len; i++) out[o + i] = a[ao + i] + y;
        return;
      case Code.sub:
        for (let i = 0; i < len; i++) out[o + i] = a[ao + i] - y;
        return;
      case Code.mul:
        for (let i = 0; i < len; i++) out[o + i] = a[ao + i] * y;
        return;
      case Code.div:
        for (let i = 0; i < len; i++) out[o + i] = a[ao + i] / y;
        return;
      default:
        for (let i = 0; i < len; i++) out[o + i] = f(a[ao + i], y);
        return;
    }
  }
  const x = a[ao];
  if (bs === 0) {
    out.fill(f(x, b[bo]), o, o + len);
    return;
  }
  switch (code) {
    case Code.add:
      for (let i = 0; i < len; i++) out[o + i] = x + b[bo + i];
      return;
    case Code.sub:
      for (let i = 0; i < len; i++) out[o + i] = x - b[bo + i];
      return;
    case Code.mul:
      for (let i = 0; i < len; i++) out[o + i] = x * b[bo + i];
      return;
    case Code.div:
      for (let i = 0; i < len; i++) out[o + i] = x / b[bo + i];
      return;
    default:
      for (let i = 0; i < len; i++) out[o + i] = f(x, b[bo + i]);
      return;
  }
}

/** True when `s` equals the last `s.length` dimensions of `out` (leading 1s ignored). */
function isTrailingBlock(s: Shape, out: Shape): boolean {
  let start = 0;
  while (start < s.length && s[start] === 1) start++;
  const off = out.length - s.length;
  for (let i = start; i < s.length; i++) if (s[i] !== out[off + i]) return false;
  return true;
}

/**
 * The number of `out` elements each element of `s` covers when `s` matches the leading dimensions of `out` and is 1
 * along all the others (right-aligned, as broadcasting aligns them), or 0 when it does not.
 */
function leadingBlock(s: Shape, out: Shape): number {
  const off = out.length - s.length;
  let d = s.length;
  while (d > 0 && s[d - 1] === 1) d--;
  for (let i = 0; i < off; i++) if (out[i] !== 1) return 0;
  for (let i = 0; i < d; i++) if (s[i] !== out[off + i]) return 0;
  let chunk = 1;
  for (let i = off + d; i < out.length; i++) chunk *= out[i];
  return chunk;
}

/** Strides of `s` seen from the broadcast shape `out`: 0 along broadcast dimensions. */
export function broadcastStrides(s: Shape, out: Shape): number[] {
  const st = stridesOf(s);
  const res = new Array<number>(out.length).fill(0);
  const off = out.length - s.length;
  for (let i = 0; i < s.length; i++) res[off + i] = s[i] === 1 ? 0 : st[i];
  return res;
}

/** out = f(a, b) with NumPy broadcasting; `outShape` is the broadcast shape of `aShape` and `bShape`. */
export function binary(
  code: Code,
  f: BinaryFn,
  a: Storage,
  aShape: Shape,
  b: Storage,
  bShape: Shape,
  out: Storage,
  outShape: Shape,
): void {
  const n = out.length;
  const na = a.length;
  const nb = b.length;
  if (n === 0) return;
  if (na === n && nb === n) return run(code, f, a, 0, 1, b, 0, 1, out, 0, n);
  if (nb === 1 && na === n) return run(code, f, a, 0, 1, b, 0, 0, out, 0, n);
  if (na === 1 && nb === n) return run(code, f, a, 0, 0, b, 0, 1, out, 0, n);
  if (na === n && isTrailingBlock(bShape, outShape)) {
    if (rowBroadcastF32(code, a, b, out)) return;
    for (let r = 0; r < n; r += nb) run(code, f, a, r, 1, b, 0, 1, out, r, nb);
    return;
  }
  if (nb === n && isTrailingBlock(aShape, outShape)) {
    if (rowBroadcastF32(code, a, b, out)) return;
    for (let r = 0; r < n; r += na) run(code, f, a, 0, 1, b, r, 1, out, r, na);
    return;
  }
  if (na === n) {
    const chunk = leadingBlock(bShape, outShape);
    if (chunk > 0) {
      for (let r = 0, i = 0; r < n; r += chunk, i++) run(code, f, a, r, 1, b, i, 0, out, r, chunk);
      return;
    }
  }
  if (nb === n) {
    const chunk = leadingBlock(aShape, outShape);
    if (chunk > 0) {
      for (let r = 0, i = 0; r < n; r += chunk, i++) run(code, f, a, i, 0, b, r, 1, out, r, chunk);
      return;
    }
  }
  general(f, a, broadcastStrides(aShape, outShape), b, broadcastStrides(bShape, outShape), out, outShape);
}

function general(f: BinaryFn, a: Storage, sa: number[], b: Storage, sb: number[], out: Storage, shape: Shape): void {
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let ia = 0;
  let ib = 0;
  const n = out.length;
  for (let o = 0; o < n; o++) {
    out[o] = f(a[ia], b[ib]);
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < shape[d]) break;
      ia -= sa[d] * shape[d];
      ib -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
}

type UnaryLoop = (f: UnaryFn, x: Storage, out: Storage) => void;

const sharedUnaryLoop: UnaryLoop = (f, x, out) => {
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
};

const unaryLoops = new WeakMap<UnaryFn, UnaryLoop>();
let loopsMade = 0;

/**
 * A loop of its own for `f`.
 * NOTE: V8 inlines a called function only at a call site that has seen that one function. A single loop shared by
 * every unary op sees them all and calls each out of line, which measured 2–7× slower per element (relu: 15 ns →
 * 2 ns). So each op's loop is compiled from a source text of its own: identical texts would share one compiled
 * function, and with it the call site's feedback. Where code generation is forbidden (a browser's
 * Content-Security-Policy), every op falls back to the shared loop.
 */
function unaryLoopFor(f: UnaryFn): UnaryLoop {
  let loop = unaryLoops.get(f);
  if (loop === undefined) {
    try {
      const source = `"use strict"; // unary loop ${++loopsMade}\nconst n = x.length;\nfor (let i = 0; i < n; i++) out[i] = f(x[i]);`;
      loop = new Function("f", "x", "out", source) as UnaryLoop;
    } catch {
      loop = sharedUnaryLoop;
    }
    unaryLoops.set(f, loop);
  }
  return loop;
}

/** out[i] = f(x[i]). */
export function unary(f: UnaryFn, x: Storage, out: Storage): void {
  unaryLoopFor(f)(f, x, out);
}

/** Copies `x` of shape `from` into `out` of shape `to`, repeating along broadcast dimensions. */
export function broadcastCopy(x: Storage, from: Shape, out: Storage, to: Shape): void {
  const n = out.length;
  if (n === 0) return;
  if (x.length === n) {
    out.set(x);
    return;
  }
  if (x.length === 1) {
    out.fill(x[0]);
    return;
  }
  if (isTrailingBlock(from, to)) {
    for (let r = 0; r < n; r += x.length) out.set(x, r);
    return;
  }
  general(first, x, broadcastStrides(from, to), x, new Array<number>(to.length).fill(0), out, to);
}

const first: BinaryFn = (x) => x;
