import { allocate, promote } from "../../autograd/dtype.ts";
import { defineOp } from "../../autograd/op.ts";
import { record, type OpDef } from "../../autograd/tape.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { checkPair, checkReduction, type Reduction, type ReductionOptions } from "./reduction.ts";

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
  const dtype = promote(x.dtype, y.dtype);
  const a = x.data;
  const b = y.data;
  let out: Tensor;
  if (reduction === "none") {
    const d = allocate(dtype, a.length);
    for (let i = 0; i < a.length; i++) {
      const e = a[i] - b[i];
      d[i] = e * e;
    }
    out = new Tensor(d, x.shape);
  } else {
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const e = a[i] - b[i];
      s += e * e;
    }
    const v = allocate(dtype, 1);
    v[0] = reduction === "mean" ? s / a.length : s;
    out = new Tensor(v, []);
  }
  return record(def, [x, y], out, reduction);
}, def);
