/**
 * The derivative of a piecewise-linear op (relu, abs, clamp, max/min) as an op of its own: g·m, where the
 * mask m is computed from x and is constant on each piece. Keeping it on the tape, with x as an input whose own
 * gradient is zero, makes second-order gradients reach x as zeros rather than null, as PyTorch's
 * threshold_backward does.  gate(g, x) = g·m(x).  ∂g = gg·m(x), ∂x = 0
 */
import { allocate } from "../dtype.ts";
import { zerosLike } from "../creation.ts";
import { defineOp } from "../op.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor.ts";

interface GateAttrs {
  /** The mask, same shape as x. */
  readonly mask: Tensor;
}

function gateOp(name: string) {
  const def: OpDef<GateAttrs> = {
    name,
    formula: "g * m(x);  ∂g = gg * m(x), ∂x = 0",
    savesInputs: false,
    backward: (gg, [, x], _out, { mask }) => [apply(gg, x, mask), x.requiresGrad ? zerosLike(x) : null],
  };
  const apply = (g: Tensor, x: Tensor, mask: Tensor): Tensor => {
    const out = allocate(g.dtype, g.size);
    const gd = g.data;
    const md = mask.data;
    for (let i = 0; i < out.length; i++) out[i] = md[i] === 0 ? 0 : gd[i] * md[i];
    return record(def, [g, x], new Tensor(out, g.shape), { mask });
  };
  /** g·m(x) with the mask given elementwise by `m`, or as a tensor of x's shape. */
  const gate = (g: Tensor, x: Tensor, m: ((v: number) => number) | Tensor): Tensor => {
    if (m instanceof Tensor) return apply(g, x, m);
    const mask = allocate(x.dtype, x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = m(x.data[i]);
    return apply(g, x, new Tensor(mask, x.shape));
  };
  return defineOp(gate, def);
}

export const reluBackward = gateOp("reluBackward");
export const absBackward = gateOp("absBackward");
export const clampBackward = gateOp("clampBackward");
export const extremeBackward = gateOp("maxBackward");
