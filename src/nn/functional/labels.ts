/** Class labels: an array (or tensor) of integer class indices, checked against the number of classes. */
import { ArgumentError, ShapeError } from "../../autograd/errors.ts";
import { formatShape } from "../../autograd/shape.ts";
import { Tensor } from "../../autograd/tensor.ts";

/** Integer class indices: a plain array, an Int32Array, or a 1-D tensor of whole numbers. */
export type Labels = readonly number[] | Int32Array | Tensor;

/** The labels as an Int32Array of length n, each in [0, classes); errors name the position and the value. */
export function toLabels(fn: string, labels: Labels, n: number, classes: number): Int32Array {
  let flat: ArrayLike<number>;
  if (labels instanceof Tensor) {
    if (labels.ndim !== 1) {
      throw new ShapeError(`${fn}: labels must be a 1-D tensor of class indices, got shape ${formatShape(labels.shape)}`);
    }
    flat = labels.data;
  } else if (Array.isArray(labels) || labels instanceof Int32Array) {
    flat = labels;
  } else {
    throw new ArgumentError(`${fn}: labels must be an array of class indices or a 1-D tensor of them`);
  }
  if (flat.length !== n) {
    throw new ShapeError(`${fn}: ${flat.length} labels for a batch of ${n} rows; give one class index per row`);
  }
  if (labels instanceof Int32Array) {
    for (let i = 0; i < n; i++) checkRange(fn, labels[i], i, classes);
    return labels;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (typeof v !== "number" || !Number.isInteger(v)) {
      throw new ArgumentError(
        `${fn}: label ${i} is ${typeof v === "number" ? v : typeof v}, not an integer class index ` +
          `(use crossEntropy for integer classes, bceWithLogits or mseLoss for real-valued targets)`,
      );
    }
    checkRange(fn, v, i, classes);
    out[i] = v;
  }
  return out;
}

function checkRange(fn: string, v: number, i: number, classes: number): void {
  if (v < 0 || v >= classes) {
    throw new ArgumentError(
      `${fn}: label ${i} is ${v}, out of range for ${classes} classes (valid: 0 to ${classes - 1})`,
    );
  }
}
