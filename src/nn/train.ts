/**
 * fit: the training loop, with hooks where experiments change it. Each step is
 *   1. zeroGrad, forward the batch, loss = lossFn(output, target, "mean");
 *   2. callbacks.onStep(loss, ctx), then loss ← lossTransform(loss, ctx) (the perturb experiments replace it here);
 *   3. a non-finite loss stops training with an error naming the step (and nothing more is written);
 *   4. backward, afterBackward(params, ctx) (e.g. gradient noise), clipGradNorm, optimizer.step(), per-step scheduler.
 * After each epoch: the per-epoch scheduler, evaluation on the test set (eval mode, no grad), callbacks.onEpoch,
 * and the checkpoint. Nothing here prints: progress goes to callbacks.onProgress.
 */
import { AnomalyError, ArgumentError } from "../autograd/errors.ts";
import { noGrad } from "../autograd/mode.ts";
import { Generator } from "../autograd/random.ts";
import type { Tensor } from "../autograd/tensor.ts";
import { checkDataset, numSamples, type Dataset } from "./data/dataset.ts";
import { DataLoader } from "./data/data-loader.ts";
import type { Reduction } from "./functional/reduction.ts";
import { lossFunction, type LossAlias, type LossFn, type LossName, type Target } from "./losses.ts";
import type { Module, StateDict } from "./module.ts";
import { clipGradNorm } from "./optim/clip-grad-norm.ts";
import type { LRScheduler } from "./optim/lr-scheduler.ts";
import type { Optimizer } from "./optim/optimizer.ts";

export interface StepContext {
  /** Steps so far, this one included (1, 2, …). */
  readonly step: number;
  /** The epoch (1-based) and the batch within it (1-based), of `batches`. */
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly x: Tensor;
  readonly target: Target;
  readonly output: Tensor;
  /** This batch's loss with another reduction, on the same graph ("none": one loss per sample). */
  loss(reduction: Reduction): Tensor;
  readonly model: Module;
  readonly optimizer: Optimizer;
}

export interface EpochLog {
  readonly epoch: number;
  /** Mean training loss over the epoch's batches (weighted by batch size, before any lossTransform). */
  readonly trainLoss: number;
  /** Accuracy of the epoch's training outputs (in training mode); NaN for regression. */
  readonly trainAccuracy: number;
  /** Loss and accuracy on the test set in eval mode; NaN without a test set. */
  readonly testLoss: number;
  readonly testAccuracy: number;
  /** The learning rate at the end of the epoch. */
  readonly lr: number;
  /** Seconds since fit started. */
  readonly seconds: number;
}

export interface FitProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
}

export interface FitCallbacks {
  /** Before backward, with the loss of the batch. */
  onStep?(loss: Tensor, ctx: StepContext): void;
  onEpoch?(log: EpochLog): void;
  onProgress?(progress: FitProgress): void;
}

export interface FitData {
  readonly train: Dataset;
  readonly test?: Dataset;
}

export interface FitOptions {
  optimizer: Optimizer;
  epochs: number;
  batchSize?: number;
  /** By name or as a function; default "crossEntropy" for classification, "mseLoss" for regression. */
  loss?: LossName | LossAlias | LossFn;
  /** Shuffle the training set every epoch (default true), with a Generator(seed). */
  shuffle?: boolean;
  seed?: number;
  scheduler?: LRScheduler;
  /** Step the scheduler once per epoch (default) or once per optimizer step. */
  schedulerStep?: "epoch" | "step";
  clipGradNorm?: number;
  /** Replaces the loss before backward (the reported trainLoss stays the clean one). */
  lossTransform?(loss: Tensor, ctx: StepContext): Tensor;
  /** After backward, before clipping and the optimizer step: the gradients are in each parameter's .grad. */
  afterBackward?(params: readonly Tensor[], ctx: StepContext): void;
  callbacks?: FitCallbacks;
  /**
   * Called with the model's state dict after every good epoch (never after a NaN): tapegrad/node's
   * `checkpointFile(file)` writes it as safetensors, atomically.
   */
  checkpoint?: (state: StateDict, epoch: number) => void;
}

export interface History {
  readonly epochs: EpochLog[];
  readonly steps: number;
  readonly seconds: number;
}

/** Rows whose largest output is the label (or, for one output per row, whose sign matches the 0/1 label). */
export function countCorrect(output: Tensor, target: Target): number {
  if (!(target instanceof Int32Array) || output.ndim !== 2) return NaN;
  const [n, c] = output.shape;
  const d = output.data;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    if (c === 1) best = d[i] > 0 ? 1 : 0;
    else for (let j = 1; j < c; j++) if (d[i * c + j] > d[i * c + best]) best = j;
    if (best === target[i]) correct++;
  }
  return correct;
}

export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
}

/** Loss and accuracy of `model` on a data set, in eval mode and without recording (the mode is restored). */
export function evaluate(model: Module, data: Dataset, options: { loss?: LossName | LossAlias | LossFn; batchSize?: number } = {}): Evaluation {
  checkDataset("evaluate", data);
  const lossFn = lossFunction(options.loss ?? defaultLoss(data));
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => {
      let total = 0;
      let correct = 0;
      for (const { x, y } of new DataLoader(data, { batchSize: options.batchSize ?? 1024 })) {
        const out = model.forward(x);
        total += lossFn(out, y, "sum").item();
        correct += countCorrect(out, y);
      }
      const n = numSamples(data);
      return { loss: total / n, accuracy: correct / n };
    });
  } finally {
    model.train(wasTraining);
  }
}

function defaultLoss(data: Dataset): LossName {
  return data.task === "regression" ? "mseLoss" : "crossEntropy";
}

function checkOptions(o: FitOptions): void {
  if (o === null || typeof o !== "object" || o.optimizer === undefined) {
    throw new ArgumentError("fit: options need an optimizer, e.g. { optimizer: new optim.Adam(model.parameters()) }");
  }
  if (!Number.isInteger(o.epochs) || o.epochs < 0) throw new ArgumentError(`fit: epochs must be an integer ≥ 0, got ${o.epochs}`);
}

/** Trains `model` on data.train for `epochs` epochs; returns the per-epoch log. */
export function fit(model: Module, data: FitData, options: FitOptions): History {
  checkOptions(options);
  const train = checkDataset("fit", data.train);
  const test = data.test === undefined ? null : checkDataset("fit", data.test);
  const { optimizer, epochs, scheduler, callbacks = {} } = options;
  const lossFn = lossFunction(options.loss ?? defaultLoss(train));
  const loader = new DataLoader(train, {
    batchSize: options.batchSize ?? 32,
    shuffle: options.shuffle ?? true,
    generator: new Generator(options.seed ?? 0),
  });
  const params = model.parameters();
  const start = performance.now();
  const logs: EpochLog[] = [];
  const totalSteps = epochs * loader.length;
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    model.train();
    let lossSum = 0;
    let correct = 0;
    let batch = 0;
    for (const { x, y } of loader) {
      step++;
      batch++;
      optimizer.zeroGrad();
      const output = model.forward(x);
      const loss = lossFn(output, y, "mean");
      const ctx: StepContext = {
        step, epoch, batch, batches: loader.length, x, target: y, output, model, optimizer,
        loss: (reduction) => lossFn(output, y, reduction),
      };
      callbacks.onStep?.(loss, ctx);
      const used = options.lossTransform ? options.lossTransform(loss, ctx) : loss;
      const value = loss.item();
      const usedValue = used === loss ? value : used.item();
      if (!Number.isFinite(value) || !Number.isFinite(usedValue)) {
        const which = Number.isFinite(value) ? `the transformed loss is ${usedValue} (the loss itself is ${value})` : `the loss is ${value}`;
        throw new AnomalyError(
          `fit: ${which} at step ${step} (epoch ${epoch}, batch ${batch} of ${loader.length}, lr ${optimizer.lr}); ` +
            `training stopped${options.checkpoint ? " and no checkpoint was written for this epoch" : ""}. ` +
            `Lower the learning rate, clip gradients (clipGradNorm), or check the data for NaN`,
        );
      }
      used.backward();
      options.afterBackward?.(params, ctx);
      if (options.clipGradNorm !== undefined) clipGradNorm(params, options.clipGradNorm);
      optimizer.step();
      if (scheduler && options.schedulerStep === "step") scheduler.step();
      const n = x.shape[0];
      lossSum += value * n;
      correct += countCorrect(output, y);
      callbacks.onProgress?.({ epoch, epochs, step, totalSteps, loss: value });
    }
    if (scheduler && options.schedulerStep !== "step") scheduler.step();
    const seen = loader.dropLast ? loader.length * loader.batchSize : numSamples(train);
    const evaluation = test === null ? { loss: NaN, accuracy: NaN } : evaluate(model, test, { loss: lossFn });
    const log: EpochLog = {
      epoch,
      trainLoss: lossSum / seen,
      trainAccuracy: correct / seen,
      testLoss: evaluation.loss,
      testAccuracy: evaluation.accuracy,
      lr: optimizer.lr,
      seconds: (performance.now() - start) / 1000,
    };
    logs.push(log);
    callbacks.onEpoch?.(log);
    options.checkpoint?.(model.stateDict(), epoch);
  }
  return { epochs: logs, steps: step, seconds: (performance.now() - start) / 1000 };
}
