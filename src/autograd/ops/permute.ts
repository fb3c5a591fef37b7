import { allocate } from "../dtype.ts";
import { ArgumentError, ShapeError } from "../errors.ts";
import { kernels } from "../kernels/index.ts";
import { asTensor, defineOp, describe } from "../op.ts";
import { formatShape, normalizeAxis } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/** Reorders axes: out axis i is x axis p[i].  ∂x = permute(g, p⁻¹) */
const def: OpDef<readonly number[]> = {
  name: "permute",
  formula: "out axis i = x axis p[i];  ∂x = permute(g, inverse(p))",
  savesInputs: false,
  backward: (g, _x, _out, p) => {
    const inv = new Array<number>(p.length);
    p.forEach((d, i) => (inv[d] = i));
    return [g.permute(inv)];
  },
};

export const permute = defineOp((input: Tensor, dims: readonly number[]): Tensor => {
  const x = asTensor("permute", input);
  if (!Array.isArray(dims)) {
    throw new ArgumentError(
      `permute: dims must be an array of axes of shape ${formatShape(x.shape)}, got ${describe(dims)}`,
    );
  }
  const p = dims.map((d) => normalizeAxis("permute", d, x.ndim));
  if (p.length !== x.ndim || new Set(p).size !== p.length) {
    throw new ShapeError(
      `permute: dims ${JSON.stringify(dims)} must list each axis of shape ${formatShape(x.shape)} once`,
    );
  }
  const shape = p.map((d) => x.shape[d]);
  const out = allocate(x.dtype, x.size);
  kernels.permute(x.data, x.shape, p, out);
  return record(def, [x], new Tensor(out, shape), p);
}, def);

/** Swaps two axes (the last two by default). */
export function transpose(input: Tensor, dim0 = -2, dim1 = -1): Tensor {
  const x = asTensor("transpose", input);
  if (x.ndim < 2 && dim0 === -2 && dim1 === -1) {
    throw new ShapeError(
      `transpose: needs at least 2 dimensions, got shape ${formatShape(x.shape)}; use reshape to add one`,
    );
  }
  const a = normalizeAxis("transpose", dim0, x.ndim);
  const b = normalizeAxis("transpose", dim1, x.ndim);
  // A scalar takes axes 0 and -1 (as PyTorch) and has nothing to swap.
  if (x.ndim === 0) return permute(x, []);
  const p = x.shape.map((_, i) => i);
  p[a] = b;
  p[b] = a;
  return permute(x, p);
}
