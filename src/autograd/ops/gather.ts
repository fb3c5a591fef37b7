import { allocate } from "../dtype.ts";
import { ArgumentError, ShapeError } from "../errors.ts";
import { kernels } from "../kernels/index.ts";
import { asTensor, defineOp, describe } from "../op.ts";
import { scatterAdd } from "./scatter-add.ts";
import { formatShape, normalizeAxis, type Shape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/** Integer indices: a tensor of whole numbers, nested arrays, or a flat array (1-D). */
export type IndexLike = Tensor | readonly number[] | readonly (readonly number[])[];

export interface Index {
  /** Whole numbers, kept as doubles: an Int32Array would wrap 2^32 + 1 to 1 before the range check. */
  readonly values: Float64Array;
  readonly shape: Shape;
}

export interface GatherAttrs {
  readonly axis: number;
  readonly index: Index;
}

function toIndex(op: string, index: IndexLike): Index {
  let flat: ArrayLike<number>;
  let shape: number[];
  if (index instanceof Tensor) {
    flat = index.data;
    shape = [...index.shape];
  } else if (Array.isArray(index)) {
    const nested = index.length > 0 && Array.isArray(index[0]);
    const rows = index as readonly (readonly number[])[];
    shape = nested ? [rows.length, rows[0].length] : [index.length];
    if (nested && rows.some((r) => !Array.isArray(r) || r.length !== rows[0].length)) {
      throw new ShapeError(`${op}: the nested index arrays are ragged`);
    }
    flat = nested ? rows.flat() : (index as readonly number[]);
  } else throw new ArgumentError(`${op}: the index must be a Tensor or an array of integers, got ${describe(index)}`);
  const values = new Float64Array(flat.length);
  const bad = kernels.copyIntegers(flat, values);
  if (bad >= 0) throw new ArgumentError(`${op}: index element ${bad} is ${flat[bad]}, not an integer`);
  return { values, shape };
}

/** out[…i…] = x[…index[…i…]…] along an axis (torch.gather).  ∂x = scatterAdd(g, index) */
const def: OpDef<GatherAttrs> = {
  name: "gather",
  formula: "x[..., index, ...] along an axis;  ∂x = scatterAdd(g, axis, index)",
  savesInputs: false,
  backward: (g, [x], _out, a) => [scatterAdd(g, x.shape, a)],
};

function gatherRaw(x: Tensor, a: GatherAttrs): Tensor {
  const out = allocate(x.dtype, a.index.values.length);
  kernels.gather(x.data, x.shape, a.axis, a.index.values, a.index.shape, out);
  return record(def, [x], new Tensor(out, a.index.shape), a);
}

export const gather = defineOp((input: Tensor, axis: number, indexLike: IndexLike): Tensor => {
  const x = asTensor("gather", input);
  const ax = normalizeAxis("gather", axis, x.ndim);
  const index = toIndex("gather", indexLike);
  if (index.shape.length !== x.ndim) {
    throw new ShapeError(
      `gather: index of shape ${formatShape(index.shape)} needs the rank of the input ${formatShape(x.shape)}`,
    );
  }
  index.shape.forEach((d, i) => {
    if (i !== ax && d > x.shape[i]) {
      throw new ShapeError(
        `gather: index shape ${formatShape(index.shape)} exceeds input shape ${formatShape(x.shape)} at axis ${i}`,
      );
    }
  });
  const n = x.shape[ax];
  const bad = kernels.firstOutOfRange(index.values, n);
  if (bad >= 0) {
    const v = index.values[bad];
    throw new ShapeError(`gather: index ${v} is out of range for axis ${ax} of size ${n} (shape ${formatShape(x.shape)})`);
  }
  return gatherRaw(x, { axis: ax, index });
}, def);
