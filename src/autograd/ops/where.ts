import { allocate, promote } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { asOperand, asTensor, defineOp } from "../op.ts";
import { broadcastShapes, numel } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor, type Scalar } from "../tensor-base.ts";

/**
 * c ≠ 0 ? a : b, broadcast.  ∂a = g where c, 0 elsewhere;  ∂b = g where not c, 0 elsewhere;  no gradient to c
 * NOTE: the unselected side gets zeros, not null: it is reached, with derivative 0.
 */
const def: OpDef = {
  name: "where",
  formula: "c ? a : b;  ∂a = c ? g : 0, ∂b = c ? 0 : g, ∂c = none",
  savesInputs: true,
  backward: (g, [c, a, b]) => [
    null,
    a.requiresGrad ? where(c, g, 0) : null,
    b.requiresGrad ? where(c, 0, g) : null,
  ],
};

export const where = defineOp((condition: Tensor, x: Scalar, y: Scalar): Tensor => {
  const c = asTensor("where", condition, "the condition");
  const like = x instanceof Tensor ? x.dtype : y instanceof Tensor ? y.dtype : c.dtype;
  const a = asOperand("where", x, like, "the second argument");
  const b = asOperand("where", y, like, "the third argument");
  const shape = broadcastShapes("where", c.shape, a.shape, b.shape);
  const out = allocate(promote(a.dtype, b.dtype), numel(shape));
  kernels.where(c.data, c.shape, a.data, a.shape, b.data, b.shape, out, shape);
  return record(def, [c, a, b], new Tensor(out, shape), undefined);
}, def);
