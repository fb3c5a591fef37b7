/** nn.functional: losses with reductions, the fused linear op, and activations as functions. */
export { linear } from "./linear.ts";
export { crossEntropy, type CrossEntropyOptions } from "./cross-entropy.ts";
export { mseLoss } from "./mse-loss.ts";
export { binaryCrossEntropyWithLogits } from "./binary-cross-entropy-with-logits.ts";
export { l1Loss } from "./l1-loss.ts";
export { huberLoss, type HuberOptions } from "./huber-loss.ts";
export { gelu, type GeluOptions } from "./gelu.ts";
export { erf, erfc, normalCdf } from "./erf.ts";
export { toLabels, type Labels } from "./labels.ts";
export { checkReduction, type Reduction, type ReductionOptions } from "./reduction.ts";

import type { Tensor } from "../../autograd/tensor.ts";

export function relu(x: Tensor): Tensor {
  return x.relu();
}
export function tanh(x: Tensor): Tensor {
  return x.tanh();
}
export function sigmoid(x: Tensor): Tensor {
  return x.sigmoid();
}
export function softmax(x: Tensor, axis = -1): Tensor {
  return x.softmax(axis);
}
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return x.logSoftmax(axis);
}
