import { ShapeError } from "../errors.ts";
import { asTensor, defineOp } from "../op.ts";
import { broadcastsTo, checkShape, formatShape, sameShape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import type { Tensor } from "../tensor-base.ts";
import { sum } from "./sum.ts";
import { reshape } from "./reshape.ts";
import { noGrad } from "../mode.ts";

/**
 * The sum over the dimensions that broadcasting `shape` to x's shape added: the one place where a broadcast
 * operand's gradient is reduced.  ∂x = broadcastTo(g, x.shape)
 */
const def: OpDef = {
  name: "sumTo",
  formula: "Σ over broadcast dims;  ∂x = broadcastTo(g, x.shape)",
  savesInputs: false,
  backward: (g, [x]) => [g.broadcastTo(x.shape)],
};

export const sumTo = defineOp((input: Tensor, shape: readonly number[]): Tensor => {
  const x = asTensor("sumTo", input);
  const to = checkShape("sumTo", shape);
  if (!broadcastsTo(to, x.shape)) {
    throw new ShapeError(`sumTo: ${formatShape(to)} does not broadcast to ${formatShape(x.shape)}`);
  }
  if (sameShape(x.shape, to)) return x;
  const lead = x.ndim - to.length;
  const axes: number[] = [];
  for (let i = 0; i < x.ndim; i++) if (i < lead || (to[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  const out = noGrad(() => reshape(sum(x, axes, false), to));
  return record(def, [x], out, undefined);
}, def);
