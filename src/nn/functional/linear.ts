import { allocate, promote } from "../../autograd/dtype.ts";
import { ArgumentError, ShapeError } from "../../autograd/errors.ts";
import { kernels } from "../../autograd/kernels/index.ts";
import { defineOp } from "../../autograd/op.ts";
import { matmulT } from "../../autograd/ops/matmul.ts";
import { formatShape } from "../../autograd/shape.ts";
import { record, type OpDef } from "../../autograd/tape.ts";
import { Tensor } from "../../autograd/tensor.ts";

/**
 * y = x·Wᵀ + b as one node (x [n, in], W [out, in], b [out]): the gemm reads W transposed in place and starts
 * from the bias rows, so no transpose is copied and no intermediate x·Wᵀ is kept.
 * ∂x = g·W, ∂W = gᵀ·x, ∂b = Σ_rows g (the first two are matmul with transpose flags, so every order works).
 */
const def: OpDef = {
  name: "linear",
  formula: "x @ Wᵀ + b;  ∂x = g @ W, ∂W = gᵀ @ x, ∂b = Σ_rows g",
  savesInputs: true,
  backward: (g, [x, w, b]) => {
    const gx = x.requiresGrad ? matmulT(g, w, false, false) : null;
    const gw = w.requiresGrad ? matmulT(g, x, true, false) : null;
    if (b === undefined) return [gx, gw];
    return [gx, gw, b.requiresGrad ? g.sum(0) : null];
  },
};

function linear2d(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const [n, k] = x.shape;
  const m = w.shape[0];
  const dtype = b === null ? promote(x.dtype, w.dtype) : promote(promote(x.dtype, w.dtype), b.dtype);
  const out = allocate(dtype, n * m);
  kernels.affine(n, m, k, x.data, w.data, b === null ? null : b.data, out);
  return record(def, b === null ? [x, w] : [x, w, b], new Tensor(out, [n, m]), undefined);
}

/**
 * The affine map of torch.nn.functional.linear: x [..., in] by weight [out, in], plus bias [out], giving
 * [..., out]. Leading dimensions of x are flattened into rows for the one gemm, and restored afterwards.
 */
export const linear = defineOp((input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor => {
  if (!(input instanceof Tensor)) throw new ArgumentError("linear: the input must be a Tensor");
  if (!(weight instanceof Tensor) || weight.ndim !== 2) {
    throw new ShapeError("linear: the weight must be a 2-D Tensor of shape [out, in]");
  }
  const [m, k] = weight.shape;
  if (input.ndim === 0 || input.shape[input.ndim - 1] !== k) {
    throw new ShapeError(
      `linear: the input has shape ${formatShape(input.shape)} but the weight ${formatShape(weight.shape)} ` +
        `expects ${k} features in the input's last dimension`,
    );
  }
  if (bias !== null && (!(bias instanceof Tensor) || bias.ndim !== 1 || bias.shape[0] !== m)) {
    throw new ShapeError(
      `linear: the bias must have shape [${m}] to match the weight ${formatShape(weight.shape)}, got ` +
        (bias instanceof Tensor ? formatShape(bias.shape) : typeof bias),
    );
  }
  if (input.ndim === 2) return linear2d(input, weight, bias);
  const lead = input.shape.slice(0, -1);
  return linear2d(input.reshape([-1, k]), weight, bias).reshape([...lead, m]);
}, def);
