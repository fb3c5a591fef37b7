/**
 * Tensor's computing methods, installed on its prototype in this one place (the Tensor class imports no op, so
 * the ops and the class do not import each other). Each method calls one op, or the backward pass.
 * Loaded by `creation.ts` (where tensors are made) and by each entry (the package, `nn`, `tapegrad/testing`).
 */
import { backward as runBackward, type BackwardOptions } from "./grad.ts";
import * as ops from "./ops/index.ts";
import type { IndexLike } from "./ops/index.ts";
import type { DType } from "./dtype.ts";
import type { Axis } from "./shape.ts";
import { Tensor, type Scalar } from "./tensor.ts";

const methods = {
  // -- arithmetic -----------------------------------------------------------------------------------------

  add(this: Tensor, other: Scalar): Tensor {
    return ops.add(this, other);
  },
  sub(this: Tensor, other: Scalar): Tensor {
    return ops.sub(this, other);
  },
  mul(this: Tensor, other: Scalar): Tensor {
    return ops.mul(this, other);
  },
  div(this: Tensor, other: Scalar): Tensor {
    return ops.div(this, other);
  },
  neg(this: Tensor): Tensor {
    return ops.neg(this);
  },
  pow(this: Tensor, exponent: number): Tensor {
    return ops.pow(this, exponent);
  },
  exp(this: Tensor): Tensor {
    return ops.exp(this);
  },
  expm1(this: Tensor): Tensor {
    return ops.expm1(this);
  },
  log(this: Tensor): Tensor {
    return ops.log(this);
  },
  sqrt(this: Tensor): Tensor {
    return ops.sqrt(this);
  },
  abs(this: Tensor): Tensor {
    return ops.abs(this);
  },
  tanh(this: Tensor): Tensor {
    return ops.tanh(this);
  },
  sigmoid(this: Tensor): Tensor {
    return ops.sigmoid(this);
  },
  relu(this: Tensor): Tensor {
    return ops.relu(this);
  },
  clamp(this: Tensor, min: number | null, max?: number | null): Tensor {
    return ops.clamp(this, min, max ?? null);
  },
  matmul(this: Tensor, other: Tensor): Tensor {
    return ops.matmul(this, other);
  },

  // -- reductions -----------------------------------------------------------------------------------------

  sum(this: Tensor, axis?: Axis, keepdim = false): Tensor {
    return ops.sum(this, axis, keepdim);
  },
  mean(this: Tensor, axis?: Axis, keepdim = false): Tensor {
    return ops.mean(this, axis, keepdim);
  },
  max(this: Tensor, axis?: Axis, keepdim = false): Tensor {
    return ops.max(this, axis, keepdim);
  },
  min(this: Tensor, axis?: Axis, keepdim = false): Tensor {
    return ops.min(this, axis, keepdim);
  },
  logsumexp(this: Tensor, axis?: Axis, keepdim = false): Tensor {
    return ops.logsumexp(this, axis, keepdim);
  },
  softmax(this: Tensor, axis = -1): Tensor {
    return ops.softmax(this, axis);
  },
  logSoftmax(this: Tensor, axis = -1): Tensor {
    return ops.logSoftmax(this, axis);
  },

  // -- shape ----------------------------------------------------------------------------------------------

  reshape(this: Tensor, shape: readonly number[]): Tensor {
    return ops.reshape(this, shape);
  },
  view(this: Tensor, shape: readonly number[]): Tensor {
    return ops.reshape(this, shape);
  },
  flatten(this: Tensor): Tensor {
    return ops.reshape(this, [-1]);
  },
  /** Swaps two axes (the last two by default; a 2-D tensor's transpose). */
  transpose(this: Tensor, dim0 = -2, dim1 = -1): Tensor {
    return ops.transpose(this, dim0, dim1);
  },
  permute(this: Tensor, dims: readonly number[]): Tensor {
    return ops.permute(this, dims);
  },
  broadcastTo(this: Tensor, shape: readonly number[]): Tensor {
    return ops.broadcastTo(this, shape);
  },
  /** The sum of this tensor over the dimensions that broadcasting to its shape would add. */
  sumTo(this: Tensor, shape: readonly number[]): Tensor {
    return ops.sumTo(this, shape);
  },
  squeeze(this: Tensor, axis?: Axis): Tensor {
    return ops.squeeze(this, axis);
  },
  unsqueeze(this: Tensor, axis: number): Tensor {
    return ops.unsqueeze(this, axis);
  },
  /** Elements start ≤ i < end (step apart) along `axis`; negative indices count from the end. */
  slice(this: Tensor, axis: number, start: number, end?: number, step = 1): Tensor {
    return ops.slice(this, axis, start, end, step);
  },
  /** The sub-tensor at `index` along `axis`, with that axis removed. */
  select(this: Tensor, axis: number, index: number): Tensor {
    return ops.select(this, axis, index);
  },
  gather(this: Tensor, axis: number, index: IndexLike): Tensor {
    return ops.gather(this, axis, index);
  },
  /** A copy with another dtype (differentiable; the gradient comes back in this tensor's dtype). */
  to(this: Tensor, dtype: DType): Tensor {
    return ops.cast(this, dtype);
  },

  // -- comparisons (masks of 1 and 0, no gradient) --------------------------------------------------------

  gt(this: Tensor, other: Scalar): Tensor {
    return ops.gt(this, other);
  },
  ge(this: Tensor, other: Scalar): Tensor {
    return ops.ge(this, other);
  },
  lt(this: Tensor, other: Scalar): Tensor {
    return ops.lt(this, other);
  },
  le(this: Tensor, other: Scalar): Tensor {
    return ops.le(this, other);
  },
  eq(this: Tensor, other: Scalar): Tensor {
    return ops.eq(this, other);
  },
  ne(this: Tensor, other: Scalar): Tensor {
    return ops.ne(this, other);
  },


  /** The same values, cut from the tape: gradients stop here, at every order. */
  detach(this: Tensor): Tensor {
    return ops.detach(this);
  },

  /** Backpropagates from this tensor, accumulating into the `.grad` of every leaf that requires grad. */
  backward(this: Tensor, gradOutput?: Tensor | number, options: Partial<BackwardOptions> = {}): void {
    runBackward(this, gradOutput, options);
  },
};

type Methods = { [K in keyof typeof methods]: OmitThisParameter<(typeof methods)[K]> };

declare module "./tensor.ts" {
  interface Tensor extends Methods {}
}

for (const [name, fn] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true });
}
