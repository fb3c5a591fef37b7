/**
 * Tensors for property tests: values in a range, kept away from the points where the function under test has a
 * kink or a pole (finite differences cannot judge a rule there), optionally on a grid (exact arithmetic, ties).
 * Each tensor prints as the call that rebuilds it, so a shrunk counterexample can be pasted into a test.
 */
import fc from "fast-check";
import { allocate, type DType } from "../autograd/dtype.ts";
import { ArgumentError } from "../autograd/errors.ts";
import { numel, type Shape } from "../autograd/shape.ts";
import { Tensor } from "../autograd/tensor.ts";
import { arbShape, type ShapeOptions } from "./arb-shape.ts";
import { TensorArbitrary } from "./tensor-arbitrary.ts";

export interface ValueOptions {
  /** Smallest value (default −2). */
  readonly min?: number;
  /** Largest value (default 2). */
  readonly max?: number;
  /** Kinks and poles to stay away from: no value lies within `margin` of any of them. */
  readonly avoid?: readonly number[];
  /** Distance kept from every point of `avoid` (default 0.05). */
  readonly margin?: number;
  /** Draw multiples of `step` only: exact sums and products, and ties (for max and sorting rules). */
  readonly step?: number;
}

export interface TensorArbOptions extends ValueOptions {
  /** A fixed shape, bounds for a drawn one (default: rank 0 to 3, dimensions 1 to 4), or an arbitrary of shapes. */
  readonly shape?: Shape | ShapeOptions | fc.Arbitrary<Shape>;
  /** Default float64. */
  readonly dtype?: DType;
  /** Default true: the tensors are leaves to differentiate. */
  readonly requiresGrad?: boolean;
}

/** A value as a raw integer draw (shrinking towards 0) and the map from draws to values. */
function rawValues(options: ValueOptions): { raw: fc.Arbitrary<number>; toValue: (k: number) => number } {
  const { min = -2, max = 2, avoid = [], margin = 0.05, step } = options;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) {
    throw new ArgumentError(`arbValue: need finite min ≤ max, got min ${min} and max ${max}`);
  }
  if (!(margin >= 0) || avoid.some((a) => !Number.isFinite(a))) {
    throw new ArgumentError(`arbValue: margin must be ≥ 0 and avoid finite (got margin ${margin}, avoid [${avoid}])`);
  }
  if (step !== undefined && !(step > 0 && Number.isFinite(step))) {
    throw new ArgumentError(`arbValue: step must be a positive number, got ${step}`);
  }
  if (min === max) return { raw: fc.constant(0), toValue: () => min };
  // NOTE: not fc.double, which is uniform over representable doubles (half of those in [−2, 2] lie below
  // 2⁻⁵¹¹); a uniform draw on a fine binary grid (about 2²⁴ points, or the caller's step) is what a rule should meet.
  const grid = step ?? 2 ** Math.floor(Math.log2((max - min) / 2 ** 24));
  const lo = Math.ceil(min / grid);
  const hi = Math.floor(max / grid);
  const index = fc.integer({ min: lo, max: hi });
  // A coarse grid is asked for ties and edges, so it keeps fast-check's bias towards small and extreme values.
  return {
    raw: step === undefined ? fc.noBias(index) : index,
    toValue: (k) => keepAway(k * grid, avoid, margin, step, min, max),
  };
}

/** One value: shrinks towards 0 (or the nearest allowed value), never NaN or infinite. */
export function arbValue(options: ValueOptions = {}): fc.Arbitrary<number> {
  const { raw, toValue } = rawValues(options);
  return raw.map(toValue);
}

/** Moves `v` out of every avoided interval, to the side it was on (or the other side, at the range's edge). */
function keepAway(v: number, avoid: readonly number[], margin: number, step: number | undefined, min: number, max: number): number {
  for (let round = 0; round <= avoid.length; round++) {
    const a = avoid.find((p) => Math.abs(v - p) < margin);
    if (a === undefined) break;
    const up = v >= a ? a + margin <= max : a - margin < min;
    v = up ? a + margin : a - margin;
    if (step !== undefined) v = (up ? Math.ceil(v / step) : Math.floor(v / step)) * step;
  }
  return v === 0 ? 0 : v; // no −0: it compares equal to 0 but prints as a surprise in counterexamples
}

/** A leaf built from values, printing as the `tensor(...)` call that rebuilds it. */
export function leafFrom(values: readonly number[], shape: Shape, dtype: DType = "float64", requiresGrad = true): Tensor {
  const data = allocate(dtype, values.length);
  data.set(values);
  const t = new Tensor(data, [...shape], requiresGrad);
  Object.defineProperty(t, fc.toStringMethod, { value: () => formatLeaf(t), enumerable: false });
  return t;
}

/** `tensor([[0.5, -1]], { requiresGrad: true })`: the values in full precision, the options that matter. */
export function formatLeaf(t: Tensor): string {
  const nested = (dim: number, offset: number): string => {
    if (dim === t.shape.length) return String(t.data[offset]);
    const stride = numel(t.shape.slice(dim + 1));
    return `[${Array.from({ length: t.shape[dim] }, (_, i) => nested(dim + 1, offset + i * stride)).join(", ")}]`;
  };
  const opts: string[] = [];
  if (t.size === 0) opts.push(`shape: [${t.shape.join(", ")}]`);
  if (t.dtype !== "float64") opts.push(`dtype: "${t.dtype}"`);
  if (t.requiresGrad) opts.push("requiresGrad: true");
  const body = t.size === 0 ? "[]" : nested(0, 0);
  return `tensor(${body}${opts.length > 0 ? `, { ${opts.join(", ")} }` : ""})`;
}

/**
 * A tensor whose values follow `options`, of a fixed shape, of a shape drawn from ShapeOptions (the default,
 * shrinking by removing slices and axes, see tensor-arbitrary.ts), or of a shape from any arbitrary of shapes
 * (shrinking less well: the values are drawn afresh when the shape shrinks).
 */
export function arbTensor(options: TensorArbOptions = {}): fc.Arbitrary<Tensor> {
  const { shape = {}, dtype = "float64", requiresGrad = true } = options;
  const { raw, toValue } = rawValues(options);
  const build = (ks: readonly number[], s: Shape) => leafFrom(ks.map(toValue), s, dtype, requiresGrad);
  if (isArbitrary(shape)) return shape.chain((s) => fixed(s));
  if (isShape(shape)) return fixed(shape);
  const { minRank = 0, minDim = 1 } = shape;
  return new TensorArbitrary(arbShape(shape), minRank, minDim, raw, build);

  function fixed(s: Shape): fc.Arbitrary<Tensor> {
    const n = numel(s);
    return fc.array(raw, { minLength: n, maxLength: n }).map((ks) => build(ks, s));
  }
}

/** One tensor per shape, all with the same value options. */
export function arbTensors(shapes: readonly Shape[] | fc.Arbitrary<readonly Shape[]>, options: Omit<TensorArbOptions, "shape"> = {}): fc.Arbitrary<Tensor[]> {
  const build = (ss: readonly Shape[]) => fc.tuple(...ss.map((s) => arbTensor({ ...options, shape: s })));
  return isArbitrary(shapes) ? shapes.chain(build) : build(shapes);
}

function isShape(x: Shape | ShapeOptions): x is Shape {
  return Array.isArray(x);
}

function isArbitrary<T, U>(x: T | U | fc.Arbitrary<T>): x is fc.Arbitrary<T> {
  return x instanceof fc.Arbitrary;
}
