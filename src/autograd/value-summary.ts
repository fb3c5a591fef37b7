/** A tensor's values in brief, as listings show them. */
import type { Tensor } from "./tensor-base.ts";

/** Up to this many elements, a summary also lists every value. */
const SMALL = 6;

/** The values of a tensor in brief: extremes and mean always, every value when there are few. */
export interface ValueSummary {
  readonly size: number;
  /** NaN when the tensor is empty or holds a NaN. */
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Every value (row-major) for tensors of at most 6 elements, else null. */
  readonly values: readonly number[] | null;
}

export function summarize(t: Tensor): ValueSummary {
  const d = t.data;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let nan = false;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== v) nan = true;
    sum += v;
  }
  // NOTE: a NaN makes the extremes NaN too (as it does the mean), rather than being skipped by the comparisons.
  const undefinedExtremes = d.length === 0 || nan;
  return {
    size: d.length,
    min: undefinedExtremes ? NaN : min,
    max: undefinedExtremes ? NaN : max,
    mean: d.length === 0 ? NaN : sum / d.length,
    values: d.length <= SMALL ? Array.from(d) : null,
  };
}
