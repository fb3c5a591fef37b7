import { extremeOp } from "./extreme.ts";

/** min over axes (values only).  ∂x = g at the minima, split equally among ties */
export const min = extremeOp({ name: "min", formula: "min_axes x;  ∂x = broadcast(g) * [x = out] / ties", sign: -1 });
