import { kernels } from "../kernels/index.ts";
import { unaryOp } from "../op.ts";
import { tanhBackward } from "./tanh-backward.ts";

/** tanh x.  ∂x = g·(1 − tanh²x) */
export const tanh = unaryOp({
  name: "tanh",
  formula: "tanh(x);  ∂x = g * (1 - tanh(x)²)",
  f: Math.tanh,
  kernel: (x, out) => kernels.tanh(x, out),
  backward: (g, _x, y) => tanhBackward(g, y),
  savesInputs: false,
  savesOutput: true,
});
