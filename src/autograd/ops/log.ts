import { unaryOp } from "../op.ts";

/** ln x.  ∂x = g / x */
export const log = unaryOp({
  name: "log",
  formula: "log(x);  ∂x = g / x",
  f: Math.log,
  backward: (g, x) => g.div(x),
  savesInputs: true,
});
