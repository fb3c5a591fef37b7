/**
 * The family of the derivatives of piecewise-linear ops (relu, abs, clamp, max/min), each an op of its own in a file
 * named after it: g·m, where the mask m is computed from x and is constant on each piece.  gate(g, x) = g·m(x).
 * ∂g = gg·m(x), ∂x = 0 or none
 *
 * NOTE: second order follows PyTorch 1.13. relu's threshold_backward and abs's g·sgn(x) keep x on the graph with a
 * zero derivative, so their gates record x as an input whose gradient is zeros. clamp's and max/min's derivatives
 * are a mask selection that does not depend differentiably on x, so their gates record g alone: at second order an
 * input reached only that way gets null.
 */
import { allocate } from "../dtype.ts";
import { defineOp, zerosOf } from "../op.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

interface GateAttrs {
  /** The mask, same shape as x. */
  readonly mask: Tensor;
}

/** Whether the gate keeps x on the graph (zeros at second order) or records g alone (null there). */
export type XEdge = "zero" | "none";

/** A gate op named `name` (each defined in the file named after it, with its `formula`). */
export function gateOp({ name, formula, xEdge }: { readonly name: string; readonly formula: string; readonly xEdge: XEdge }) {
  const def: OpDef<GateAttrs> =
    xEdge === "zero"
      ? {
        name,
        formula,
        savesInputs: false,
        backward: (gg, [, x], _out, { mask }) => [apply(gg, x, mask), x.requiresGrad ? zerosOf(x) : null],
      }
      : {
        name,
        formula,
        savesInputs: false,
        backward: (gg, [g], _out, { mask }) => [apply(gg, g, mask)],
      };
  const apply = (g: Tensor, x: Tensor, mask: Tensor): Tensor => {
    const out = allocate(g.dtype, g.size);
    const gd = g.data;
    const md = mask.data;
    for (let i = 0; i < out.length; i++) out[i] = md[i] === 0 ? 0 : gd[i] * md[i];
    return record(def, xEdge === "zero" ? [g, x] : [g], new Tensor(out, g.shape), { mask });
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
