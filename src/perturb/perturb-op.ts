/**
 * The fused perturbation node: `L + n·L/c` in one op, where c = sg(L) (or a guard's floor).
 *   forward  L + n (exactly so when c = L, since L/L = 1);   backward  ∂L = g·(1 + n/c).
 * The factor is a plain number taken from the loss value at forward time, so at every order of differentiation it
 * is a constant, exactly as sg(L) makes it in the composed form. No saved tensors, one allocation (the output).
 */
import { allocate } from "../autograd/dtype.ts";
import { defineOp } from "../autograd/op.ts";
import { record, type OpDef } from "../autograd/tape.ts";
import { Tensor } from "../autograd/tensor.ts";

export interface PerturbAttrs {
  /** The noise draw. */
  readonly n: number;
  /** What L is divided by: the loss value itself, or the guard's clamped value. */
  readonly c: number;
  /** 1 + n/c, the scale of every gradient below this node. */
  readonly factor: number;
}

const def: OpDef<PerturbAttrs> = {
  name: "perturb",
  formula: "L + n·L/sg(L) (= L + n);  ∂L = g·(1 + n/sg(L)), the factor a constant at every order",
  savesInputs: false,
  backward: (g, _inputs, _out, attrs) => [g.mul(attrs.factor)],
};

const same = (x: number): number => x;

/** The fused node. `loss` holds one element; `c` is sg(L) or the guard's replacement (checked by the caller). */
export const perturbNode = defineOp((loss: Tensor, n: number, c: number): Tensor => {
  const out = allocate(loss.dtype, 1);
  // Round as the composed form does, op by op in the loss's dtype, so that both give the same value.
  const r = loss.dtype === "float32" ? Math.fround : same;
  const L = loss.data[0];
  out[0] = r(L + r(r(L / r(c)) * r(n)));
  return record(def, [loss], new Tensor(out, loss.shape), { n, c, factor: 1 + n / c });
}, def);
