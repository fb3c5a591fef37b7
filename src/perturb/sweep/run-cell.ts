/**
 * One run of the sweep: train an MLP with `fit`, the noise of the cell's kind and scale entering through fit's
 * hooks, and report the final test accuracy with what the perturbation did along the way.
 *   loss         lossTransform: L + n·L/sg(L), n ~ N(0, s²) fresh each step (the seed's formula, composed)
 *   independent  lossTransform: mean(lᵢ + nᵢ·lᵢ/sg(lᵢ)), nᵢ ~ N(0, s²) per sample
 *   prediction   lossTransform: crossEntropy(z + ε), ε ~ N(0, s²) per logit
 *   target       lossTransform: −mean Σ (onehot(y) + ε)·log softmax(z), ε ~ N(0, s²) per class
 *   gradient     afterBackward: ∇θ + ε, ε ~ N(0, s²) per element
 * The model's initial weights and the batch order depend on the seed only, and the noise has its own stream, so
 * the runs of one seed differ in the noise alone.
 * NOTE: zero per-sample losses (cross-entropy underflows to exactly 0 on confident samples) are left unperturbed
 * (guard "skip"); a non-finite loss stops the run, which is then reported as diverged.
 */
import { AnomalyError, ArgumentError } from "../../autograd/errors.ts";
import { Generator } from "../../autograd/random.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { numFeatures, subset, type Dataset, type Split } from "../../nn/data/dataset.ts";
import { loadDataset } from "../../nn/data/bundled.ts";
import { crossEntropy } from "../../nn/functional/cross-entropy.ts";
import { MLP } from "../../nn/mlp.ts";
import { Adam } from "../../nn/optim/adam.ts";
import type { Optimizer } from "../../nn/optim/optimizer.ts";
import { SGD } from "../../nn/optim/sgd.ts";
import { evaluate, fit, type FitOptions, type StepContext } from "../../nn/train.ts";
import { addGradientNoise } from "../gradient-noise.ts";
import { noisyOneHot, noisyPredictions, softCrossEntropy } from "../input-noise.ts";
import { normalNoise, type NoiseSource } from "../noise.ts";
import { Perturber, summarize } from "../perturber.ts";
import type { RunConfig } from "./config.ts";
import type { Cell, OptimizerName } from "./grid.ts";
import type { CellResult } from "./result.ts";

const splits = new Map<string, Split>();

/** The data set's fixed split (seed 0), loaded once per thread. */
function dataOf(config: RunConfig): { train: Dataset; test: Dataset } {
  let split = splits.get(config.data);
  if (split === undefined) splits.set(config.data, (split = loadDataset(config.data, { seed: 0 })));
  const limit = config.trainLimit;
  const n = split.train.x.shape[0];
  const train = limit === undefined || limit >= n ? split.train : subset(split.train, Array.from({ length: limit }, (_, i) => i));
  return { train, test: split.test };
}

function optimizerFor(name: OptimizerName, params: Tensor[], config: RunConfig): Optimizer {
  const lr = config.lr[name];
  switch (name) {
    case "sgd":
      return new SGD(params, { lr });
    case "momentum":
      return new SGD(params, { lr, momentum: 0.9 });
    case "adam":
      return new Adam(params, { lr });
    default:
      throw new ArgumentError(`sweep: unknown optimizer '${String(name)}'; use sgd, momentum or adam`);
  }
}

function labelsOf(ctx: StepContext): Int32Array {
  return ctx.target as Int32Array;
}

type Hooks = Pick<FitOptions, "lossTransform" | "afterBackward">;

function hooksFor(cell: Cell, noise: NoiseSource, perturber: Perturber | null, classes: number): Hooks {
  switch (cell.kind) {
    case "clean":
      return {};
    case "loss":
    case "independent": {
      const p = perturber as Perturber;
      return { lossTransform: (loss, ctx) => p.perturb(cell.kind === "loss" ? loss : ctx.loss("none")) };
    }
    case "prediction":
      return { lossTransform: (_loss, ctx) => crossEntropy(noisyPredictions(ctx.output, noise), labelsOf(ctx)) };
    case "target":
      return {
        lossTransform: (_loss, ctx) => softCrossEntropy(ctx.output, noisyOneHot(labelsOf(ctx), classes, noise)).mean(),
      };
    case "gradient":
      return { afterBackward: (params) => addGradientNoise(params, noise) };
    default:
      throw new ArgumentError(`sweep: unknown noise kind '${String(cell.kind)}'`);
  }
}

/** Trains one cell's model and reports it. */
export function runCell(cell: Cell, config: RunConfig): CellResult {
  const start = performance.now();
  const { train, test } = dataOf(config);
  const classes = train.numClasses;
  const root = new Generator(cell.seed);
  const model = MLP([numFeatures(train), ...config.hidden, classes], {
    activation: config.activation,
    generator: root.split(),
  });
  const noise = normalNoise(cell.scale, root.split());
  const factorKind = cell.kind === "loss" || cell.kind === "independent";
  const perturber = factorKind
    ? new Perturber(noise, { mode: cell.kind === "loss" ? "loss" : "independent", guard: "skip" })
    : null;
  const optimizer = optimizerFor(cell.optimizer, model.parameters(), config);
  const facByEpoch: number[] = [];
  const lossByEpoch: number[] = [];
  let seen = 0;
  let steps = 0;
  let diverged = false;
  let testAccuracy = Number.NaN;
  try {
    const history = fit(model, { train, test }, {
      optimizer,
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed: cell.seed,
      ...hooksFor(cell, noise, perturber, classes),
      callbacks: {
        onProgress: (p) => {
          steps = p.step;
        },
        onEpoch: (log) => {
          lossByEpoch.push(log.trainLoss);
          if (perturber !== null) {
            facByEpoch.push(summarize(perturber.history.slice(seen)).meanAbsFac);
            seen = perturber.history.length;
          }
        },
      },
    });
    testAccuracy = history.epochs[history.epochs.length - 1]?.testAccuracy ?? Number.NaN;
  } catch (e) {
    if (!(e instanceof AnomalyError)) throw e;
    diverged = true;
    testAccuracy = evaluate(model, test).accuracy;
  }
  const summary = perturber === null ? null : summarize(perturber.history);
  return {
    ...cell,
    testAccuracy,
    trainLoss: lossByEpoch[lossByEpoch.length - 1] ?? Number.NaN,
    uphillFraction: summary?.uphillFraction ?? null,
    predictedUphill: summary?.predictedUphill ?? null,
    meanAbsFac: summary?.meanAbsFac ?? null,
    facByEpoch,
    lossByEpoch,
    steps,
    seconds: (performance.now() - start) / 1000,
    diverged,
  };
}
