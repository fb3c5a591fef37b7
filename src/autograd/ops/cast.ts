import { allocate, isDType, type DType } from "../dtype.ts";
import { DTypeError } from "../errors.ts";
import { asTensor, defineOp, describe } from "../op.ts";
import { formatShape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/** x in another dtype.  ∂x = g in x's dtype */
const def: OpDef = {
  name: "cast",
  formula: "x converted to a dtype;  ∂x = g converted back",
  savesInputs: false,
  backward: (g, [x]) => [g.to(x.dtype)],
};

export const cast = defineOp((input: Tensor, dtype: DType): Tensor => {
  const x = asTensor("to", input);
  if (!isDType(dtype)) {
    const shown = typeof dtype === "string" ? JSON.stringify(dtype) : describe(dtype);
    throw new DTypeError(
      `to: unknown dtype ${shown} for a tensor of shape ${formatShape(x.shape)}; use "float32" or "float64"`,
    );
  }
  if (x.dtype === dtype) return x;
  const out = allocate(dtype, x.size);
  out.set(x.data);
  return record(def, [x], new Tensor(out, x.shape), undefined);
}, def);
