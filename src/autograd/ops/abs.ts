import { unaryOp } from "../op.ts";
import { absBackward } from "./abs-backward.ts";

/** |x|.  ∂x = g·sign(x)  (NOTE: abs'(0) = 0, as PyTorch) */
export const abs = unaryOp({
  name: "abs",
  formula: "|x|;  ∂x = g * sign(x)",
  f: Math.abs,
  backward: (g, x) => absBackward(g, x, (v) => (v > 0 ? 1 : v < 0 ? -1 : 0)),
  savesInputs: true,
});
