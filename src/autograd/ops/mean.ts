import { kernels } from "../kernels/index.ts";
import { defineOp } from "../op.ts";
import type { Axis } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import type { Tensor } from "../tensor-base.ts";
import { countOf, expand, reduceForward, type ReduceAttrs } from "./reduction.ts";

/** (1/n) Σ over axes.  ∂x = broadcast(g) / n */
const def: OpDef<ReduceAttrs> = {
  name: "mean",
  formula: "Σ_axes x / n;  ∂x = broadcast(g) / n",
  savesInputs: false,
  backward: (g, [x], _out, attrs) => [expand(g, x, attrs).div(countOf(x, attrs.axes))],
};

export const mean = defineOp((input: Tensor, axis?: Axis, keepdim = false): Tensor => {
  const { x, out, attrs, count } = reduceForward("mean", input, axis, keepdim, kernels.sum);
  kernels.divScalar(out.data, count, out.data);
  return record(def, [x], out, attrs);
}, def);
