/** Elementwise comparison with the corpus rule |a − e| ≤ atol + rtol·|e|, reporting the worst element. */
import { decode, type JsonNumber } from "./corpus.ts";

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** What is compared: a Tensor, or plain values with a shape. */
export interface Values {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
  readonly dtype?: string;
}

export interface Expectation {
  readonly shape: readonly number[];
  readonly data: readonly JsonNumber[];
}

/** null when `actual` matches; otherwise a message naming the shapes or the worst element. */
export function mismatch(actual: Values, expected: Expectation, tol: Tolerance): string | null {
  if (actual.shape.join() !== expected.shape.join()) {
    return `shape [${actual.shape.join(", ")}], expected [${expected.shape.join(", ")}]`;
  }
  if (actual.dtype !== undefined && actual.dtype !== "float64") return `dtype ${actual.dtype}, expected float64`;
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const e = decode(expected.data[i]);
    const a = actual.data[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    const excess = Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
    // NaN excess (a NaN where a number is expected, or infinities) counts as a failure too.
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst < 0) return null;
  const e = decode(expected.data[worst]);
  return `element ${worst} is ${actual.data[worst]}, expected ${e} (|diff| ${Math.abs(actual.data[worst] - e)})`;
}
