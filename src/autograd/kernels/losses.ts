/**
 * The elementwise and per-row parts of the fused losses. Each returns the sum of its losses (accumulated in a
 * double, unrounded) and, when given an `out`, writes each loss there instead (then it returns 0): the op keeps
 * the reduction ("none", "sum" or "mean") and the checks. The softmax and log Σ exp of cross-entropy are
 * `reduce.ts`'s, not a copy.
 */
import type { Storage } from "../dtype.ts";

/** (a[i] − b[i])² for each i. */
export function squaredError(a: Storage, b: Storage, out: Storage | null): number {
  const n = a.length;
  if (out !== null) {
    for (let i = 0; i < n; i++) {
      const e = a[i] - b[i];
      out[i] = e * e;
    }
    return 0;
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = a[i] - b[i];
    s += e * e;
  }
  return s;
}

/**
 * −[y·log σ(x) + (1 − y)·log(1 − σ(x))] for logits x = a[i] and targets y = b[i], as the stable
 * max(x, 0) − x·y + log1p(e^−|x|).
 */
export function bceWithLogits(a: Storage, b: Storage, out: Storage | null): number {
  const n = a.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    const l = (v > 0 ? v : 0) - v * b[i] + Math.log1p(Math.exp(-Math.abs(v)));
    if (out !== null) out[i] = l;
    else s += l;
  }
  return s;
}

/**
 * Row i of x ([rows, classes], `lse[i]` its log Σ exp) against label yᵢ with label smoothing s:
 * lse[i] − (1 − s)·x[i, yᵢ] − (s/C)·Σⱼ x[i, j]  (s = 0: lse[i] − x[i, yᵢ]).
 */
export function crossEntropy(
  x: Storage, lse: Storage, labels: Int32Array, classes: number, smoothing: number, out: Storage | null,
): number {
  const rows = labels.length;
  let total = 0;
  for (let i = 0, row = 0; i < rows; i++, row += classes) {
    let li: number;
    if (smoothing === 0) li = lse[i] - x[row + labels[i]];
    else {
      let xs = 0;
      for (let j = 0; j < classes; j++) xs += x[row + j];
      li = lse[i] - (1 - smoothing) * x[row + labels[i]] - (smoothing * xs) / classes;
    }
    if (out !== null) out[i] = li;
    else total += li;
  }
  return total;
}

/** out ([rows, classes]) = (1 − s)·onehot(labels) + s/C, the smoothed target distribution. */
export function smoothedTarget(labels: Int32Array, classes: number, smoothing: number, out: Storage): void {
  out.fill(smoothing / classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] += 1 - smoothing;
}
