import { ArgumentError, ShapeError } from "../errors.ts";
import { asTensor, defineOp, describe } from "../op.ts";
import { formatShape, numel, type Shape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/** The same values in another shape (a view: storage and version are shared).  ∂x = reshape(g, x.shape) */
const def: OpDef = {
  name: "reshape",
  formula: "view x as a new shape;  ∂x = reshape(g, x.shape)",
  savesInputs: false,
  backward: (g, [x]) => [g.reshape(x.shape)],
};

/** Resolves one -1 and checks that the element count is kept. */
export function resolveShape(op: string, x: Tensor, shape: readonly number[]): Shape {
  if (!Array.isArray(shape)) {
    throw new ArgumentError(
      `${op}: the shape must be an array of integers, got ${describe(shape)} (input shape ${formatShape(x.shape)})`,
    );
  }
  let unknown = -1;
  let known = 1;
  shape.forEach((d, i) => {
    if (d === -1) {
      if (unknown >= 0) throw new ShapeError(`${op}: only one dimension can be -1, got ${formatShape(shape)}`);
      unknown = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(`${op}: invalid dimension ${d} in ${formatShape(shape)}`);
    } else known *= d;
  });
  const out = [...shape];
  if (unknown >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        `${op}: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}: ` +
          `${x.size} is not a multiple of ${known}`,
      );
    }
    out[unknown] = x.size / known;
  } else if (known !== x.size) {
    throw new ShapeError(
      `${op}: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)} ` +
        `(${numel(shape)} elements); the element count must stay the same`,
    );
  }
  return out;
}

export const reshape = defineOp((input: Tensor, shape: readonly number[]): Tensor => {
  const x = asTensor("reshape", input);
  const s = resolveShape("reshape", x, shape);
  return record(def, [x], new Tensor(x.data, s, false, x._version), undefined);
}, def);

/** Removes the given size-1 axes (all of them when none is given). */
export function squeeze(input: Tensor, axis?: number | readonly number[]): Tensor {
  const x = asTensor("squeeze", input);
  if (axis !== undefined && typeof axis !== "number" && !Array.isArray(axis)) {
    throw new ArgumentError(`squeeze: axis must be a number or an array of them, got ${describe(axis)}`);
  }
  const axes = axis === undefined ? null : (typeof axis === "number" ? [axis] : axis).map((a) => (a < 0 ? a + x.ndim : a));
  if (axes !== null) {
    for (const a of axes) {
      if (!Number.isInteger(a) || a < 0 || a >= x.ndim) {
        throw new ShapeError(`squeeze: axis ${JSON.stringify(axis)} is out of range for shape ${formatShape(x.shape)}`);
      }
    }
  }
  const shape = x.shape.filter((d, i) => !(d === 1 && (axes === null || axes.includes(i))));
  return reshape(x, shape);
}

/** Inserts a size-1 axis at `axis` (-1 appends). */
export function unsqueeze(input: Tensor, axis: number): Tensor {
  const x = asTensor("unsqueeze", input);
  const a = axis < 0 ? axis + x.ndim + 1 : axis;
  if (!Number.isInteger(a) || a < 0 || a > x.ndim) {
    throw new ShapeError(
      `unsqueeze: axis ${axis} is out of range for shape ${formatShape(x.shape)} (valid: ${-x.ndim - 1} to ${x.ndim})`,
    );
  }
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}
