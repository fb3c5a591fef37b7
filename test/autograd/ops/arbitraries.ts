/** fast-check arbitraries for the op tests: shapes, values kept away from kinks, broadcast pairs, axis arguments. */
import fc from "fast-check";
import { arbValue } from "../../../src/testing/index.ts";
import { numel } from "./index-reference.ts";

export const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

export function shapeArb(minRank = 0, maxRank = 3, maxDim = 4): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

export interface ValueOptions {
  readonly lo?: number;
  readonly hi?: number;
  /** Points to stay at least `gap` away from (kinks, bounds). */
  readonly avoid?: readonly number[];
  readonly gap?: number;
}

/**
 * `n` values uniform in [lo, hi] (tapegrad/testing's arbValue: a fine grid, not fc.double, whose draws in [−2, 2]
 * mostly lie below 1e-100), each kept at least `gap` away from every point in `avoid`.
 */
export function valuesArb(n: number, { lo = -2, hi = 2, avoid = [], gap = 1e-3 }: ValueOptions = {}): fc.Arbitrary<number[]> {
  return fc.array(arbValue({ min: lo, max: hi, avoid, margin: gap }), { minLength: n, maxLength: n });
}

/** A shape with values for it. */
export function caseArb(shape: fc.Arbitrary<number[]>, values: ValueOptions = {}): fc.Arbitrary<{ shape: number[]; values: number[] }> {
  return shape.chain((s) => valuesArb(numel(s), values).map((v) => ({ shape: s, values: v })));
}

/** Two shapes that broadcast together: the second drops some leading axes of the first and sets others to 1. */
export function broadcastPairArb(maxRank = 3, maxDim = 3): fc.Arbitrary<[number[], number[]]> {
  return shapeArb(0, maxRank, maxDim).chain((s) =>
    fc
      .tuple(fc.integer({ min: 0, max: s.length }), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }), fc.boolean())
      .map(([drop, ones, swap]) => {
        const t = s.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d));
        return (swap ? [t, s] : [s, t]) as [number[], number[]];
      }),
  );
}

/**
 * A shape with an axis argument for it: undefined (every axis), one axis, or a list, each axis randomly written
 * negative; `axes` is the same set, sorted and non-negative.
 */
export function axisCaseArb(
  shape: fc.Arbitrary<number[]>,
): fc.Arbitrary<{ shape: number[]; axis: number | number[] | undefined; axes: number[]; keepdim: boolean }> {
  return shape.chain((s) => {
    const all = s.map((_, i) => i);
    return fc
      .tuple(fc.oneof(fc.constant(undefined), fc.shuffledSubarray(all, { minLength: Math.min(1, all.length) })), fc.boolean(), fc.boolean(), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }))
      .map(([sub, asNumber, keepdim, negs]) => {
        const axes = sub === undefined ? all : [...sub].sort((a, b) => a - b);
        const written = sub?.map((a) => (negs[a] ? a - s.length : a));
        const axis = written === undefined ? undefined : asNumber && written.length === 1 ? written[0] : written;
        return { shape: s, axis, axes, keepdim };
      });
  });
}
