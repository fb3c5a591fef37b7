import { allocate } from "../dtype.ts";
import { ArgumentError, ShapeError } from "../errors.ts";
import { kernels, type AxisRange } from "../kernels/index.ts";
import { asTensor, defineOp } from "../op.ts";
import { formatShape, normalizeAxis, numel } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";
import { squeeze } from "./reshape.ts";
import { sliceBackward } from "./slice-backward.ts";

/** Where a slice is along its axis: start, step and count. */
export type SliceAttrs = AxisRange;

/** x[start:end:step] along an axis.  ∂x = g placed back at those positions, zeros elsewhere */
const def: OpDef<SliceAttrs> = {
  name: "slice",
  formula: "x[start:end:step] along an axis;  ∂x = zeros with g at those positions",
  savesInputs: false,
  backward: (g, [x], _out, a) => [sliceBackward(g, x.shape, a)],
};

export const slice = defineOp((input: Tensor, axis: number, start: number, end?: number, step = 1): Tensor => {
  const x = asTensor("slice", input);
  if (x.ndim === 0) throw new ShapeError("slice: cannot slice a scalar (shape [])");
  const ax = normalizeAxis("slice", axis, x.ndim);
  const n = x.shape[ax];
  if (!Number.isInteger(step) || step < 1) throw new ArgumentError(`slice: step must be a positive integer, got ${step}`);
  if (!Number.isInteger(start) || (end !== undefined && !Number.isInteger(end))) {
    throw new ArgumentError(`slice: start and end must be integers, got ${start} and ${end}`);
  }
  const clampIndex = (i: number) => Math.min(Math.max(i < 0 ? i + n : i, 0), n);
  const s = clampIndex(start);
  const e = end === undefined ? n : clampIndex(end);
  const count = Math.max(0, Math.ceil((e - s) / step));
  const attrs: SliceAttrs = { axis: ax, start: s, step, count };
  const shape = [...x.shape];
  shape[ax] = count;
  const out = allocate(x.dtype, numel(shape));
  kernels.slice(x.data, x.shape, attrs, out, false);
  return record(def, [x], new Tensor(out, shape), attrs);
}, def);

/** x at `index` along `axis`, with that axis removed. */
export function select(input: Tensor, axis: number, index: number): Tensor {
  const x = asTensor("select", input);
  const ax = normalizeAxis("select", axis, x.ndim);
  const n = x.shape[ax];
  if (!Number.isInteger(index) || index < -n || index >= n) {
    throw new ShapeError(`select: index ${index} is out of range for axis ${ax} of shape ${formatShape(x.shape)}`);
  }
  const i = index < 0 ? index + n : index;
  return squeeze(slice(x, ax, i, i + 1), ax);
}
