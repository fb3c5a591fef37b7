import { kernels } from "../kernels/index.ts";
import { defineOp } from "../op.ts";
import type { Axis } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import type { Tensor } from "../tensor-base.ts";
import { expand, reduceForward, type ReduceAttrs } from "./reduction.ts";

/** log Σ eˣ over axes.  ∂x = g·e^(x − out) (the softmax) */
const def: OpDef<ReduceAttrs> = {
  name: "logsumexp",
  formula: "log Σ_axes exp(x);  ∂x = broadcast(g) * exp(x - out)",
  savesInputs: true,
  savesOutput: true,
  backward: (g, [x], out, attrs) => [expand(g, x, attrs).mul(x.sub(expand(out, x, attrs)).exp())],
};

export const logsumexp = defineOp((input: Tensor, axis?: Axis, keepdim = false): Tensor => {
  const { x, out, attrs } = reduceForward("logsumexp", input, axis, keepdim, kernels.logsumexp);
  return record(def, [x], out, attrs);
}, def);
