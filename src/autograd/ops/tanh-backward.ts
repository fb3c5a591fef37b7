import { allocate, promote } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { defineOp, scalarResult } from "../op.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/**
 * tanh's derivative as one op (PyTorch's tanh_backward): g·(1 − y²), y = tanh(x), in one pass and one tensor
 * rather than three.  ∂g = gg·(1 − y²), ∂y = −2·gg·g·y
 */
const def: OpDef = {
  name: "tanhBackward",
  formula: "g * (1 - y²);  ∂g = gg * (1 - y²), ∂y = -2 * gg * g * y",
  savesInputs: true,
  backward: (gg, [g, y]) => [
    g.requiresGrad ? tanhBackward(gg, y) : null,
    y.requiresGrad ? gg.mul(g).mul(y).mul(-2) : null,
  ],
};

export const tanhBackward = defineOp((g: Tensor, y: Tensor): Tensor => {
  const dtype = promote(g.dtype, y.dtype);
  if (g.size === 1 && dtype === "float64") {
    // The kernel's float64 formula, on the one value (see scalarResult).
    const v = y._scalar;
    return record(def, [g, y], scalarResult(g._scalar * (1 - v * v), dtype, g.shape), undefined);
  }
  const out = allocate(dtype, g.size);
  kernels.tanhBackward(g.data, y.data, out);
  return record(def, [g, y], new Tensor(out, g.shape), undefined);
}, def);
