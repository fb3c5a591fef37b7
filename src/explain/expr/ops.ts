/**
 * The two ops the language needs beyond the engine's: `a ^ b` with an exponent that requires grad (the engine's
 * pow takes a number), and the identity that stands where a detach was in the "without detach" picture, so that
 * both pictures have the same nodes and the same layout.
 */
import { fromStorage } from "../../autograd/creation.ts";
import { customOp } from "../../autograd/custom-op.ts";
import type { Tensor } from "../../autograd/tensor.ts";

function map(ts: readonly Tensor[], f: (...v: number[]) => number): Tensor {
  const out = new Float64Array(ts[0].size);
  for (let i = 0; i < out.length; i++) out[i] = f(...ts.map((t) => t.data[i]));
  return fromStorage(out, ts[0].shape);
}

/** a^b for scalar tensors a, b.  ∂a = g·b·a^(b−1), ∂b = g·a^b·ln a */
export const powTensor = customOp({
  name: "pow",
  formula: "a ^ b;  ∂a = g * b * a^(b-1), ∂b = g * a^b * ln(a)",
  forward: ([a, b]) => map([a, b], Math.pow),
  backward: (g, [a, b], out) => [
    map([g, a, b], (gv, av, bv) => gv * bv * Math.pow(av, bv - 1)),
    map([g, out, a], (gv, ov, av) => gv * ov * Math.log(av)),
  ],
});

/** x, drawn where a detach was taken off.  ∂x = g */
export const removedDetach = customOp({
  name: "no-detach",
  formula: "x (a detach taken off);  ∂x = g",
  savesInputs: false,
  savesOutput: false,
  forward: ([x]) => map([x], (v) => v),
  backward: (g) => [g],
});
