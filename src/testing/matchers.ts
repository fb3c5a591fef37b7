/**
 * A vitest matcher for tensors: `expect(y).toBeAllClose(expected, { rtol, atol })`, elementwise
 * |actual − expected| ≤ atol + rtol·|expected| (NumPy's allclose, with its defaults rtol 1e-5, atol 1e-8),
 * shapes equal. Either side may be a Tensor, a number, nested arrays or a flat typed array.
 *
 * Install once per test file (or in a setup file): `expect.extend(matchers)`. Importing this module only brings
 * the types; vitest itself is needed only to run the tests.
 */
import { formatShape, stridesOf } from "../autograd/shape.ts";
import { Tensor } from "../autograd/tensor.ts";
// Brings vitest into the program, which the augmentation below needs when nothing else imports it (the build).
import type {} from "vitest";

export interface AllCloseOptions {
  readonly rtol?: number;
  readonly atol?: number;
  /** NaN equals NaN at the same place (default false). */
  readonly equalNan?: boolean;
}

/** What toBeAllClose compares. */
export type Closeable = Tensor | number | ArrayLike<number> | readonly Closeable[];

interface Flat {
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
}

function flatten(x: unknown, which: string): Flat | string {
  if (x instanceof Tensor) return { shape: x.shape, values: x.data };
  if (typeof x === "number") return { shape: [], values: [x] };
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const values = x as unknown as ArrayLike<number>;
    return { shape: [values.length], values };
  }
  if (!Array.isArray(x)) return `${which} is ${x === null ? "null" : typeof x}, not a Tensor, number or array`;
  const shape: number[] = [];
  for (let d: unknown = x; Array.isArray(d); d = d[0]) shape.push(d.length);
  const values: number[] = [];
  const visit = (d: unknown, dim: number): string | null => {
    if (dim === shape.length) {
      if (typeof d !== "number") return `${which} holds ${typeof d} where a number belongs`;
      values.push(d);
      return null;
    }
    if (!Array.isArray(d) || d.length !== shape[dim]) return `${which} is a ragged array (expected ${shape[dim]} elements at depth ${dim})`;
    for (const e of d) {
      const err = visit(e, dim + 1);
      if (err !== null) return err;
    }
    return null;
  };
  return visit(x, 0) ?? { shape, values };
}

function at(shape: readonly number[], k: number): string {
  const st = stridesOf(shape);
  return `[${shape.map((_, d) => Math.floor(k / st[d]) % shape[d]).join(", ")}]`;
}

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The matcher itself, usable without vitest: `toBeAllClose(actual, expected, options).pass`. */
export function toBeAllClose(received: unknown, expected: Closeable, options: AllCloseOptions = {}): MatcherResult {
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  const a = flatten(received, "the received value");
  const e = flatten(expected, "the expected value");
  if (typeof a === "string" || typeof e === "string") {
    const why = typeof a === "string" ? a : (e as string);
    return { pass: false, message: () => `toBeAllClose: ${why}` };
  }
  const sameShape = a.shape.length === e.shape.length && a.shape.every((d, i) => d === e.shape[i]);
  if (!sameShape) {
    return {
      pass: false,
      message: () => `expected shape ${formatShape(e.shape)} but received shape ${formatShape(a.shape)}`,
    };
  }
  let bad = 0;
  let worst = { k: -1, excess: 0 };
  for (let k = 0; k < e.values.length; k++) {
    const x = a.values[k];
    const y = e.values[k];
    if (equalNan && Number.isNaN(x) && Number.isNaN(y)) continue;
    const excess = x === y ? 0 : Math.abs(x - y) / (atol + rtol * Math.abs(y));
    if (!(excess <= 1)) {
      bad++;
      if (!(excess <= worst.excess)) worst = { k, excess: Number.isNaN(excess) ? Infinity : excess };
    }
  }
  const tol = `atol ${atol} + rtol ${rtol}·|expected|`;
  if (bad === 0) {
    return {
      pass: true,
      message: () => `expected shape ${formatShape(a.shape)} values not to be all close (within ${tol}), but they are`,
    };
  }
  const x = a.values[worst.k];
  const y = e.values[worst.k];
  return {
    pass: false,
    message: () =>
      `expected all elements within ${tol}; ${bad} of ${e.values.length} are not. Worst at ` +
      `${at(e.shape, worst.k)}: received ${x}, expected ${y} (|difference| ${Math.abs(x - y).toExponential(3)})`,
  };
}

/** For `expect.extend(matchers)`. */
export const matchers = {
  toBeAllClose(received: unknown, expected: Closeable, options?: AllCloseOptions): MatcherResult {
    return toBeAllClose(received, expected, options);
  },
};

interface AllCloseMatchers<R = unknown> {
  /** Elementwise |received − expected| ≤ atol + rtol·|expected|, same shape (defaults rtol 1e-5, atol 1e-8). */
  toBeAllClose(expected: Closeable, options?: AllCloseOptions): R;
}

// vitest's Assertion extends Matchers, which is the interface vitest documents for custom matchers.
declare module "vitest" {
  interface Matchers<T> extends AllCloseMatchers<T> {}
  interface AsymmetricMatchersContaining extends AllCloseMatchers {}
}
