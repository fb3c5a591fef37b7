import { allocate } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { asTensor, checkNumber, defineOp, zerosOf } from "../op.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/** xᵉ for a constant e.  ∂x = g·e·xᵉ⁻¹  (e = 0 gives a zero gradient) */
const def: OpDef<number> = {
  name: "pow",
  formula: "x ** e;  ∂x = g * e * x ** (e - 1)",
  savesInputs: true,
  backward: (g, [x], _out, e) => [e === 0 ? zerosOf(x) : g.mul(x.pow(e - 1).mul(e))],
};

export const pow = defineOp((input: Tensor, exponent: number): Tensor => {
  const x = asTensor("pow", input);
  const e = checkNumber("pow", exponent, "the exponent");
  const out = allocate(x.dtype, x.size);
  kernels.pow(x.data, e, out);
  return record(def, [x], new Tensor(out, x.shape), e);
}, def);
