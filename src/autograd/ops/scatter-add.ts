import { allocate } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { defineOp } from "../op.ts";
import { numel, type Shape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";
import type { GatherAttrs } from "./gather.ts";

/**
 * zeros of x's shape with g added at the gathered positions: gather's adjoint.  ∂g = gather(gg, axis, index)
 * NOTE: the rule calls gather through its method (gather.ts imports this file), so the index is checked again there.
 */
const def: OpDef<GatherAttrs & { shape: Shape }> = {
  name: "scatterAdd",
  formula: "zeros(shape) with g added at index positions;  ∂g = gather(gg, axis, index)",
  savesInputs: false,
  backward: (gg, _g, _out, a) => [gg.gather(a.axis, new Tensor(a.index.values, a.index.shape))],
};

export const scatterAdd = defineOp((g: Tensor, shape: Shape, a: GatherAttrs): Tensor => {
  const out = allocate(g.dtype, numel(shape));
  kernels.scatterAdd(g.data, shape, a.axis, a.index.values, a.index.shape, out);
  return record(def, [g], new Tensor(out, shape), { ...a, shape });
}, def);
