/** Class labels: an array (or tensor) of integer class indices, checked against the number of classes. */
import { ArgumentError, ShapeError } from "../../autograd/errors.ts";
import { kernels } from "../../autograd/kernels/index.ts";
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
  let out: Int32Array;
  if (labels instanceof Int32Array) out = labels;
  else {
    // NOTE: whole numbers are checked as they are copied: Int32Array would turn 1.5 into 1 and "2" into 2.
    out = new Int32Array(n);
    const i = kernels.copyIntegers(flat, out);
    if (i >= 0) {
      const v: unknown = flat[i];
      throw new ArgumentError(
        `${fn}: label ${i} is ${typeof v === "number" ? v : typeof v}, not an integer class index ` +
          `(use crossEntropy for integer classes, bceWithLogits or mseLoss for real-valued targets)`,
      );
    }
  }
  // The range is checked on the values given: their Int32Array copy has 2^32 + 1 wrapped to 1.
  const i = kernels.firstOutOfRange(flat, classes);
  if (i >= 0) {
    throw new ArgumentError(
      `${fn}: label ${i} is ${flat[i]}, out of range for ${classes} classes (valid: 0 to ${classes - 1})`,
    );
  }
  return out;
}
