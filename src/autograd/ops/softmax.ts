import { allocate } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { blocksOf } from "../kernels/layout.ts";
import { asTensor, defineOp } from "../op.ts";
import { normalizeAxis } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/** Runs the softmax kernel along one axis; shared with logSoftmax. */
export function softmaxForward(op: string, input: Tensor, axis: number, log: boolean): { x: Tensor; out: Tensor; axis: number } {
  const x = asTensor(op, input);
  const a = normalizeAxis(op, axis, x.ndim);
  const out = allocate(x.dtype, x.size);
  const blocks = blocksOf(x.shape, x.ndim === 0 ? [] : [a]);
  if (blocks !== null) kernels.softmax(x.data, blocks, out, log);
  return { x, out: new Tensor(out, x.shape), axis: a };
}

/** y = eˣ / Σ eˣ along an axis.  ∂x = y·(g − Σ g·y) */
const def: OpDef<number> = {
  name: "softmax",
  formula: "exp(x) / Σ_axis exp(x);  ∂x = y * (g - Σ_axis g*y)",
  savesInputs: false,
  savesOutput: true,
  backward: (g, _inputs, y, axis) => [y.mul(g.sub(g.mul(y).sum(axis, true)))],
};

export const softmax = defineOp((input: Tensor, axis = -1): Tensor => {
  const { x, out, axis: a } = softmaxForward("softmax", input, axis, false);
  return record(def, [x], out, a);
}, def);
