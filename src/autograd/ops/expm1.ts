import { unaryOp } from "../op.ts";

/** eˣ − 1, exact near 0 where exp(x) − 1 cancels.  ∂x = g·eˣ = g·(out + 1) */
export const expm1 = unaryOp({
  name: "expm1",
  formula: "exp(x) - 1;  ∂x = g * (expm1(x) + 1)",
  f: Math.expm1,
  backward: (g, _x, out) => g.mul(out.add(1)),
  savesInputs: false,
  savesOutput: true,
});
