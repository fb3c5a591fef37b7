import { allocate, promote } from "../dtype.ts";
import { ArgumentError, ShapeError } from "../errors.ts";
import { kernels } from "../kernels/index.ts";
import { asTensor, defineOp, describe } from "../op.ts";
import { formatShape, normalizeAxis, numel } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";
import { unsqueeze } from "./reshape.ts";

const describeList = (x: unknown): string => (Array.isArray(x) ? "an empty array" : describe(x));

/** Joins tensors along an axis.  ∂xᵢ = slice of g along that axis */
const def: OpDef<number> = {
  name: "concat",
  formula: "[x₀ | x₁ | …] along an axis;  ∂xᵢ = g[offsetᵢ : offsetᵢ + nᵢ]",
  savesInputs: false,
  backward: (g, inputs, _out, axis) => {
    let start = 0;
    return inputs.map((x) => {
      const part = g.slice(axis, start, start + x.shape[axis]);
      start += x.shape[axis];
      return part;
    });
  },
};

export const concat = defineOp((tensors: readonly Tensor[], axis = 0): Tensor => {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ArgumentError(`concat: needs a non-empty array of tensors, got ${describeList(tensors)}`);
  }
  const xs = tensors.map((t, i) => asTensor("concat", t, `element ${i}`));
  const first = xs[0];
  if (first.ndim === 0) {
    throw new ShapeError(`concat: cannot join scalars (shape []) along an axis; use stack, or reshape them to [1]`);
  }
  const a = normalizeAxis("concat", axis, first.ndim);
  for (const x of xs) {
    const same = x.ndim === first.ndim && x.shape.every((d, i) => i === a || d === first.shape[i]);
    if (!same) {
      throw new ShapeError(
        `concat: shapes ${xs.map((t) => formatShape(t.shape)).join(", ")} differ outside axis ${a}; ` +
          `all dimensions but the joined one must match`,
      );
    }
  }
  const shape = [...first.shape];
  shape[a] = xs.reduce((n, x) => n + x.shape[a], 0);
  const dtype = xs.reduce((d, x) => promote(d, x.dtype), first.dtype);
  const out = allocate(dtype, numel(shape));
  kernels.concat(xs.map((x) => x.data), xs.map((x) => numel(x.shape.slice(a))), numel(shape.slice(0, a)), out);
  return record(def, xs, new Tensor(out, shape), a);
}, def);

/** Joins tensors of one shape along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ArgumentError(`stack: needs a non-empty array of tensors, got ${describeList(tensors)}`);
  }
  const xs = tensors.map((t, i) => asTensor("stack", t, `element ${i}`));
  const s = xs[0].shape;
  if (xs.some((x) => formatShape(x.shape) !== formatShape(s))) {
    throw new ShapeError(`stack: all tensors need one shape, got ${xs.map((t) => formatShape(t.shape)).join(", ")}`);
  }
  // The result has one more axis than the inputs, so the valid range is -(ndim + 1) to ndim.
  const a = normalizeAxis("stack", axis, s.length + 1);
  return concat(xs.map((x) => unsqueeze(x, a)), a);
}
