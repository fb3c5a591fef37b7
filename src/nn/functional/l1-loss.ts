import type { Tensor } from "../../autograd/tensor.ts";
import { checkPair, checkReduction, reduce, type ReductionOptions } from "./reduction.ts";

/** |x − y|, reduced.  ∂x = sign(x − y)·g′ (0 where x = y, as PyTorch) */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const [x, y] = checkPair("l1Loss", input, target);
  return reduce(x.sub(y).abs(), checkReduction("l1Loss", options.reduction));
}
