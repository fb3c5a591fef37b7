import { binaryOp } from "../op.ts";
import { Code } from "../kernels/elementwise.ts";

/** a + b, broadcast.  ∂a = g, ∂b = g */
export const add = binaryOp({
  name: "add",
  formula: "a + b;  ∂a = g, ∂b = g",
  code: Code.add,
  f: (a, b) => a + b,
  backward: [(g) => g, (g) => g],
  savesInputs: false,
});
