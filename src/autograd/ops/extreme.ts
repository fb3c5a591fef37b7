/**
 * The max/min family: a reduction to the extreme over axes, whose gradient goes to the extremes, split equally
 * among ties. `max` and `min` are each defined in the file named after them.
 */
import { allocate } from "../dtype.ts";
import { kernels } from "../kernels/index.ts";
import { ShapeError } from "../errors.ts";
import { defineOp } from "../op.ts";
import { formatShape, type Axis } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";
import { maxBackward } from "./max-backward.ts";
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

/** The extreme of no elements is undefined (the kernel would read past the data), as in PyTorch. */
function checkNotEmpty(op: string, x: Tensor, attrs: ReduceAttrs, count: number, out: Tensor): void {
  if (count === 0 && out.size > 0) {
    throw new ShapeError(
      `${op}: cannot reduce shape ${formatShape(x.shape)} over axes [${attrs.axes.join(", ")}]: they hold no ` +
        `elements, and the ${op === "max" ? "maximum" : "minimum"} of nothing is undefined; reduce over non-empty axes`,
    );
  }
}

/** A max (sign 1) or min (sign −1) op named `name`, with its `formula`. */
export function extremeOp({ name, formula, sign }: { readonly name: "max" | "min"; readonly formula: string; readonly sign: 1 | -1 }) {
  const def: OpDef<ReduceAttrs> = {
    name,
    formula,
    savesInputs: true,
    savesOutput: true,
    backward: (g, [x], out, attrs) => [maxBackward(expand(g, x, attrs), x, tieMask(x, out, attrs))],
  };
  const op = (input: Tensor, axis?: Axis, keepdim = false): Tensor => {
    const { x, out, attrs, count } = reduceForward(name, input, axis, keepdim, (d, b, o) => kernels.extreme(d, b, o, sign));
    checkNotEmpty(name, x, attrs, count, out);
    return record(def, [x], out, attrs);
  };
  return defineOp(op, def);
}
