import { mapF32 } from "../kernels/elementwise-f32.ts";
import { unaryOp } from "../op.ts";
import { reluBackward } from "./gate.ts";

/** max(x, 0).  ∂x = g·[x > 0]  (NOTE: relu'(0) = 0 and relu(NaN) = NaN, as PyTorch) */
export const relu = unaryOp({
  name: "relu",
  formula: "max(x, 0);  ∂x = g * [x > 0]",
  f: (x) => (x > 0 || x !== x ? x : 0),
  f32: (x, out) => mapF32("relu", out, x),
  backward: (g, x) => reluBackward(g, x, "positive"),
  savesInputs: true,
});
