import { kernels } from "../kernels/index.ts";
import { sigmoidOf } from "../kernels/activation.ts";
import { unaryOp } from "../op.ts";
import { sigmoidBackward } from "./sigmoid-backward.ts";

/** σ(x) = 1 / (1 + e⁻ˣ).  ∂x = g·σ(x)·(1 − σ(x)) */
export const sigmoid = unaryOp({
  name: "sigmoid",
  formula: "1 / (1 + exp(-x));  ∂x = g * s * (1 - s)",
  f: sigmoidOf,
  kernel: (x, out) => kernels.sigmoid(x, out),
  backward: (g, _x, s) => sigmoidBackward(g, s),
  savesInputs: false,
  savesOutput: true,
});
