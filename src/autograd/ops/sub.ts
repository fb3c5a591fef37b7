import { binaryOp } from "../op.ts";
import { Code } from "../kernels/elementwise.ts";

/** a − b, broadcast.  ∂a = g, ∂b = −g */
export const sub = binaryOp({
  name: "sub",
  formula: "a - b;  ∂a = g, ∂b = -g",
  code: Code.sub,
  f: (a, b) => a - b,
  backward: [(g) => g, (g) => g.neg()],
  savesInputs: false,
});
