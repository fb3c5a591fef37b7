/** Losses by name for fit and the command line, each taking a batch's output and its targets. */
import { ArgumentError, ShapeError } from "../autograd/errors.ts";
import { formatShape } from "../autograd/shape.ts";
import { Tensor } from "../autograd/tensor.ts";
import { binaryCrossEntropyWithLogits } from "./functional/binary-cross-entropy-with-logits.ts";
import { crossEntropy } from "./functional/cross-entropy.ts";
import { huberLoss } from "./functional/huber-loss.ts";
import { l1Loss } from "./functional/l1-loss.ts";
import { mseLoss } from "./functional/mse-loss.ts";
import type { Reduction } from "./functional/reduction.ts";

/** Targets of a batch: class indices, or a tensor shaped like the output. */
export type Target = Int32Array | Tensor;

export type LossFn = (output: Tensor, target: Target, reduction: Reduction) => Tensor;

/** Each loss under its function's name (one spelling everywhere: names, nodes, messages). */
export type LossName = "crossEntropy" | "mseLoss" | "l1Loss" | "huberLoss" | "binaryCrossEntropyWithLogits";

/** Earlier short spellings, still accepted (scripts and command lines that use them keep working). */
const ALIASES = { mse: "mseLoss", l1: "l1Loss", huber: "huberLoss", bceWithLogits: "binaryCrossEntropyWithLogits" } as const;

export type LossAlias = keyof typeof ALIASES;

/** A tensor target for the regression-style losses; class indices become a [n, 1] column (binary cross-entropy). */
function asTargetTensor(fn: string, output: Tensor, target: Target): Tensor {
  if (target instanceof Tensor) return target;
  if (output.ndim === 2 && output.shape[1] === 1) {
    return new Tensor(new (output.dtype === "float32" ? Float32Array : Float64Array)(target), [target.length, 1]);
  }
  throw new ShapeError(
    `${fn}: class labels need a model with one output per sample for this loss, but the output has shape ` +
      `${formatShape(output.shape)}; use "crossEntropy" for class indices`,
  );
}

export const LOSSES: Readonly<Record<LossName, LossFn>> = {
  crossEntropy: (out, y, reduction) => {
    if (y instanceof Tensor && y.ndim !== 1) {
      throw new ShapeError(`crossEntropy: targets of shape ${formatShape(y.shape)} are not class indices; use "mseLoss"`);
    }
    return crossEntropy(out, y, { reduction });
  },
  mseLoss: (out, y, reduction) => mseLoss(out, asTargetTensor("mseLoss", out, y), { reduction }),
  l1Loss: (out, y, reduction) => l1Loss(out, asTargetTensor("l1Loss", out, y), { reduction }),
  huberLoss: (out, y, reduction) => huberLoss(out, asTargetTensor("huberLoss", out, y), { reduction }),
  binaryCrossEntropyWithLogits: (out, y, reduction) =>
    binaryCrossEntropyWithLogits(out, asTargetTensor("binaryCrossEntropyWithLogits", out, y), { reduction }),
};

/** A loss function by name (or an earlier spelling, or the function itself); an unknown name lists the known ones. */
export function lossFunction(loss: LossName | LossAlias | LossFn): LossFn {
  if (typeof loss === "function") return loss;
  if (typeof loss === "string" && Object.hasOwn(ALIASES, loss)) return LOSSES[ALIASES[loss as LossAlias]];
  if (typeof loss === "string" && Object.hasOwn(LOSSES, loss)) return LOSSES[loss as LossName];
  throw new ArgumentError(`unknown loss '${String(loss)}'; known: ${Object.keys(LOSSES).join(", ")}`);
}
