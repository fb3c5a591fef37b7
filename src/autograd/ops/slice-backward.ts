import { allocate } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { defineOp } from "../op.ts";
import { numel, type Shape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";
import type { SliceAttrs } from "./slice.ts";

/** g placed at the sliced positions of zeros of x's shape.  ∂g = slice(gg) */
const backwardDef: OpDef<SliceAttrs & { shape: Shape }> = {
  name: "sliceBackward",
  formula: "zeros(shape) with g at the sliced positions;  ∂g = slice(gg)",
  savesInputs: false,
  backward: (gg, _g, _out, a) => [gg.slice(a.axis, a.start, a.start + a.count * a.step, a.step)],
};

export const sliceBackward = defineOp((g: Tensor, shape: Shape, a: SliceAttrs): Tensor => {
  const out = allocate(g.dtype, numel(shape));
  kernels.slice(g.data, shape, a, out, true);
  return record(backwardDef, [g], new Tensor(out, shape), { ...a, shape });
}, backwardDef);
