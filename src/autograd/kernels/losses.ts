/**
 * The elementwise and per-row parts of the fused losses. Each returns the sum of its losses (accumulated in a
 * double, unrounded) and, when given an `out`, writes each loss there instead (then it returns 0): the op keeps
 * the reduction ("none", "sum" or "mean") and the checks. The softmax and log Σ exp of cross-entropy are
 * `reduce.ts`'s, not a copy.
 */
import type { Storage } from "../dtype.ts";
import { BINARY_OPS } from "./elementwise-f32-wasm.ts";
import { binaryF32 } from "./elementwise-f32.ts";

const SUB = BINARY_OPS.indexOf("sub"), MUL = BINARY_OPS.indexOf("mul");

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

/**
 * out [rows, classes] = (p − q)·scale: cross-entropy's gradient from the forward's softmax p, with q = (1 − s)·
 * onehot(labels) + s/C held in out's type as smoothedTarget stores it, and `scale` one value (g, or g/n for a
 * mean) or, `perRow`, one per row. Each difference is stored (rounded to out's type) before it is scaled: the
 * roundings of p.sub(q).mul(scale) as tensors, without their two intermediate tensors.
 */
export function crossEntropyGrad(
  p: Storage, labels: Int32Array, classes: number, smoothing: number, scale: Storage, perRow: boolean, out: Storage,
): void {
  const q = out instanceof Float32Array ? new Float32Array(2) : new Float64Array(2);
  q[0] = smoothing / classes;
  q[1] = q[0] + (1 - smoothing);
  const simd = !perRow && binaryF32(SUB, p, 0, 1, q, 0, 0, out, 0, out.length) && binaryF32(MUL, out, 0, 1, scale, 0, 0, out, 0, out.length);
  for (let i = 0, row = 0; i < labels.length; i++, row += classes) {
    const sc = scale[perRow ? i : 0];
    if (!simd) {
      for (let j = 0; j < classes; j++) {
        out[row + j] = p[row + j] - q[0];
        out[row + j] = out[row + j] * sc;
      }
    }
    const at = row + labels[i];
    out[at] = p[at] - q[1];
    out[at] = out[at] * sc;
  }
}
