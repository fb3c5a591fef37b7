import { binaryOp, needsGrad } from "../op.ts";
import { Code } from "../kernels/elementwise.ts";

/** a·b, broadcast.  ∂a = g·b, ∂b = g·a */
export const mul = binaryOp({
  name: "mul",
  formula: "a * b;  ∂a = g * b, ∂b = g * a",
  code: Code.mul,
  f: (a, b) => a * b,
  backward: (g, a, b) => [needsGrad(a) ? g.mul(b) : null, needsGrad(b) ? g.mul(a) : null],
  savesInputs: true,
});
