import { kernels } from "../kernels/index.ts";
import { unaryOp } from "../op.ts";

/** eˣ.  ∂x = g·eˣ (the output) */
export const exp = unaryOp({
  name: "exp",
  formula: "exp(x);  ∂x = g * exp(x)",
  f: Math.exp,
  kernel: (x, out) => kernels.exp(x, out),
  backward: (g, _x, out) => g.mul(out),
  savesInputs: false,
  savesOutput: true,
});
