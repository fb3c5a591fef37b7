import { unaryOp } from "../op.ts";
import { reluBackward } from "./relu-backward.ts";

/** max(x, 0).  ∂x = g·[x > 0]  (NOTE: relu'(0) = 0 and relu(NaN) = NaN, as PyTorch) */
export const relu = unaryOp({
  name: "relu",
  formula: "max(x, 0);  ∂x = g * [x > 0]",
  f: (x) => (x > 0 || x !== x ? x : 0),
  backward: (g, x) => reluBackward(g, x, (v) => (v > 0 ? 1 : 0)),
  savesInputs: true,
});
