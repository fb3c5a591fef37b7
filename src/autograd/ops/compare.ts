import { binaryOp } from "../op.ts";
import { Code } from "../kernels/elementwise.ts";

// Comparisons give masks of 1 and 0. They have no derivative: no gradient reaches a or b through them,
// like detach (an input reached only this way gets null from grad()).
const mask = (name: string, symbol: string, test: (a: number, b: number) => boolean) =>
  binaryOp({
    name,
    formula: `[a ${symbol} b];  no gradient`,
    code: Code.generic,
    f: (a, b) => (test(a, b) ? 1 : 0),
    backward: null,
    savesInputs: false,
  });

/** [a > b] */
export const gt = mask("gt", ">", (a, b) => a > b);
/** [a ≥ b] */
export const ge = mask("ge", ">=", (a, b) => a >= b);
/** [a < b] */
export const lt = mask("lt", "<", (a, b) => a < b);
/** [a ≤ b] */
export const le = mask("le", "<=", (a, b) => a <= b);
/** [a = b] */
export const eq = mask("eq", "==", (a, b) => a === b);
/** [a ≠ b] */
export const ne = mask("ne", "!=", (a, b) => a !== b);
