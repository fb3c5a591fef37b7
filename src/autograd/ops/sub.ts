import { binaryOp, needsGrad } from "../op.ts";
import { Code } from "../kernels/elementwise.ts";

/** a − b, broadcast.  ∂a = g, ∂b = −g */
export const sub = binaryOp({
  name: "sub",
  formula: "a - b;  ∂a = g, ∂b = -g",
  code: Code.sub,
  f: (a, b) => a - b,
  backward: (g, _a, b) => [g, needsGrad(b) ? g.neg() : null],
  savesInputs: false,
});
