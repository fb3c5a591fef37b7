import { kernels } from "../../autograd/kernels/index.ts";
import { defineOp } from "../../autograd/op.ts";
import { record, type OpDef } from "../../autograd/tape.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { checkPair, checkReduction, elementwiseLoss, type Reduction, type ReductionOptions } from "./reduction.ts";

/**
 * (x − y)², reduced, as one node.  ∂x = 2(x − y)·g′, ∂y = −2(x − y)·g′, where g′ = g elementwise for "none",
 * g/n for "mean" and g for "sum". The rule uses tensor ops, so it is differentiable in turn.
 */
const def: OpDef<Reduction> = {
  name: "mseLoss",
  formula: "(x - y)², reduced;  ∂x = 2(x - y)·g', ∂y = -2(x - y)·g'",
  savesInputs: true,
  backward: (g, [x, y], _out, reduction) => {
    const scale = reduction === "mean" ? g.mul(2 / x.size) : g.mul(2);
    const gx = x.sub(y).mul(scale);
    return [x.requiresGrad ? gx : null, y.requiresGrad ? gx.neg() : null];
  },
};

/** Mean squared error of input against a target of the same shape (torch.nn.functional.mse_loss). */
export const mseLoss = defineOp((input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor => {
  const [x, y] = checkPair("mseLoss", input, target);
  const reduction = checkReduction("mseLoss", options.reduction);
  return record(def, [x, y], elementwiseLoss(kernels.squaredError, x, y, reduction), reduction);
}, def);
