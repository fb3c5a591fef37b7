import { gateOp } from "./gate.ts";

/** max's and min's derivative, g·[x = out]/ties (the mask given as a tensor).  ∂g = gg·m, x: no edge */
export const maxBackward = gateOp({ name: "maxBackward", formula: "g * m(x);  ∂g = gg * m(x), x: no edge", xEdge: "none" });
