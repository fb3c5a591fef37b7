import { binaryOp, type Op } from "../op.ts";
import { Code } from "../kernels/elementwise.ts";
import type { Scalar, Tensor } from "../tensor-base.ts";

/**
 * The comparison family: each gives a mask of 1 and 0 and has no derivative, so no gradient reaches a or b through
 * it, like detach (an input reached only this way gets null from grad()). Each comparison is a file of its own.
 */
export function compareOp({ name, formula, test }: {
  readonly name: string;
  readonly formula: string;
  readonly test: (a: number, b: number) => boolean;
}): Op<(a: Scalar, b: Scalar) => Tensor> {
  return binaryOp({
    name,
    formula,
    code: Code.generic,
    f: (a, b) => (test(a, b) ? 1 : 0),
    backward: null,
    savesInputs: false,
  });
}
