import { gateOp } from "./gate.ts";

/** relu's derivative, g·[x > 0].  ∂g = gg·[x > 0], ∂x = 0 */
export const reluBackward = gateOp({ name: "reluBackward", formula: "g * m(x);  ∂g = gg * m(x), ∂x = 0", xEdge: "zero" });
