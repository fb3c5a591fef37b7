/**
 * What the per-op tests share: float64 leaves, closeness assertions whose tolerances come from unit roundoff,
 * the float32-against-float64 comparison, and error checks. The arbitraries and index references live beside
 * it and are re-exported, so that a test imports from one place.
 */
import { expect } from "vitest";
import { Generator } from "../../../src/autograd/random.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { Tensor, type NestedArray } from "../../../src/autograd/tensor.ts";
import { tensor } from "../../../src/autograd/creation.ts";

export * from "./arbitraries.ts";
export * from "./index-reference.ts";

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
