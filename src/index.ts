/**
 * tapegrad: reverse-mode automatic differentiation with an explicit detach, in pure TypeScript. This entry needs
 * nothing but the language (no Node built-in anywhere below it), so browsers and bundlers take it as it is; files,
 * the bundled data sets, the sweep and the pictures are tapegrad/node's (node.ts).
 */
export { Tensor, type Hook, type NestedArray, type Scalar } from "./autograd/tensor.ts";
export type { DType, Storage } from "./autograd/dtype.ts";
export type { Shape, Axis } from "./autograd/shape.ts";
export {
  tensor, fromStorage, zeros, ones, full, zerosLike, onesLike, arange, linspace, eye, randn, rand,
  type TensorOptions, type FillOptions, type RandomOptions, type TensorData,
} from "./autograd/creation.ts";
export { Generator, manualSeed } from "./autograd/random.ts";
export { noGrad, enableGrad, setGradEnabled, isGradEnabled, detectAnomaly, keepValues } from "./autograd/mode.ts";
export { tidy } from "./autograd/tidy.ts";
export { grad, type GradOptions, type BackwardOptions } from "./autograd/grad.ts";
export {
  TapegradError, ShapeError, DTypeError, ArgumentError, GradError, AnomalyError, ReleasedError,
} from "./autograd/errors.ts";
export {
  add, sub, mul, div, neg, pow, exp, log, sqrt, abs, tanh, sigmoid, relu, matmul, sum, mean, max, min,
  logsumexp, softmax, logSoftmax, reshape, permute, transpose, broadcastTo, sumTo, squeeze, unsqueeze, concat,
  stack, slice, select, gather, clamp, where, gt, ge, lt, le, eq, ne, detach, expm1, type IndexLike,
} from "./autograd/ops/index.ts";
export { OPS, type OpName } from "./autograd/ops/index.ts";
export type { OpDef, BackwardRule, Grads, Node } from "./autograd/tape.ts";
export { observe, addObserver, type TapeObserver } from "./autograd/observer.ts";
export {
  gradcheck, gradgradcheck, checkVjp, GradcheckError, NotDifferentiableError, type GradcheckOptions,
} from "./autograd/gradcheck.ts";
export { customOp, type CustomOp, type CustomOpSpec } from "./autograd/custom-op.ts";
export * as nn from "./nn/index.ts";
export * as optim from "./nn/optim/index.ts";
export { fit, evaluate, type FitOptions, type History, type EpochLog, type StepContext } from "./nn/train.ts";
export {
  serializeSafetensors, parseSafetensors, SafetensorsError, type Safetensors,
} from "./nn/safetensors.ts";
export * as data from "./nn/data/index.ts";
export { loadDataset, DataLoader, type Dataset, type Split } from "./nn/data/index.ts";
export {
  tapeOf, tapeTensors, cutEdges, summarize, operandsOf, type TapeEntry, type TapeInput, type CutEdge, type ValueSummary,
} from "./autograd/introspect.ts";
export { perturbLoss, perturbFactor, type PerturbOptions } from "./perturb/perturb-loss.ts";
export * as perturb from "./perturb/index.ts";
export * as explain from "./explain/index.ts";
export * from "./profile/index.ts";
