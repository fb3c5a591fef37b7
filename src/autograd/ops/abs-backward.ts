import { gateOp } from "./gate.ts";

/** abs's derivative, g·sign(x).  ∂g = gg·sign(x), ∂x = 0 */
export const absBackward = gateOp({ name: "absBackward", formula: "g * m(x);  ∂g = gg * m(x), ∂x = 0", xEdge: "zero" });
