/**
 * Tensor's computing methods, installed on its prototype in this one place (the Tensor class imports no op, so
 * the ops and the class do not import each other). Each method calls one op, or the backward pass.
 * Loaded by `tensor.ts`, the only module that hands the class out beyond src/autograd.
 */
import { backward as runBackward, type BackwardOptions } from "./grad.ts";
import * as ops from "./ops/index.ts";
import type { IndexLike } from "./ops/index.ts";
import type { DType } from "./dtype.ts";
import type { Axis } from "./shape.ts";
import { Tensor } from "./tensor-base.ts";
// The signatures name the class through type-only aliases, so that the emitted .d.ts imports it for them.
import type { Tensor as TensorType, Scalar as ScalarType } from "./tensor-base.ts";

const methods = {
  // -- arithmetic -----------------------------------------------------------------------------------------

  add(this: TensorType, other: ScalarType): TensorType {
    return ops.add(this, other);
  },
  sub(this: TensorType, other: ScalarType): TensorType {
    return ops.sub(this, other);
  },
  mul(this: TensorType, other: ScalarType): TensorType {
    return ops.mul(this, other);
  },
  div(this: TensorType, other: ScalarType): TensorType {
    return ops.div(this, other);
  },
  neg(this: TensorType): TensorType {
    return ops.neg(this);
  },
  pow(this: TensorType, exponent: number): TensorType {
    return ops.pow(this, exponent);
  },
  exp(this: TensorType): TensorType {
    return ops.exp(this);
  },
  expm1(this: TensorType): TensorType {
    return ops.expm1(this);
  },
  log(this: TensorType): TensorType {
    return ops.log(this);
  },
  sqrt(this: TensorType): TensorType {
    return ops.sqrt(this);
  },
  abs(this: TensorType): TensorType {
    return ops.abs(this);
  },
  tanh(this: TensorType): TensorType {
    return ops.tanh(this);
  },
  sigmoid(this: TensorType): TensorType {
    return ops.sigmoid(this);
  },
  relu(this: TensorType): TensorType {
    return ops.relu(this);
  },
  clamp(this: TensorType, min: number | null, max?: number | null): TensorType {
    return ops.clamp(this, min, max ?? null);
  },
  matmul(this: TensorType, other: TensorType): TensorType {
    return ops.matmul(this, other);
  },

  // -- reductions -----------------------------------------------------------------------------------------

  sum(this: TensorType, axis?: Axis, keepdim = false): TensorType {
    return ops.sum(this, axis, keepdim);
  },
  mean(this: TensorType, axis?: Axis, keepdim = false): TensorType {
    return ops.mean(this, axis, keepdim);
  },
  max(this: TensorType, axis?: Axis, keepdim = false): TensorType {
    return ops.max(this, axis, keepdim);
  },
  min(this: TensorType, axis?: Axis, keepdim = false): TensorType {
    return ops.min(this, axis, keepdim);
  },
  logsumexp(this: TensorType, axis?: Axis, keepdim = false): TensorType {
    return ops.logsumexp(this, axis, keepdim);
  },
  softmax(this: TensorType, axis = -1): TensorType {
    return ops.softmax(this, axis);
  },
  logSoftmax(this: TensorType, axis = -1): TensorType {
    return ops.logSoftmax(this, axis);
  },

  // -- shape ----------------------------------------------------------------------------------------------

  reshape(this: TensorType, shape: readonly number[]): TensorType {
    return ops.reshape(this, shape);
  },
  view(this: TensorType, shape: readonly number[]): TensorType {
    return ops.reshape(this, shape);
  },
  flatten(this: TensorType): TensorType {
    return ops.reshape(this, [-1]);
  },
  /** Swaps two axes (the last two by default; a 2-D tensor's transpose). */
  transpose(this: TensorType, dim0 = -2, dim1 = -1): TensorType {
    return ops.transpose(this, dim0, dim1);
  },
  permute(this: TensorType, dims: readonly number[]): TensorType {
    return ops.permute(this, dims);
  },
  broadcastTo(this: TensorType, shape: readonly number[]): TensorType {
    return ops.broadcastTo(this, shape);
  },
  /** The sum of this tensor over the dimensions that broadcasting to its shape would add. */
  sumTo(this: TensorType, shape: readonly number[]): TensorType {
    return ops.sumTo(this, shape);
  },
  squeeze(this: TensorType, axis?: Axis): TensorType {
    return ops.squeeze(this, axis);
  },
  unsqueeze(this: TensorType, axis: number): TensorType {
    return ops.unsqueeze(this, axis);
  },
  /** Elements start ≤ i < end (step apart) along `axis`; negative indices count from the end. */
  slice(this: TensorType, axis: number, start: number, end?: number, step = 1): TensorType {
    return ops.slice(this, axis, start, end, step);
  },
  /** The sub-tensor at `index` along `axis`, with that axis removed. */
  select(this: TensorType, axis: number, index: number): TensorType {
    return ops.select(this, axis, index);
  },
  gather(this: TensorType, axis: number, index: IndexLike): TensorType {
    return ops.gather(this, axis, index);
  },
  /** A copy with another dtype (differentiable; the gradient comes back in this tensor's dtype). */
  to(this: TensorType, dtype: DType): TensorType {
    return ops.cast(this, dtype);
  },

  // -- comparisons (masks of 1 and 0, no gradient) --------------------------------------------------------

  gt(this: TensorType, other: ScalarType): TensorType {
    return ops.gt(this, other);
  },
  ge(this: TensorType, other: ScalarType): TensorType {
    return ops.ge(this, other);
  },
  lt(this: TensorType, other: ScalarType): TensorType {
    return ops.lt(this, other);
  },
  le(this: TensorType, other: ScalarType): TensorType {
    return ops.le(this, other);
  },
  eq(this: TensorType, other: ScalarType): TensorType {
    return ops.eq(this, other);
  },
  ne(this: TensorType, other: ScalarType): TensorType {
    return ops.ne(this, other);
  },


  /** The same values, cut from the tape: gradients stop here, at every order. */
  detach(this: TensorType): TensorType {
    return ops.detach(this);
  },

  /**
   * Backpropagates from this tensor, accumulating into the `.grad` of every leaf that requires grad. The options
   * may come first when there is no gradOutput: `loss.backward({ retainGraph: true })`.
   */
  backward(
    this: TensorType,
    gradOutput?: TensorType | number | Partial<BackwardOptions>,
    options: Partial<BackwardOptions> = {},
  ): void {
    if (gradOutput !== null && typeof gradOutput === "object" && !(gradOutput instanceof Tensor)) {
      runBackward(this, undefined, gradOutput);
    } else {
      runBackward(this, gradOutput, options);
    }
  },
};

type Methods = { [K in keyof typeof methods]: OmitThisParameter<(typeof methods)[K]> };

declare module "./tensor-base.js" {
  interface Tensor extends Methods {}
}

for (const [name, fn] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true });
}
