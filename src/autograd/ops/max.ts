import { extremeOp } from "./extreme.ts";

/** max over axes (values only).  ∂x = g at the maxima, split equally among ties */
export const max = extremeOp({ name: "max", formula: "max_axes x;  ∂x = broadcast(g) * [x = out] / ties", sign: 1 });
