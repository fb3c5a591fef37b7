import { gateOp } from "./gate.ts";

/** clamp's derivative, g·[lo ≤ x ≤ hi].  ∂g = gg·[lo ≤ x ≤ hi], x: no edge */
export const clampBackward = gateOp({ name: "clampBackward", formula: "g * m(x);  ∂g = gg * m(x), x: no edge", xEdge: "none" });
