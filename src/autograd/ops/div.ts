import { binaryOp } from "../op.ts";
import { Code } from "../kernels/elementwise.ts";

/** a / b, broadcast.  ∂a = g / b, ∂b = −g·a / b² */
export const div = binaryOp({
  name: "div",
  formula: "a / b;  ∂a = g / b, ∂b = -g * a / b²",
  code: Code.div,
  f: (a, b) => a / b,
  backward: [(g, _a, b) => g.div(b), (g, a, b) => g.mul(a).div(b.mul(b)).neg()],
  savesInputs: true,
});
