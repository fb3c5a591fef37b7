import { ArgumentError } from "../../autograd/errors.ts";
import { where } from "../../autograd/ops/where.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { checkPair, checkReduction, reduce, type ReductionOptions } from "./reduction.ts";

export interface HuberOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear (default 1). */
  delta?: number;
}

/**
 * With d = x − y: ½d² where |d| < δ, else δ(|d| − ½δ); reduced (torch's HuberLoss).
 * ∂x = d·g′ inside, δ·sign(d)·g′ outside: the two pieces meet with equal slope at |d| = δ.
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberOptions = {}): Tensor {
  const [x, y] = checkPair("huberLoss", input, target);
  const reduction = checkReduction("huberLoss", options.reduction);
  const delta = options.delta ?? 1;
  if (typeof delta !== "number" || !(delta > 0) || !Number.isFinite(delta)) {
    throw new ArgumentError(`huberLoss: delta must be a positive number, got ${delta}`);
  }
  const d = x.sub(y);
  const a = d.abs();
  return reduce(where(a.lt(delta), d.mul(d).mul(0.5), a.sub(0.5 * delta).mul(delta)), reduction);
}
