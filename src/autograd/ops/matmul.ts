import { allocate, promote } from "../dtype.ts";
import { ShapeError } from "../errors.ts";
import { kernels } from "../kernels/index.ts";
import { asTensor, defineOp } from "../op.ts";
import { formatShape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

interface MatmulAttrs {
  readonly transA: boolean;
  readonly transB: boolean;
}

/**
 * C = op(A)·op(B), op(X) = X or Xᵀ (last two axes), 2-D or batched 3-D (a 2-D operand is shared by the batch).
 * ∂A = g·op(B)ᵀ (transposed back when transA), ∂B = op(A)ᵀ·g (likewise): both are this same op with other flags,
 * so backward never copies a transpose and every order stays differentiable.
 */
const def: OpDef<MatmulAttrs> = {
  name: "matmul",
  formula: "A @ B;  ∂A = g @ Bᵀ, ∂B = Aᵀ @ g",
  savesInputs: true,
  backward: (g, [a, b], _out, { transA, transB }) => [
    a.requiresGrad ? (transA ? matmulT(b, g, transB, true) : matmulT(g, b, false, !transB)) : null,
    b.requiresGrad ? (transB ? matmulT(g, a, true, transA) : matmulT(a, g, !transA, false)) : null,
  ],
};

function describe(a: Tensor, b: Tensor, transA: boolean, transB: boolean): string {
  const t = (x: Tensor, f: boolean) => formatShape(x.shape) + (f ? "ᵀ" : "");
  return `${t(a, transA)} by ${t(b, transB)}`;
}

/** op(A)·op(B) with transpose flags on the last two axes. */
export const matmulT = defineOp((left: Tensor, right: Tensor, transA = false, transB = false): Tensor => {
  const a = asTensor("matmul", left, "the first operand");
  const b = asTensor("matmul", right, "the second operand");
  if (a.ndim < 2 || a.ndim > 3 || b.ndim < 2 || b.ndim > 3) {
    throw new ShapeError(
      `matmul: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)}: both operands must be ` +
        `2-D matrices or 3-D batches of them (reshape a vector to [1, n] or [n, 1])`,
    );
  }
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const m = transA ? ac : ar;
  const k = transA ? ar : ac;
  const kb = transB ? bc : br;
  const n = transB ? br : bc;
  if (k !== kb) {
    throw new ShapeError(
      `matmul: cannot multiply ${describe(a, b, transA, transB)}: inner dimensions ${k} and ${kb} differ`,
    );
  }
  const batchA = a.ndim === 3 ? a.shape[0] : 1;
  const batchB = b.ndim === 3 ? b.shape[0] : 1;
  if (a.ndim === 3 && b.ndim === 3 && batchA !== batchB) {
    throw new ShapeError(
      `matmul: cannot multiply ${describe(a, b, transA, transB)}: batch sizes ${batchA} and ${batchB} differ`,
    );
  }
  // NOTE: not max(batchA, batchB): a 3-D operand's batch may be 0, and the shared 2-D operand's 1 is no batch.
  const batch = a.ndim === 3 ? batchA : batchB;
  const shape = a.ndim === 3 || b.ndim === 3 ? [batch, m, n] : [m, n];
  const out = allocate(promote(a.dtype, b.dtype), batch * m * n);
  const strideA = a.ndim === 3 ? m * k : 0;
  const strideB = b.ndim === 3 ? k * n : 0;
  kernels.batchedGemm(transA, transB, batch, m, n, k, a.data, strideA, b.data, strideB, out);
  return record(def, [a, b], new Tensor(out, shape), { transA, transB });
}, def);

/** A·B for 2-D matrices or 3-D batches. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  return matmulT(a, b, false, false);
}
