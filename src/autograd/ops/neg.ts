import { unaryOp } from "../op.ts";

/** −x.  ∂x = −g */
export const neg = unaryOp({
  name: "neg",
  formula: "-x;  ∂x = -g",
  f: (x) => -x,
  backward: (g) => g.neg(),
  savesInputs: false,
});
