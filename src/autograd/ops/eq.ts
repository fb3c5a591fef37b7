import { compareOp } from "./compare.ts";

/** [a = b], broadcast.  no gradient: ∂a = ∂b = none */
export const eq = compareOp({ name: "eq", formula: "[a == b];  no gradient", test: (a, b) => a === b });
