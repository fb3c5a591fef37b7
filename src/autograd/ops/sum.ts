import { kernels } from "../kernels/index.ts";
import { defineOp } from "../op.ts";
import type { Axis } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import type { Tensor } from "../tensor-base.ts";
import { expand, reduceForward, type ReduceAttrs } from "./reduction.ts";

/** Σ over axes.  ∂x = g broadcast back over the reduced axes */
const def: OpDef<ReduceAttrs> = {
  name: "sum",
  formula: "Σ_axes x;  ∂x = broadcast(g)",
  savesInputs: false,
  backward: (g, [x], _out, attrs) => [expand(g, x, attrs)],
};

export const sum = defineOp((input: Tensor, axis?: Axis, keepdim = false): Tensor => {
  const { x, out, attrs } = reduceForward("sum", input, axis, keepdim, kernels.sum);
  return record(def, [x], out, attrs);
}, def);
