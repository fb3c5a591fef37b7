/**
 * The Tensor class, for `op.ts`, which defines the op families and so must not import `tensor.ts`: the Tensor
 * class imports every op (its methods call them), and every op file calls `op.ts`'s combinators while it loads.
 * Were `op.ts` to import `tensor.ts`, loading `op.ts` (or any op file) first would run the op files before
 * `op.ts` itself. `tensor.ts` registers its class here when it loads; no op can run before a tensor exists.
 */
import type { Shape } from "./shape.ts";
import type { Storage } from "./dtype.ts";
import type { Tensor } from "./tensor.ts";

let TensorClass: typeof Tensor | null = null;

/** Called once, by `tensor.ts`. */
export function registerTensorClass(c: typeof Tensor): void {
  TensorClass = c;
}

export function isTensor(x: unknown): x is Tensor {
  return TensorClass !== null && x instanceof TensorClass;
}

/** A new tensor over `data` (not copied). */
export function newTensor(data: Storage, shape: Shape): Tensor {
  return new (TensorClass as typeof Tensor)(data, shape);
}
