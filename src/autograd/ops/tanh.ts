import { unaryOp } from "../op.ts";

/** tanh x.  ∂x = g·(1 − tanh²x) */
export const tanh = unaryOp({
  name: "tanh",
  formula: "tanh(x);  ∂x = g * (1 - tanh(x)²)",
  f: Math.tanh,
  backward: (g, _x, y) => g.mul(y.mul(y).neg().add(1)),
  savesInputs: false,
});
