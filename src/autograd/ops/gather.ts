import { allocate } from "../dtype.ts";
import { ArgumentError, ShapeError } from "../errors.ts";
import { asTensor, defineOp, describe } from "../op.ts";
import { formatShape, normalizeAxis, numel, stridesOf, type Shape } from "../shape.ts";
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
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (!Number.isInteger(v)) throw new ArgumentError(`${op}: index element ${i} is ${v}, not an integer`);
    values[i] = v;
  }
  return { values, shape };
}

/** Walks every index position, calling visit(position in index, position in x). */
function each(xShape: Shape, { axis, index }: GatherAttrs, visit: (k: number, j: number) => void): void {
  const xs = stridesOf(xShape);
  const is = stridesOf(index.shape);
  const nd = index.shape.length;
  for (let k = 0; k < index.values.length; k++) {
    let j = 0;
    let rest = k;
    for (let d = 0; d < nd; d++) {
      const c = Math.floor(rest / is[d]);
      rest -= c * is[d];
      j += (d === axis ? index.values[k] : c) * xs[d];
    }
    visit(k, j);
  }
}

/** zeros of x's shape with g added at the gathered positions.  ∂g = gather(gg) */
const scatterDef: OpDef<GatherAttrs & { shape: Shape }> = {
  name: "scatterAdd",
  formula: "zeros(shape) with g added at index positions;  ∂g = gather(gg, axis, index)",
  savesInputs: false,
  backward: (gg, _g, _out, a) => [gatherRaw(gg, a)],
};

export const scatterAdd = defineOp((g: Tensor, shape: Shape, a: GatherAttrs): Tensor => {
  const out = allocate(g.dtype, numel(shape));
  each(shape, a, (k, j) => (out[j] += g.data[k]));
  return record(scatterDef, [g], new Tensor(out, shape), { ...a, shape });
}, scatterDef);

/** out[…i…] = x[…index[…i…]…] along an axis (torch.gather).  ∂x = scatterAdd(g, index) */
const def: OpDef<GatherAttrs> = {
  name: "gather",
  formula: "x[..., index, ...] along an axis;  ∂x = scatterAdd(g, axis, index)",
  savesInputs: false,
  backward: (g, [x], _out, a) => [scatterAdd(g, x.shape, a)],
};

function gatherRaw(x: Tensor, a: GatherAttrs): Tensor {
  const out = allocate(x.dtype, a.index.values.length);
  each(x.shape, a, (k, j) => (out[k] = x.data[j]));
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
  for (let k = 0; k < index.values.length; k++) {
    const v = index.values[k];
    if (v < 0 || v >= n) {
      throw new ShapeError(`gather: index ${v} is out of range for axis ${ax} of size ${n} (shape ${formatShape(x.shape)})`);
    }
  }
  return gatherRaw(x, { axis: ax, index });
}, def);
