/**
 * Reductions over the middle axis of an [outer, r, inner] layout: sum, max, min, logsumexp, and the softmax
 * family, which reduces and then maps back over the same axis. Loops run r-outer, inner-inner so that reads
 * are sequential. Float32 sums, maxima and minima over all but the last axis run reduce-f32-wasm.ts's column folds
 * (the loops' bits), and float32 rows along the last axis take softmax-f32.ts's SIMD passes (sum, max, min, softmax;
 * error bounds of the sum and softmax are stated in its test), from SIMD_MIN elements up.
 */
import type { Storage } from "../dtype.ts";
import type { Blocks } from "./layout.ts";
import { columnFoldF32 } from "./elementwise-f32.ts";
import { rowFoldF32, softmaxRowsF32 } from "./softmax-f32.ts";

export function sum(x: Storage, { outer, r, inner }: Blocks, out: Storage): void {
  if (inner === 1 && rowFoldF32(x, r, out, "row_sum")) return;
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
    const ob = o * inner;
    if (inner === 1) {
      let s = 0;
      for (let j = 0; j < r; j++) s += x[base + j];
      out[ob] = s;
      continue;
    }
    if (columnFoldF32("colsum", x, base, r, inner, out, ob)) continue;
    for (let i = 0; i < inner; i++) out[ob + i] = 0;
    for (let j = 0; j < r; j++) {
      const row = base + j * inner;
      for (let i = 0; i < inner; i++) out[ob + i] += x[row + i];
    }
  }
}

/** max when sign = 1, min when sign = -1. NaN propagates. */
export function extreme(x: Storage, { outer, r, inner }: Blocks, out: Storage, sign: 1 | -1): void {
  const rows = inner === 1 && rowFoldF32(x, r, out, sign === 1 ? "row_max" : "row_min");
  for (let o = 0; o < outer; o++) {
    // NOTE: a zero's sign depends on the order of ties (the first of +0 and −0 wins), so the loop redoes those rows.
    if (rows && out[o] !== 0) continue;
    const base = o * r * inner;
    if (inner > 1 && columnFoldF32(sign === 1 ? "colmax" : "colmin", x, base, r, inner, out, o * inner)) continue;
    for (let i = 0; i < inner; i++) {
      let m = x[base + i];
      for (let j = 1; j < r; j++) {
        const v = x[base + j * inner + i];
        if (sign * v > sign * m || v !== v) m = v;
      }
      out[o * inner + i] = m;
    }
  }
}

/** The maximum of x[base], …, x[base + r − 1], NaN if any is NaN (as Math.max). */
function rowMax(x: Storage, base: number, r: number): number {
  let m = -Infinity;
  for (let j = 0; j < r; j++) {
    const v = x[base + j];
    if (v > m || v !== v) m = v;
    if (m !== m) return m;
  }
  return m;
}

let expBuf = new Float64Array(0);

/** A double scratch row, reused, for exp(x − max) of one softmax row. */
function expRow(r: number): Float64Array {
  if (expBuf.length < r) expBuf = new Float64Array(r);
  return expBuf;
}

/** log Σ exp(x) along r, shifted by the maximum so that nothing overflows. */
export function logsumexp(x: Storage, { outer, r, inner }: Blocks, out: Storage): void {
  if (inner === 1) {
    if (softmaxRowsF32(x, r, null, false, out)) return;
    // Contiguous rows: the same operations in the same order as the general loop, without its strided indexing.
    for (let o = 0, base = 0; o < outer; o++, base += r) {
      const m = rowMax(x, base, r);
      if (m === -Infinity || m === Infinity) {
        out[o] = m;
        continue;
      }
      let s = 0;
      for (let j = 0; j < r; j++) s += Math.exp(x[base + j] - m);
      out[o] = m + Math.log(s);
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
    for (let i = 0; i < inner; i++) {
      let m = -Infinity;
      for (let j = 0; j < r; j++) m = Math.max(m, x[base + j * inner + i]);
      if (m === -Infinity || m === Infinity) {
        out[o * inner + i] = m;
        continue;
      }
      let s = 0;
      for (let j = 0; j < r; j++) s += Math.exp(x[base + j * inner + i] - m);
      out[o * inner + i] = m + Math.log(s);
    }
  }
}

/**
 * softmax (or log-softmax) along r. Along the last axis (inner = 1) each exp(x − max) is computed once and kept in
 * a double row, giving the same values as recomputing it, so every output is still rounded once. `lse` (when given,
 * of length outer·inner) also gets each log Σ exp, the value `logsumexp` gives, from the same pass.
 */
export function softmax(x: Storage, { outer, r, inner }: Blocks, out: Storage, log: boolean, lse: Storage | null = null): void {
  if (inner === 1) {
    if (softmaxRowsF32(x, r, out, log, lse)) return;
    const e = expRow(r);
    for (let o = 0, base = 0; o < outer; o++, base += r) {
      const m = rowMax(x, base, r);
      let s = 0;
      for (let j = 0; j < r; j++) {
        const v = Math.exp(x[base + j] - m);
        e[j] = v;
        s += v;
      }
      if (lse !== null) lse[o] = m === -Infinity || m === Infinity ? m : m + Math.log(s);
      if (log) {
        const shift = m + Math.log(s);
        for (let j = 0; j < r; j++) out[base + j] = x[base + j] - shift;
      } else {
        for (let j = 0; j < r; j++) out[base + j] = e[j] / s;
      }
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
    for (let i = 0; i < inner; i++) {
      let m = -Infinity;
      for (let j = 0; j < r; j++) m = Math.max(m, x[base + j * inner + i]);
      let s = 0;
      for (let j = 0; j < r; j++) s += Math.exp(x[base + j * inner + i] - m);
      if (lse !== null) lse[o * inner + i] = m === -Infinity || m === Infinity ? m : m + Math.log(s);
      if (log) {
        const shift = m + Math.log(s);
        for (let j = 0; j < r; j++) out[base + j * inner + i] = x[base + j * inner + i] - shift;
      } else {
        for (let j = 0; j < r; j++) out[base + j * inner + i] = Math.exp(x[base + j * inner + i] - m) / s;
      }
    }
  }
}
