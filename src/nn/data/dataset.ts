/** A data set in memory: features [n, f] and, per sample, a class index or a regression target row. */
import { allocateOwned } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import { Tensor } from "../../autograd/tensor.ts";

export type Task = "classification" | "regression";

export interface Dataset {
  readonly name: string;
  readonly task: Task;
  /** Features, [n, f]. */
  readonly x: Tensor;
  /** Class indices (classification) or targets [n, k] (regression). */
  readonly y: Int32Array | Tensor;
  /** The number of classes; 0 for regression. */
  readonly numClasses: number;
  readonly classNames?: readonly string[];
}

/** A train/test pair; `mean` and `std` are the standardisation fitted on train, when one was applied. */
export interface Split {
  readonly train: Dataset;
  readonly test: Dataset;
  readonly mean?: Float64Array;
  readonly std?: Float64Array;
}

export function numSamples(d: Dataset): number {
  return d.x.shape[0];
}

export function numFeatures(d: Dataset): number {
  return d.x.shape[1];
}

/** Rows `index` of a [n, ...] tensor, copied into a new one. */
export function takeRows(t: Tensor, index: ArrayLike<number>): Tensor {
  const n = t.shape[0];
  const width = n === 0 ? 0 : t.size / n;
  const out = allocateOwned(t.dtype, index.length * width);
  const src = t.data;
  for (let i = 0; i < index.length; i++) {
    const r = index[i];
    if (width === 1) out[i] = src[r];
    else out.set(src.subarray(r * width, (r + 1) * width), i * width);
  }
  return new Tensor(out, [index.length, ...t.shape.slice(1)]);
}

export function takeLabels(y: Int32Array, index: ArrayLike<number>): Int32Array {
  const out = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) out[i] = y[index[i]];
  return out;
}

/** The samples at `index`, in that order. */
export function subset(d: Dataset, index: ArrayLike<number>): Dataset {
  return {
    ...d,
    x: takeRows(d.x, index),
    y: d.y instanceof Int32Array ? takeLabels(d.y, index) : takeRows(d.y, index),
  };
}

/** Checks that features and targets describe the same samples. */
export function checkDataset(fn: string, d: Dataset): Dataset {
  if (d === null || typeof d !== "object" || !(d.x instanceof Tensor) || d.x.ndim !== 2) {
    throw new ArgumentError(`${fn}: a data set needs features x of shape [n, features]`);
  }
  const n = d.x.shape[0];
  const m = d.y instanceof Int32Array ? d.y.length : d.y instanceof Tensor ? d.y.shape[0] : -1;
  if (m !== n) {
    throw new ArgumentError(`${fn}: ${n} feature rows but ${m < 0 ? "no" : m} targets; give one target per row`);
  }
  return d;
}
