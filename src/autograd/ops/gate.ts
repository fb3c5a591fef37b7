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
import { kernels, type MaskKind } from "../kernels/index.ts";
import { defineOp, zerosOf } from "../op.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

export type { MaskKind };

interface GateAttrs {
  /** The mask: a tensor of x's shape, or a kind computed from x (an input then) whenever it is needed. */
  readonly mask: Tensor | MaskKind;
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
        // NOTE: relu and abs pass a mask kind, recomputed from x when this node's own gradient is taken: the rule
        // reads x, so x's version is checked like any saved input's.
        savesInputs: true,
        backward: (gg, [, x], _out, { mask }) => [apply(gg, x, mask), x.requiresGrad ? zerosOf(x) : null],
      }
      : {
        name,
        formula,
        savesInputs: false,
        backward: (gg, [g], _out, { mask }) => [apply(gg, g, mask)],
      };
  const apply = (g: Tensor, x: Tensor, mask: Tensor | MaskKind): Tensor => {
    const out = allocate(g.dtype, g.size);
    if (mask instanceof Tensor) kernels.maskMul(g.data, mask.data, out);
    else kernels.gate(mask, g.data, x.data, out);
    return record(def, xEdge === "zero" ? [g, x] : [g], new Tensor(out, g.shape), { mask });
  };
  /**
   * g·m(x) with the mask given as a kind (relu's [x > 0], abs's sign(x): one fused pass, no mask stored), as a
   * tensor of x's shape, or elementwise by `m`.
   */
  const gate = (g: Tensor, x: Tensor, m: MaskKind | ((v: number) => number) | Tensor): Tensor => {
    if (m instanceof Tensor || (typeof m === "string" && xEdge === "zero")) return apply(g, x, m);
    // Without an edge to x, the gate's own gradient cannot read x: the mask is stored.
    const mask = allocate(x.dtype, x.size);
    kernels.mask(m, x.data, mask);
    return apply(g, x, new Tensor(mask, x.shape));
  };
  return defineOp(gate, def);
}
