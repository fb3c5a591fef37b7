import { kernels } from "../../autograd/kernels/index.ts";
import { defineOp } from "../../autograd/op.ts";
import { record, type OpDef } from "../../autograd/tape.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { checkPair, checkReduction, elementwiseLoss, type Reduction, type ReductionOptions } from "./reduction.ts";

/**
 * −[y·log σ(x) + (1 − y)·log(1 − σ(x))] computed stably as max(x, 0) − x·y + log1p(e^−|x|), reduced.
 * ∂x = (σ(x) − y)·g′, ∂y = −x·g′ (g′ as in mseLoss: elementwise, g/n for "mean", g for "sum").
 */
const def: OpDef<Reduction> = {
  name: "binaryCrossEntropyWithLogits",
  formula: "max(x,0) - x·y + log(1 + e^-|x|);  ∂x = (σ(x) - y)·g', ∂y = -x·g'",
  savesInputs: true,
  backward: (g, [x, y], _out, reduction) => {
    const scale = reduction === "mean" ? g.div(x.size) : g;
    return [x.requiresGrad ? x.sigmoid().sub(y).mul(scale) : null, y.requiresGrad ? x.neg().mul(scale) : null];
  },
};

/** Binary cross-entropy on logits against targets in [0, 1] of the same shape (torch's BCEWithLogitsLoss). */
export const binaryCrossEntropyWithLogits = defineOp(
  (input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor => {
    const [x, y] = checkPair("binaryCrossEntropyWithLogits", input, target);
    const reduction = checkReduction("binaryCrossEntropyWithLogits", options.reduction);
    return record(def, [x, y], elementwiseLoss(kernels.bceWithLogits, x, y, reduction), reduction);
  },
  def,
);
