/** Shared by the reductions: the axes they reduce, and the way a reduced gradient is spread back. */
import { allocate } from "../dtype.ts";
import { kernels, type Blocks } from "../kernels/index.ts";
import { reductionLayout } from "../kernels/layout.ts";
import { asTensor } from "../op.ts";
import { normalizeAxes, reducedShape, type Axis } from "../shape.ts";
import { Tensor } from "../tensor-base.ts";
import type { Storage } from "../dtype.ts";

export interface ReduceAttrs {
  /** Sorted, non-negative. */
  readonly axes: readonly number[];
  readonly keepdim: boolean;
}

/** Checks the input and axis, runs `kernel` over the [outer, r, inner] view, returns the raw output. */
export function reduceForward(
  op: string,
  input: Tensor,
  axis: Axis,
  keepdim: boolean,
  kernel: (x: Storage, blocks: Blocks, out: Storage) => void,
): { x: Tensor; out: Tensor; attrs: ReduceAttrs; count: number } {
  const x = asTensor(op, input);
  const axes = normalizeAxes(op, axis, x.ndim);
  const shape = reducedShape(x.shape, axes, keepdim);
  const { perm, blocks } = reductionLayout(x.shape, axes);
  let data = x.data;
  if (perm !== null) {
    data = allocate(x.dtype, x.size);
    kernels.permute(x.data, x.shape, perm, data);
  }
  const out = allocate(x.dtype, blocks.outer * blocks.inner);
  kernel(data, blocks, out);
  return { x, out: new Tensor(out, shape), attrs: { axes, keepdim }, count: blocks.r };
}

/** A reduced tensor (`g`, or the output) reshaped with its reduced axes kept as 1 and broadcast to `x`'s shape. */
export function expand(g: Tensor, x: Tensor, { axes, keepdim }: ReduceAttrs): Tensor {
  const kept = keepdim ? g : g.reshape(reducedShape(x.shape, axes, true));
  return kept.broadcastTo(x.shape);
}

/** The number of elements reduced into each output element. */
export function countOf(x: Tensor, axes: readonly number[]): number {
  let n = 1;
  for (const a of axes) n *= x.shape[a];
  return n;
}
