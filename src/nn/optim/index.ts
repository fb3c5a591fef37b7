/** optim: SGD, Adam, AdamW with PyTorch's update equations, gradient clipping and learning-rate schedulers. */
export { Optimizer } from "./optimizer.ts";
export { SGD, type SGDOptions } from "./sgd.ts";
export { Adam, AdamW, type AdamOptions, type AdamState } from "./adam.ts";
export { clipGradNorm, type ClipGradNormOptions } from "./clip-grad-norm.ts";
export {
  LRScheduler, StepLR, CosineAnnealingLR, type StepLROptions, type CosineAnnealingLROptions,
} from "./lr-scheduler.ts";
