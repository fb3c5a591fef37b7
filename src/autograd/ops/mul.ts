import { binaryOp } from "../op.ts";
import { Code } from "../kernels/elementwise.ts";

/** a·b, broadcast.  ∂a = g·b, ∂b = g·a */
export const mul = binaryOp({
  name: "mul",
  formula: "a * b;  ∂a = g * b, ∂b = g * a",
  code: Code.mul,
  f: (a, b) => a * b,
  backward: [(g, _a, b) => g.mul(b), (g, a) => g.mul(a)],
  savesInputs: true,
});
