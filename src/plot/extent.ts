/**
 * The least and greatest of many numbers. `Math.min(...xs)` passes every element as an argument, which overflows
 * the call stack for arrays of about 100k elements; these loop instead. NaN is skipped, as a plot skips it.
 */

/** The least value of `xs` (Infinity when it is empty). */
export function minOf(xs: Iterable<number>): number {
  let lo = Infinity;
  for (const x of xs) if (x < lo) lo = x;
  return lo;
}

/** The greatest value of `xs` (-Infinity when it is empty). */
export function maxOf(xs: Iterable<number>): number {
  let hi = -Infinity;
  for (const x of xs) if (x > hi) hi = x;
  return hi;
}
