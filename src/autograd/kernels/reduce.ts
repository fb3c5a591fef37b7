/**
 * Reductions over the middle axis of an [outer, r, inner] layout: sum, max, min, logsumexp, and the softmax
 * family, which reduces and then maps back over the same axis. Loops run r-outer, inner-inner so that reads
 * are sequential.
 */
import type { Storage } from "../dtype.ts";
import type { Blocks } from "./layout.ts";

export function sum(x: Storage, { outer, r, inner }: Blocks, out: Storage): void {
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
    const ob = o * inner;
    if (inner === 1) {
      let s = 0;
      for (let j = 0; j < r; j++) s += x[base + j];
      out[ob] = s;
      continue;
    }
    for (let i = 0; i < inner; i++) out[ob + i] = 0;
    for (let j = 0; j < r; j++) {
      const row = base + j * inner;
      for (let i = 0; i < inner; i++) out[ob + i] += x[row + i];
    }
  }
}

/** max when sign = 1, min when sign = -1. NaN propagates. */
export function extreme(x: Storage, { outer, r, inner }: Blocks, out: Storage, sign: 1 | -1): void {
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
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

/** log Σ exp(x) along r, shifted by the maximum so that nothing overflows. */
export function logsumexp(x: Storage, { outer, r, inner }: Blocks, out: Storage): void {
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

/** softmax (or log-softmax) along r. */
export function softmax(x: Storage, { outer, r, inner }: Blocks, out: Storage, log: boolean): void {
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
    for (let i = 0; i < inner; i++) {
      let m = -Infinity;
      for (let j = 0; j < r; j++) m = Math.max(m, x[base + j * inner + i]);
      let s = 0;
      for (let j = 0; j < r; j++) s += Math.exp(x[base + j * inner + i] - m);
      if (log) {
        const lse = m + Math.log(s);
        for (let j = 0; j < r; j++) out[base + j * inner + i] = x[base + j * inner + i] - lse;
      } else {
        for (let j = 0; j < r; j++) out[base + j * inner + i] = Math.exp(x[base + j * inner + i] - m) / s;
      }
    }
  }
}
