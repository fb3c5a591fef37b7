import { allocate } from "../dtype.ts";
import { ArgumentError } from "../errors.ts";
import { kernels } from "../kernels/index.ts";
import { asTensor, defineOp, describe } from "../op.ts";
import { formatShape } from "../shape.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";
import { clampBackward } from "./clamp-backward.ts";

interface ClampAttrs {
  readonly min: number;
  readonly max: number;
}

/** min(max(x, lo), hi).  ∂x = g·[lo ≤ x ≤ hi]  (NOTE: bounds inclusive, as PyTorch) */
const def: OpDef<ClampAttrs> = {
  name: "clamp",
  formula: "min(max(x, lo), hi);  ∂x = g * [lo <= x <= hi]",
  savesInputs: true,
  backward: (g, [x], _out, { min, max }) => [clampBackward(g, x, (v) => (v >= min && v <= max ? 1 : 0))],
};

export const clamp = defineOp((input: Tensor, min: number | null, max: number | null = null): Tensor => {
  const x = asTensor("clamp", input);
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  if ((min ?? null) === null && (max ?? null) === null) {
    throw new ArgumentError(
      `clamp: give a numeric min, max or both (got ${min} and ${max}) for shape ${formatShape(x.shape)}`,
    );
  }
  if (typeof lo !== "number" || typeof hi !== "number" || Number.isNaN(lo) || Number.isNaN(hi)) {
    throw new ArgumentError(`clamp: min and max must be numbers or null, got ${describe(min)} and ${describe(max)}`);
  }
  if (lo > hi) throw new ArgumentError(`clamp: min ${lo} is greater than max ${hi}`);
  const out = allocate(x.dtype, x.size);
  kernels.clamp(x.data, lo, hi, out);
  return record(def, [x], new Tensor(out, x.shape), { min: lo, max: hi });
}, def);
