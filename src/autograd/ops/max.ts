import { allocate } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { ShapeError } from "../errors.ts";
import { defineOp } from "../op.ts";
import { formatShape, type Axis } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";
import { extremeBackward } from "./gate.ts";
import { expand, reduceForward, type ReduceAttrs } from "./reduction.ts";

/**
 * The tie-splitting mask of max/min: [x = out] / (number of ties in the slice).
 * NOTE: ties share the gradient equally, as torch.amax does.
 */
function tieMask(x: Tensor, out: Tensor, attrs: ReduceAttrs): Tensor {
  const outB = expand(out.detach(), x, attrs).data;
  const hit = allocate(x.dtype, x.size);
  kernels.equalMask(x.data, outB, hit);
  const counts = expand(new Tensor(hit, x.shape).sum(attrs.axes, true), x, { ...attrs, keepdim: true }).data;
  kernels.divideNonzero(hit, counts, hit);
  return new Tensor(hit, x.shape);
}

function extremeDef(name: string): OpDef<ReduceAttrs> {
  return {
    name,
    formula: `${name}_axes x;  ∂x = broadcast(g) * [x = out] / ties`,
    savesInputs: true,
    savesOutput: true,
    backward: (g, [x], out, attrs) => [extremeBackward(expand(g, x, attrs), x, tieMask(x, out, attrs))],
  };
}

const maxDef = extremeDef("max");
const minDef = extremeDef("min");

/** The extreme of no elements is undefined (the kernel would read past the data), as in PyTorch. */
function checkNotEmpty(op: string, x: Tensor, attrs: ReduceAttrs, count: number, out: Tensor): void {
  if (count === 0 && out.size > 0) {
    throw new ShapeError(
      `${op}: cannot reduce shape ${formatShape(x.shape)} over axes [${attrs.axes.join(", ")}]: they hold no ` +
        `elements, and the ${op === "max" ? "maximum" : "minimum"} of nothing is undefined; reduce over non-empty axes`,
    );
  }
}

/** max over axes (values only).  ∂x = g at the maxima, split equally among ties */
export const max = defineOp((input: Tensor, axis?: Axis, keepdim = false): Tensor => {
  const { x, out, attrs, count } = reduceForward("max", input, axis, keepdim, (d, b, o) => kernels.extreme(d, b, o, 1));
  checkNotEmpty("max", x, attrs, count, out);
  return record(maxDef, [x], out, attrs);
}, maxDef);

/** min over axes (values only).  ∂x = g at the minima, split equally among ties */
export const min = defineOp((input: Tensor, axis?: Axis, keepdim = false): Tensor => {
  const { x, out, attrs, count } = reduceForward("min", input, axis, keepdim, (d, b, o) => kernels.extreme(d, b, o, -1));
  checkNotEmpty("min", x, attrs, count, out);
  return record(minDef, [x], out, attrs);
}, minDef);
