import { allocate } from "../dtype.ts";
import { ShapeError } from "../errors.ts";
import { kernels } from "../kernels/index.ts";
import { asTensor, defineOp } from "../op.ts";
import { broadcastsTo, checkShape, formatShape, numel, sameShape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/** x repeated along broadcast dimensions.  ∂x = sumTo(g, x.shape) */
const def: OpDef = {
  name: "broadcastTo",
  formula: "x repeated to a shape;  ∂x = sumTo(g, x.shape)",
  savesInputs: false,
  backward: (g, [x]) => [g.sumTo(x.shape)],
};

export const broadcastTo = defineOp((input: Tensor, shape: readonly number[]): Tensor => {
  const x = asTensor("broadcastTo", input);
  const to = checkShape("broadcastTo", shape);
  if (!broadcastsTo(x.shape, to)) {
    throw new ShapeError(
      `broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(to)}; each dimension must ` +
        `match or be 1 (aligned on the right)`,
    );
  }
  if (sameShape(x.shape, to)) return x;
  const out = allocate(x.dtype, numel(to));
  kernels.broadcastCopy(x.data, x.shape, out, to);
  return record(def, [x], new Tensor(out, [...to]), undefined);
}, def);
