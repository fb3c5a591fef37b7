/** Creating tensors: from data, filled, ranges, identity, and random draws from a seeded generator. */
import { allocateOwned, isDType, type DType, type Storage } from "./dtype.ts";
import { ArgumentError, DTypeError, ShapeError } from "./errors.ts";
import { getDefaultGenerator, type Generator } from "./random.ts";
import { checkShape, formatShape, numel, type Shape } from "./shape.ts";
import { Tensor, type NestedArray } from "./tensor.ts";

export interface TensorOptions {
  shape?: readonly number[];
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface FillOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface RandomOptions extends FillOptions {
  generator?: Generator;
}

export type TensorData = NestedArray | readonly NestedArray[] | Storage | ArrayLike<number>;

function dtypeOption(op: string, dtype: unknown): DType {
  if (dtype === undefined) return "float64";
  if (!isDType(dtype)) {
    throw new DTypeError(`${op}: unknown dtype ${JSON.stringify(dtype)}; use "float32" or "float64"`);
  }
  return dtype;
}

/** Deeper nesting than this is not data but a mistake (or a cycle); the recursion of flatten stays shallow. */
const MAX_RANK = 1024;
/** The longest typed array V8 makes on 64-bit machines (Node 20). */
const MAX_ELEMENTS = 2 ** 32;

function inferShape(data: unknown): number[] {
  const shape: number[] = [];
  const seen = new Set<unknown>();
  let d: unknown = data;
  while (Array.isArray(d)) {
    if (seen.has(d)) {
      throw new ArgumentError(
        `tensor: the nested arrays contain themselves (a cycle at depth ${shape.length}); pass arrays of numbers`,
      );
    }
    if (shape.length === MAX_RANK) {
      throw new ArgumentError(`tensor: arrays nested more than ${MAX_RANK} deep; tapegrad takes at most ${MAX_RANK} dimensions`);
    }
    seen.add(d);
    shape.push(d.length);
    d = d[0];
  }
  return shape;
}

/**
 * Storage for `n` elements; a size beyond what a typed array holds, or than memory gives, is a ShapeError naming it
 * (instead of V8's bare RangeError).
 */
function storage(op: string, dtype: DType, n: number, shape: readonly number[]): Storage {
  const what = `${op}: shape ${formatShape(shape)} has ${n} elements`;
  if (n > MAX_ELEMENTS) throw new ShapeError(`${what}, above the limit of ${MAX_ELEMENTS} elements per tensor; use a smaller shape`);
  try {
    return allocateOwned(dtype, n);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const gb = (n * (dtype === "float32" ? 4 : 8)) / 2 ** 30;
    throw new ShapeError(`${what} (${gb.toFixed(1)} GiB of ${dtype}), more memory than this process can allocate`);
  }
}

function flatten(data: unknown, shape: readonly number[], out: Storage): void {
  let k = 0;
  const visit = (d: unknown, dim: number, path: number[]): void => {
    if (dim === shape.length) {
      if (typeof d !== "number") {
        throw new ArgumentError(
          `tensor: element at [${path.join(", ")}] is ${d === null ? "null" : typeof d}, not a number`,
        );
      }
      out[k++] = d;
      return;
    }
    if (!Array.isArray(d) || d.length !== shape[dim]) {
      throw new ShapeError(
        `tensor: nested arrays are ragged: expected ${shape[dim]} elements at [${path.join(", ")}] ` +
          `(shape ${formatShape(shape)} inferred from the first elements), found ` +
          (Array.isArray(d) ? `${d.length}` : typeof d),
      );
    }
    for (let i = 0; i < d.length; i++) visit(d[i], dim + 1, [...path, i]);
  };
  visit(data, 0, []);
}

/**
 * A tensor from a number, nested arrays, or a flat array with `shape`. Typed arrays are copied; a Float32Array
 * gives float32 unless `dtype` says otherwise.
 */
export function tensor(data: TensorData, options: TensorOptions = {}): Tensor {
  const isTyped = data instanceof Float32Array || data instanceof Float64Array;
  const dtype = options.dtype !== undefined || !isTyped ? dtypeOption("tensor", options.dtype) :
    data instanceof Float32Array ? "float32" : "float64";
  let shape: Shape;
  let values: Storage;
  if (typeof data === "number") {
    shape = options.shape ? checkShape("tensor", options.shape) : [];
    if (numel(shape) !== 1) {
      throw new ShapeError(`tensor: a single number cannot fill shape ${formatShape(shape)}; use full()`);
    }
    values = allocateOwned(dtype, 1);
    values[0] = data;
  } else if (Array.isArray(data)) {
    shape = inferShape(data);
    values = storage("tensor", dtype, numel(shape), shape);
    flatten(data, shape, values);
    if (options.shape) {
      const want = checkShape("tensor", options.shape);
      if (numel(want) !== values.length) {
        throw new ShapeError(
          `tensor: ${values.length} values cannot take shape ${formatShape(want)} (${numel(want)} elements)`,
        );
      }
      shape = want;
    }
  } else if (data !== null && typeof data === "object" && "length" in data) {
    const flat = data as ArrayLike<number>;
    shape = options.shape ? checkShape("tensor", options.shape) : [flat.length];
    if (numel(shape) !== flat.length) {
      throw new ShapeError(
        `tensor: ${flat.length} values cannot take shape ${formatShape(shape)} (${numel(shape)} elements)`,
      );
    }
    values = storage("tensor", dtype, flat.length, shape);
    for (let i = 0; i < flat.length; i++) {
      const v = flat[i];
      if (typeof v !== "number") throw new ArgumentError(`tensor: element ${i} is ${typeof v}, not a number`);
      values[i] = v;
    }
  } else {
    throw new ArgumentError(
      `tensor: cannot make a tensor from ${data === null ? "null" : typeof data}; ` +
        `pass a number, nested arrays of numbers, or a flat array with { shape }`,
    );
  }
  return new Tensor(values, shape, options.requiresGrad ?? false);
}

/** A tensor over existing storage (not copied). */
export function fromStorage(data: Storage, shape: readonly number[], requiresGrad = false): Tensor {
  if (!(data instanceof Float64Array || data instanceof Float32Array)) {
    throw new ArgumentError(`fromStorage: needs a Float64Array or Float32Array; use tensor() for other data`);
  }
  if (numel(checkShape("fromStorage", shape)) !== data.length) {
    throw new ShapeError(`fromStorage: ${data.length} values cannot take shape ${formatShape(shape)}`);
  }
  return new Tensor(data, shape, requiresGrad);
}

/** A finite-or-infinite number argument (NaN is allowed only where it is a fill value). */
function checkValue(op: string, x: unknown, which: string, allowNaN = false): number {
  if (typeof x !== "number" || (!allowNaN && Number.isNaN(x))) {
    throw new ArgumentError(`${op}: ${which} must be a number, got ${typeof x === "number" ? x : typeof x}`);
  }
  return x;
}

/** A count argument: a non-negative integer. */
function checkCount(op: string, n: unknown, which: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    throw new ArgumentError(`${op}: ${which} must be a non-negative integer, got ${String(n)}`);
  }
  return n;
}

/** `full`, with the name of the public function that called it for messages. */
function filled(op: string, shape: readonly number[], value: number, options: FillOptions): Tensor {
  const s = checkShape(op, shape);
  checkValue(op, value, "the fill value", true);
  const data = storage(op, dtypeOption(op, options.dtype), numel(s), s);
  if (value !== 0) data.fill(value);
  return new Tensor(data, s, options.requiresGrad ?? false);
}

export function full(shape: readonly number[], value: number, options: FillOptions = {}): Tensor {
  return filled("full", shape, value, options);
}

export function zeros(shape: readonly number[], options: FillOptions = {}): Tensor {
  return filled("zeros", shape, 0, options);
}

export function ones(shape: readonly number[], options: FillOptions = {}): Tensor {
  return filled("ones", shape, 1, options);
}

export function zerosLike(t: Tensor, options: FillOptions = {}): Tensor {
  return full(t.shape, 0, { dtype: t.dtype, ...options });
}

export function onesLike(t: Tensor, options: FillOptions = {}): Tensor {
  return full(t.shape, 1, { dtype: t.dtype, ...options });
}

/** start, start + step, … below end (numpy.arange); `arange(n)` is 0..n-1. */
export function arange(start: number, end?: number, step = 1, options: FillOptions = {}): Tensor {
  if (end === undefined) [start, end] = [0, start];
  if (typeof start !== "number" || typeof end !== "number" || !Number.isFinite(start) || !Number.isFinite(end)) {
    throw new ArgumentError(`arange: start and end must be finite numbers, got ${String(start)} and ${String(end)}`);
  }
  if (typeof step !== "number" || step === 0 || !Number.isFinite(step)) {
    throw new ArgumentError(`arange: step must be finite and non-zero, got ${String(step)}`);
  }
  const n = Math.max(0, Math.ceil((end - start) / step));
  if (n > MAX_ELEMENTS) {
    throw new ArgumentError(
      `arange: [${start}, ${end}) in steps of ${step} has ${n} elements, above the limit of ${MAX_ELEMENTS} per tensor; ` +
        `use a larger step or a shorter range`,
    );
  }
  const data = storage("arange", dtypeOption("arange", options.dtype), n, [n]);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n], options.requiresGrad ?? false);
}

export function linspace(start: number, end: number, steps: number, options: FillOptions = {}): Tensor {
  checkValue("linspace", start, "start");
  checkValue("linspace", end, "end");
  checkCount("linspace", steps, "steps");
  const data = storage("linspace", dtypeOption("linspace", options.dtype), steps, [steps]);
  for (let i = 0; i < steps; i++) data[i] = steps === 1 ? start : start + ((end - start) * i) / (steps - 1);
  return new Tensor(data, [steps], options.requiresGrad ?? false);
}

export function eye(n: number, m = n, options: FillOptions = {}): Tensor {
  checkCount("eye", n, "the number of rows");
  checkCount("eye", m, "the number of columns");
  const t = filled("eye", [n, m], 0, options);
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}

/** Standard normal draws from `generator` (the default one when absent). */
export function randn(shape: readonly number[], options: RandomOptions = {}): Tensor {
  const t = filled("randn", shape, 0, options);
  const g = options.generator ?? getDefaultGenerator();
  for (let i = 0; i < t.data.length; i++) t.data[i] = g.normal();
  return t;
}

/** Uniform draws on [low, high) (default [0, 1)). */
export function rand(shape: readonly number[], options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  const t = filled("rand", shape, 0, options);
  const g = options.generator ?? getDefaultGenerator();
  const lo = options.low ?? 0;
  const hi = options.high ?? 1;
  for (let i = 0; i < t.data.length; i++) t.data[i] = lo + (hi - lo) * g.uniform();
  return t;
}
