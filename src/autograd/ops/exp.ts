import { unaryOp } from "../op.ts";

/** eˣ.  ∂x = g·eˣ (the output) */
export const exp = unaryOp({
  name: "exp",
  formula: "exp(x);  ∂x = g * exp(x)",
  f: Math.exp,
  backward: (g, _x, out) => g.mul(out),
  savesInputs: false,
  savesOutput: true,
});
