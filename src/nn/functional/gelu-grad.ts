import { unaryOp } from "../../autograd/op.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { normalCdf } from "./erf.ts";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** φ(x), the standard normal density, with tensor ops (so that it is differentiable). */
function density(x: Tensor): Tensor {
  return x.mul(x).mul(-0.5).exp().mul(INV_SQRT_2PI);
}

/** gelu′(x) = Φ(x) + x·φ(x).  ∂x = g·φ(x)·(2 − x²) */
export const geluGrad = unaryOp({
  name: "geluGrad",
  formula: "Φ(x) + x·φ(x);  ∂x = g·φ(x)·(2 - x²)",
  f: (x) => normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
  backward: (g, x) => g.mul(density(x)).mul(x.mul(x).neg().add(2)),
  savesInputs: true,
});
