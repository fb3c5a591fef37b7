import { unaryOp } from "../op.ts";

/** √x.  ∂x = g / (2√x) */
export const sqrt = unaryOp({
  name: "sqrt",
  formula: "sqrt(x);  ∂x = g / (2 sqrt(x))",
  f: Math.sqrt,
  backward: (g, _x, out) => g.div(out.mul(2)),
  savesInputs: false,
  savesOutput: true,
});
