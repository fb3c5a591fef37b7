import { allocate, promote } from "../dtype.ts";
import { broadcastStrides } from "../kernels/elementwise.ts";
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
  const n = numel(shape);
  const out = allocate(promote(a.dtype, b.dtype), n);
  const sc = broadcastStrides(c.shape, shape);
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let ic = 0;
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o++) {
    out[o] = c.data[ic] !== 0 ? a.data[ia] : b.data[ib];
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      ic += sc[d];
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < shape[d]) break;
      ic -= sc[d] * shape[d];
      ia -= sa[d] * shape[d];
      ib -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
  return record(def, [c, a, b], new Tensor(out, shape), undefined);
}, def);
