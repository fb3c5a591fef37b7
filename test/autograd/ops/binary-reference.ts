/**
 * A reference for elementwise binary ops written as plain loops over NumPy broadcast indices: the forward
 * value at each output position, and each operand's gradient as the sum of c·∂f over the positions it was
 * broadcast to. The per-op tests run it as a fast-check property over random broadcast shapes.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { grad } from "../../../src/autograd/grad.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import {
  broadcastIndex, broadcastPairArb, broadcastShapeRef, fromValues, numel, randLeaf, U64, valuesArb, type ValueOptions,
} from "./helpers.ts";

export interface BinaryRef {
  readonly op: (a: Tensor, b: Tensor) => Tensor;
  readonly f: (a: number, b: number) => number;
  readonly da: (a: number, b: number) => number;
  readonly db: (a: number, b: number) => number;
  readonly a?: ValueOptions;
  readonly b?: ValueOptions;
}

function within(actual: ArrayLike<number>, expected: readonly number[], tol: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol[i])) {
      expect.fail(`element ${i}: ${actual[i]} is not within ${tol[i]} of ${expected[i]}`);
    }
  }
}

/**
 * Forward: one IEEE operation per element, so engine and reference agree to 2 roundings of |y|.
 * Gradients: each term c·∂f carries at most 4 roundings, and a sum of m terms adds m more, each bounded by
 * u₆₄·Σ|terms|; the tolerance per element is (m + 4)·u₆₄·Σ|terms| for both the engine and the reference.
 */
export function binaryReferenceProperty(ref: BinaryRef, numRuns = 40): void {
  fc.assert(
    fc.property(
      broadcastPairArb().chain(([sa, sb]) =>
        fc.tuple(fc.constant(sa), fc.constant(sb), valuesArb(numel(sa), ref.a), valuesArb(numel(sb), ref.b)),
      ),
      ([sa, sb, va, vb]) => {
        const a = fromValues(va, sa);
        const b = fromValues(vb, sb);
        const y = ref.op(a, b);
        const shape = broadcastShapeRef(sa, sb);
        expect([...y.shape]).toEqual(shape);
        const ia = broadcastIndex(sa, shape);
        const ib = broadcastIndex(sb, shape);
        const want = ia.map((j, k) => ref.f(va[j], vb[ib[k]]));
        within(y.data, want, want.map((w) => 2 * U64 * Math.abs(w)));
        const c = randLeaf(shape, va.length + 31 * vb.length).detach();
        const [ga, gb] = grad(y, [a, b], { gradOutputs: c });
        const check = (g: Tensor | null, size: number, idx: number[], d: (x: number, z: number) => number) => {
          const sums = new Array<number>(size).fill(0);
          const mags = new Array<number>(size).fill(0);
          const counts = new Array<number>(size).fill(0);
          idx.forEach((j, k) => {
            const term = c.data[k] * d(va[ia[k]], vb[ib[k]]);
            sums[j] += term;
            mags[j] += Math.abs(term);
            counts[j]++;
          });
          expect(g).not.toBeNull();
          within((g as Tensor).data, sums, mags.map((m, j) => 2 * (counts[j] + 4) * U64 * m));
        };
        check(ga, va.length, ia, ref.da);
        check(gb, vb.length, ib, ref.db);
      },
    ),
    { numRuns },
  );
}
