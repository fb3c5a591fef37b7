import { defineOp } from "../op.ts";
import { record, type OpDef } from "../tape.ts";
import type { Tensor } from "../tensor-base.ts";
import { softmaxForward } from "./softmax.ts";

/** y = x − log Σ eˣ along an axis.  ∂x = g − eʸ·Σ g */
const def: OpDef<number> = {
  name: "logSoftmax",
  formula: "x - log Σ_axis exp(x);  ∂x = g - exp(y) * Σ_axis g",
  savesInputs: false,
  savesOutput: true,
  backward: (g, _inputs, y, axis) => [g.sub(y.exp().mul(g.sum(axis, true)))],
};

export const logSoftmax = defineOp((input: Tensor, axis = -1): Tensor => {
  const { x, out, axis: a } = softmaxForward("logSoftmax", input, axis, true);
  return record(def, [x], out, a);
}, def);
