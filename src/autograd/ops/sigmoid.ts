import { unaryOp } from "../op.ts";
import { sigmoidBackward } from "./sigmoid-backward.ts";

/** σ(x) = 1 / (1 + e⁻ˣ).  ∂x = g·σ(x)·(1 − σ(x)) */
export const sigmoid = unaryOp({
  name: "sigmoid",
  formula: "1 / (1 + exp(-x));  ∂x = g * s * (1 - s)",
  // NOTE: split by sign so that exp never overflows.
  f: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  backward: (g, _x, s) => sigmoidBackward(g, s),
  savesInputs: false,
  savesOutput: true,
});
