import { compareOp } from "./compare.ts";

/** [a > b], broadcast.  no gradient: ∂a = ∂b = none */
export const gt = compareOp({ name: "gt", formula: "[a > b];  no gradient", test: (a, b) => a > b });
