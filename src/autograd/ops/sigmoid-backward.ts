import { allocate, promote } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { defineOp } from "../op.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/**
 * sigmoid's derivative as one op (PyTorch's sigmoid_backward): g·s·(1 − s), s = σ(x), in one pass and one tensor
 * rather than three.  ∂g = gg·s·(1 − s), ∂s = gg·g·(1 − 2s)
 */
const def: OpDef = {
  name: "sigmoidBackward",
  formula: "g * s * (1 - s);  ∂g = gg * s * (1 - s), ∂s = gg * g * (1 - 2s)",
  savesInputs: true,
  backward: (gg, [g, s]) => [
    g.requiresGrad ? sigmoidBackward(gg, s) : null,
    s.requiresGrad ? gg.mul(g).mul(s.mul(-2).add(1)) : null,
  ],
};

export const sigmoidBackward = defineOp((g: Tensor, s: Tensor): Tensor => {
  const out = allocate(promote(g.dtype, s.dtype), g.size);
  kernels.sigmoidBackward(g.data, s.data, out);
  return record(def, [g, s], new Tensor(out, g.shape), undefined);
}, def);
