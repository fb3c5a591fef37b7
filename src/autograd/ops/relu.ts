import { kernels } from "../kernels/index.ts";
import { reluOf } from "../kernels/mask.ts";
import { unaryOp } from "../op.ts";
import { reluBackward } from "./relu-backward.ts";

/** max(x, 0).  ∂x = g·[x > 0]  (NOTE: relu'(0) = 0 and relu(NaN) = NaN, as PyTorch) */
export const relu = unaryOp({
  name: "relu",
  formula: "max(x, 0);  ∂x = g * [x > 0]",
  f: reluOf,
  kernel: (x, out) => kernels.relu(x, out),
  backward: (g, x) => reluBackward(g, x, "positive"),
  savesInputs: true,
});
