import { compareOp } from "./compare.ts";

/** [a ≥ b], broadcast.  no gradient: ∂a = ∂b = none */
export const ge = compareOp({ name: "ge", formula: "[a >= b];  no gradient", test: (a, b) => a >= b });
