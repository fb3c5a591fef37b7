import { unaryOp } from "../op.ts";
import { sub } from "./sub.ts";

/** tanh x.  ∂x = g·(1 − tanh²x) */
export const tanh = unaryOp({
  name: "tanh",
  formula: "tanh(x);  ∂x = g * (1 - tanh(x)²)",
  f: Math.tanh,
  backward: (g, _x, y) => g.mul(sub(1, y.mul(y))),
  savesInputs: false,
  savesOutput: true,
});
