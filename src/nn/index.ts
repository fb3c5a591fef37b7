/** tapegrad's nn: modules and layers, MLP, initialisers, and nn.functional (losses, the fused linear op). */
export { Module, type StateDict, type LoadStateDictOptions } from "./module.ts";
export { Linear, type LinearOptions, type LinearInit } from "./layers/linear.ts";
export { Sequential } from "./layers/sequential.ts";
export { ReLU, Tanh, Sigmoid, GELU, Identity, ACTIVATIONS, activation, type ActivationName } from "./layers/activations.ts";
export { Dropout, type DropoutOptions } from "./layers/dropout.ts";
export { MLP, type MLPOptions } from "./mlp.ts";
export * as init from "./init.ts";
export * as functional from "./functional/index.ts";
export { LOSSES, lossFunction, type LossAlias, type LossFn, type LossName, type Target } from "./losses.ts";
export {
  fit, evaluate, countCorrect, type FitOptions, type FitData, type FitCallbacks, type FitProgress, type History,
  type EpochLog, type StepContext, type Evaluation,
} from "./train.ts";
export { parseSafetensors, serializeSafetensors, SafetensorsError, type Safetensors } from "./safetensors.ts";
export * as data from "./data/index.ts";
