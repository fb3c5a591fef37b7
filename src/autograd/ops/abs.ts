import { unaryOp } from "../op.ts";
import { absBackward } from "./abs-backward.ts";

/** |x|.  ∂x = g·sign(x)  (NOTE: abs'(0) = 0, as PyTorch) */
export const abs = unaryOp({
  name: "abs",
  formula: "|x|;  ∂x = g * sign(x)",
  f: Math.abs,
  backward: (g, x) => absBackward(g, x, "sign"),
  savesInputs: true,
});
