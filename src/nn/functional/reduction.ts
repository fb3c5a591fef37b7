/** What the losses share: the reduction argument, and the checks on predictions and targets. */
import { allocate, promote, type Storage } from "../../autograd/dtype.ts";
import { ArgumentError, ShapeError } from "../../autograd/errors.ts";
import { formatShape, sameShape } from "../../autograd/shape.ts";
import { Tensor } from "../../autograd/tensor.ts";

/** "none": one loss per element (per sample for crossEntropy); "mean" and "sum": a scalar. */
export type Reduction = "none" | "mean" | "sum";

export interface ReductionOptions {
  reduction?: Reduction;
}

export function checkReduction(fn: string, reduction: unknown): Reduction {
  const r = reduction ?? "mean";
  if (r !== "none" && r !== "mean" && r !== "sum") {
    throw new ArgumentError(`${fn}: reduction must be "none", "mean" or "sum", got ${JSON.stringify(r)}`);
  }
  return r;
}

/** Applies a reduction to elementwise losses. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === "none" ? loss : reduction === "sum" ? loss.sum() : loss.mean();
}

/**
 * The output of a fused elementwise loss: `kernel`'s loss per element for "none", else their sum (accumulated in a
 * double by the kernel) or its mean, as a scalar of the promoted dtype.
 */
export function elementwiseLoss(
  kernel: (a: Storage, b: Storage, out: Storage | null) => number, x: Tensor, y: Tensor, reduction: Reduction,
): Tensor {
  const dtype = promote(x.dtype, y.dtype);
  if (reduction === "none") {
    const each = allocate(dtype, x.size);
    kernel(x.data, y.data, each);
    return new Tensor(each, x.shape);
  }
  const s = kernel(x.data, y.data, null);
  const v = allocate(dtype, 1);
  v[0] = reduction === "mean" ? s / x.size : s;
  return new Tensor(v, []);
}

/** Checks that input and target are tensors of one shape (no silent broadcasting of a target). */
export function checkPair(fn: string, input: unknown, target: unknown): [Tensor, Tensor] {
  if (!(input instanceof Tensor)) throw new ArgumentError(`${fn}: the input must be a Tensor`);
  if (!(target instanceof Tensor)) {
    throw new ArgumentError(`${fn}: the target must be a Tensor (wrap an array with tensor())`);
  }
  if (!sameShape(input.shape, target.shape)) {
    const hint =
      input.size === target.size
        ? `; reshape the target with .reshape(${formatShape(input.shape)})`
        : "; they must have the same shape";
    throw new ShapeError(
      `${fn}: the target has shape ${formatShape(target.shape)} but the input has shape ` +
        `${formatShape(input.shape)}${hint}`,
    );
  }
  return [input, target];
}
