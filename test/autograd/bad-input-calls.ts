/**
 * The calls of the bad-input property: every op's builder (bad-input-rules.ts, bad-input-layout.ts), the junk
 * that replaces arguments, and the arbitraries of leaves and call material.
 */
import fc from "fast-check";
import { tensor } from "../../src/autograd/creation.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import {
  gather, join, permute, reshape, select, slice, squeeze, toShape, transpose, unsqueeze,
} from "./bad-input-layout.ts";
import {
  binary, cast, clamp, matmul, numel, pow, reduce, runBackward, softmax, unary, where,
  type Build, type Call, type Material,
} from "./bad-input-rules.ts";

export { fmt, numel, type Call } from "./bad-input-rules.ts";

/** Arguments that are not what an op takes (though some are valid somewhere: [[1]] is an index). */
export const JUNK: readonly unknown[] = [
  "abc", undefined, null, NaN, Infinity, [1, 2], [[1]], {}, true, 1.5, -1, 2 ** 40,
];

export const CALLS = {
  add: binary, sub: binary, mul: binary, div: binary, gt: binary, ge: binary, lt: binary, le: binary, eq: binary,
  ne: binary, neg: unary, exp: unary, log: unary, sqrt: unary, abs: unary, tanh: unary, sigmoid: unary, relu: unary,
  detach: unary, sum: reduce, mean: reduce, max: reduce, min: reduce, logsumexp: reduce, pow, clamp, matmul, softmax,
  logSoftmax: softmax, reshape, transpose, permute, broadcastTo: toShape, sumTo: toShape, squeeze, unsqueeze,
  concat: join, stack: join, slice, select, gather, to: cast, where, backward: runBackward,
} satisfies Record<string, Build>;

export type OpKey = keyof typeof CALLS;

/** Builds one call from its raw material and the pool. */
export function makeCall(m: Material, pool: readonly Tensor[]): Call {
  const junkAt = (i: number) => m.junk[i] >= 0;
  return CALLS[m.op]({
    m,
    op: m.op,
    arg: (i) => (junkAt(i) ? JUNK[m.junk[i]] : pool[m.picks[i % m.picks.length] % pool.length]),
    or: (i, fallback) => (junkAt(i) ? JUNK[m.junk[i]] : fallback),
    ints: m.ints,
  });
}

/** Leaves of random small shapes (some with a zero dimension), dtypes, and requiresGrad. */
export const leafArb = fc
  .record({
    shape: fc.array(
      fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(0) }),
      { maxLength: 3 },
    ),
    dtype: fc.constantFrom("float64" as const, "float32" as const),
    requiresGrad: fc.boolean(),
  })
  .map(({ shape, dtype, requiresGrad }) => {
    const values = Array.from({ length: numel(shape) }, (_, k) => ((k * 7919) % 13) / 4 - 1.5);
    return tensor(values, { shape, dtype, requiresGrad });
  });

export const materialArb: fc.Arbitrary<Material> = fc.record({
  op: fc.constantFrom(...(Object.keys(CALLS) as OpKey[])),
  picks: fc.array(fc.nat({ max: 50 }), { minLength: 3, maxLength: 3 }),
  junk: fc.array(
    fc.oneof({ weight: 6, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat({ max: JUNK.length - 1 }) }),
    { minLength: 4, maxLength: 4 },
  ),
  ints: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 4, maxLength: 4 }),
  shape: fc.array(fc.integer({ min: -2, max: 4 }), { maxLength: 4 }),
  flag: fc.boolean(),
});
