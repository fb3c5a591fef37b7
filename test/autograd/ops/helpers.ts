/**
 * What the per-op tests share: float64 leaves, closeness assertions whose tolerances come from unit roundoff,
 * fast-check arbitraries for shapes and values, and the float32-against-float64 comparison.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { Generator } from "../../../src/autograd/random.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { Tensor, type NestedArray } from "../../../src/autograd/tensor.ts";
import { tensor } from "../../../src/autograd/creation.ts";

/** float64 unit roundoff: one rounding to nearest moves a value by at most 2^-53 of itself. */
export const U64 = 2 ** -53;
/** float32 unit roundoff. */
export const U32 = 2 ** -24;

/** A float64 leaf that requires grad. */
export function leaf(data: NestedArray, shape?: readonly number[]): Tensor {
  return tensor(data, { requiresGrad: true, ...(shape ? { shape } : {}) });
}

/** A float64 leaf of `shape` with standard normal values from `seed`. */
export function randLeaf(shape: readonly number[], seed: number, scale = 1, shift = 0): Tensor {
  const g = new Generator(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = shift + scale * g.normal();
  return tensor(data, { shape, requiresGrad: true });
}

export function shapeOf(x: NestedArray): number[] {
  const s: number[] = [];
  let d = x;
  while (Array.isArray(d)) {
    s.push(d.length);
    d = d[0];
  }
  return s;
}

export function flat(x: NestedArray): number[] {
  return Array.isArray(x) ? x.flatMap((e) => flat(e)) : [x];
}

/**
 * Asserts `actual` has the shape of `expected` and each element within k·u₆₄·max(|expected|, scale). The
 * expected values are the same arithmetic done in float64, perhaps in another order: the two differ by at most
 * k roundings, each of relative size u₆₄ on intermediates no larger than max(|expected|, scale).
 */
export function expectClose(actual: Tensor | null | undefined, expected: NestedArray, k = 4, scale = 0): void {
  expect(actual).toBeInstanceOf(Tensor);
  const a = actual as Tensor;
  expect([...a.shape]).toEqual(shapeOf(expected));
  const e = flat(expected);
  for (let i = 0; i < e.length; i++) {
    const tol = k * U64 * Math.max(Math.abs(e[i]), scale);
    if (!(Math.abs(a.data[i] - e[i]) <= tol)) {
      expect.fail(`element ${i}: ${a.data[i]} is not within ${tol} of ${e[i]}`);
    }
  }
}

/** Asserts the same shape and bit-identical values (for ops that only move values). */
export function expectExact(actual: Tensor | null | undefined, expected: NestedArray): void {
  expect(actual).toBeInstanceOf(Tensor);
  const a = actual as Tensor;
  expect([...a.shape]).toEqual(shapeOf(expected));
  expect(Array.from(a.data)).toEqual(flat(expected));
}

/** Asserts two tensors agree elementwise within k·u₆₄·max(|b|, scale) (see expectClose). */
export function expectTensorsClose(a: Tensor | null, b: Tensor | null, k = 4, scale = 0): void {
  expect(a).toBeInstanceOf(Tensor);
  expect(b).toBeInstanceOf(Tensor);
  const x = a as Tensor;
  const y = b as Tensor;
  expect([...x.shape]).toEqual([...y.shape]);
  for (let i = 0; i < y.size; i++) {
    const tol = k * U64 * Math.max(Math.abs(y.data[i]), scale);
    if (!(Math.abs(x.data[i] - y.data[i]) <= tol)) {
      expect.fail(`element ${i}: ${x.data[i]} is not within ${tol} of ${y.data[i]}`);
    }
  }
}

export const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

// -- arbitraries -------------------------------------------------------------------------------------------

export const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

export function shapeArb(minRank = 0, maxRank = 3, maxDim = 4): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

export interface ValueOptions {
  readonly lo?: number;
  readonly hi?: number;
  /** Points to stay at least `gap` away from (kinks, bounds). */
  readonly avoid?: readonly number[];
  readonly gap?: number;
}

/** `n` doubles in [lo, hi], each pushed at least `gap` away from every point in `avoid`. */
export function valuesArb(n: number, { lo = -2, hi = 2, avoid = [], gap = 1e-3 }: ValueOptions = {}): fc.Arbitrary<number[]> {
  return fc
    .array(fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n })
    .map((vs) =>
      vs.map((v) => {
        // NOTE: tiny values flush to 0: products of them would underflow to subnormals, where relative error
        // bounds no longer hold, and they say nothing about a rule that values of ordinary size do not.
        if (Math.abs(v) < 1e-100) v = 0;
        for (const c of avoid) if (Math.abs(v - c) < gap) v = c + (v >= c ? gap : -gap);
        return v === 0 ? 0 : v; // no -0: it compares equal but prints oddly in counterexamples
      }),
    );
}

/** A shape with values for it. */
export function caseArb(shape: fc.Arbitrary<number[]>, values: ValueOptions = {}): fc.Arbitrary<{ shape: number[]; values: number[] }> {
  return shape.chain((s) => valuesArb(numel(s), values).map((v) => ({ shape: s, values: v })));
}

/** Two shapes that broadcast together: the second drops some leading axes of the first and sets others to 1. */
export function broadcastPairArb(maxRank = 3, maxDim = 3): fc.Arbitrary<[number[], number[]]> {
  return shapeArb(0, maxRank, maxDim).chain((s) =>
    fc
      .tuple(fc.integer({ min: 0, max: s.length }), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }), fc.boolean())
      .map(([drop, ones, swap]) => {
        const t = s.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d));
        return (swap ? [t, s] : [s, t]) as [number[], number[]];
      }),
  );
}

/** A float64 leaf from plain values. */
export function fromValues(values: readonly number[], shape: readonly number[]): Tensor {
  return tensor(Float64Array.from(values), { shape, requiresGrad: true });
}

// -- float32 against float64 -------------------------------------------------------------------------------

export interface DtypePair {
  readonly y32: Tensor;
  readonly y64: Tensor;
  readonly g32: readonly (Tensor | null)[];
  readonly g64: readonly (Tensor | null)[];
  /** The cotangent, as float64. */
  readonly v: Tensor;
}

/**
 * Runs `fn` on float32 leaves and on float64 leaves holding the same (float32-representable) values, and
 * backpropagates the same float32-representable random cotangent through both. The float64 run is the reference:
 * its own error is ~2^29 times smaller than float32's.
 */
export function runBothDtypes(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], seed = 7): DtypePair {
  const x32 = inputs.map((x) => tensor(Float32Array.from(x.data), { shape: x.shape, requiresGrad: true }));
  const x64 = x32.map((x) => tensor(Float64Array.from(x.data), { shape: x.shape, requiresGrad: true }));
  const y32 = fn(...x32);
  const y64 = fn(...x64);
  const gen = new Generator(seed);
  const v = Float32Array.from({ length: y64.size }, () => gen.normal());
  const g32 = grad(y32, x32, { gradOutputs: tensor(v, { shape: y32.shape }), allowUnused: true });
  const g64 = grad(y64, x64, { gradOutputs: tensor(Float64Array.from(v), { shape: y64.shape }), allowUnused: true });
  return { y32, y64, g32, g64, v: tensor(Float64Array.from(v), { shape: y64.shape }) };
}

/**
 * Asserts `a32` is float32 and within k·u₃₂·max(|a64|, floor) of `a64` elementwise: k roundings to float32, each
 * of relative size u₃₂ = 2^-24 on intermediates no larger than max(|a64|, floor).
 */
export function expectFloat32Near(a32: Tensor | null, a64: Tensor | null, k: number, floor = 0): void {
  expect(a32).toBeInstanceOf(Tensor);
  expect(a64).toBeInstanceOf(Tensor);
  const x = a32 as Tensor;
  const y = a64 as Tensor;
  expect(x.dtype).toBe("float32");
  expect(y.dtype).toBe("float64");
  expect([...x.shape]).toEqual([...y.shape]);
  for (let i = 0; i < y.size; i++) {
    const tol = k * U32 * Math.max(Math.abs(y.data[i]), floor);
    if (!(Math.abs(x.data[i] - y.data[i]) <= tol)) {
      expect.fail(`float32 element ${i}: ${x.data[i]} is not within ${tol} of float64 ${y.data[i]}`);
    }
  }
}

/** max |x| over a tensor, for norm-wise tolerances. */
export function maxAbs(x: Tensor | null): number {
  let m = 0;
  if (x) for (let i = 0; i < x.size; i++) m = Math.max(m, Math.abs(x.data[i]));
  return m;
}

// -- independent references (plain loops, no engine code) --------------------------------------------------

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

/**
 * A shape with an axis argument for it: undefined (every axis), one axis, or a list, each axis randomly written
 * negative; `axes` is the same set, sorted and non-negative.
 */
export function axisCaseArb(
  shape: fc.Arbitrary<number[]>,
): fc.Arbitrary<{ shape: number[]; axis: number | number[] | undefined; axes: number[]; keepdim: boolean }> {
  return shape.chain((s) => {
    const all = s.map((_, i) => i);
    return fc
      .tuple(fc.oneof(fc.constant(undefined), fc.shuffledSubarray(all, { minLength: Math.min(1, all.length) })), fc.boolean(), fc.boolean(), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }))
      .map(([sub, asNumber, keepdim, negs]) => {
        const axes = sub === undefined ? all : [...sub].sort((a, b) => a - b);
        const written = sub?.map((a) => (negs[a] ? a - s.length : a));
        const axis = written === undefined ? undefined : asNumber && written.length === 1 ? written[0] : written;
        return { shape: s, axis, axes, keepdim };
      });
  });
}

/**
 * Asserts `fn` throws `type` with a message that starts with the op's name and contains each fragment (the
 * shapes, values and remedy that matter), without pinning the rest of the wording.
 */
export function expectOpError(fn: () => unknown, type: new (...args: never[]) => Error, op: string, ...fragments: string[]): void {
  let thrown: unknown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(type);
  const message = (thrown as Error).message;
  expect(message.startsWith(`${op}: `), `"${message}" should start with "${op}: "`).toBe(true);
  for (const f of fragments) expect(message).toContain(f);
}
