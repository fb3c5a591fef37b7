import { ArgumentError } from "../../autograd/errors.ts";
import { unaryOp } from "../../autograd/op.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { normalCdf } from "./erf.ts";
import { geluGrad } from "./gelu-grad.ts";

/** x·Φ(x), the exact GELU (PyTorch's default).  ∂x = g·(Φ(x) + x·φ(x)) */
const geluExact = unaryOp({
  name: "gelu",
  formula: "x·Φ(x);  ∂x = g·(Φ(x) + x·φ(x))",
  f: (x) => x * normalCdf(x),
  backward: (g, x) => g.mul(geluGrad(x)),
  savesInputs: true,
});

export interface GeluOptions {
  /** "none" (exact, x·Φ(x)) or "tanh": ½x(1 + tanh(√(2/π)(x + 0.044715x³))), as torch's approximate. */
  approximate?: "none" | "tanh";
}

export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  const approximate = options.approximate ?? "none";
  if (approximate === "none") return geluExact(x);
  if (approximate !== "tanh") {
    throw new ArgumentError(`gelu: approximate must be "none" or "tanh", got ${JSON.stringify(approximate)}`);
  }
  const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
  return x.mul(inner.tanh().add(1)).mul(0.5);
}
