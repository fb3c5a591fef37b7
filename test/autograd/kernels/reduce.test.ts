import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logsumexp, softmax, sum } from "../../../src/autograd/kernels/reduce.ts";

/** The definitions, element by element over [outer, r, inner]: max by Math.max, each exp recomputed where used. */
function refSoftmax(x: ArrayLike<number>, outer: number, r: number, inner: number, log: boolean): number[] {
  const out = new Array<number>(outer * r * inner);
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) {
    const at = (j: number) => o * r * inner + j * inner + i;
    let m = -Infinity;
    for (let j = 0; j < r; j++) m = Math.max(m, x[at(j)]);
    let s = 0;
    for (let j = 0; j < r; j++) s += Math.exp(x[at(j)] - m);
    for (let j = 0; j < r; j++) out[at(j)] = log ? x[at(j)] - (m + Math.log(s)) : Math.exp(x[at(j)] - m) / s;
  }
  return out;
}

function refLogsumexp(x: ArrayLike<number>, outer: number, r: number, inner: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) {
    const at = (j: number) => o * r * inner + j * inner + i;
    let m = -Infinity;
    for (let j = 0; j < r; j++) m = Math.max(m, x[at(j)]);
    if (m === Infinity || m === -Infinity) {
      out.push(m);
      continue;
    }
    let s = 0;
    for (let j = 0; j < r; j++) s += Math.exp(x[at(j)] - m);
    out.push(m + Math.log(s));
  }
  return out;
}

const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 700, -700);
const valueArb = fc.oneof({ weight: 9, arbitrary: fc.double({ min: -30, max: 30, noNaN: true }) }, { weight: 1, arbitrary: special });
const layoutArb = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, 1, 2, 3))
  .chain(([outer, r, inner]) =>
    fc.tuple(fc.constant({ outer, r, inner }), fc.array(valueArb, { minLength: outer * r * inner, maxLength: outer * r * inner })),
  );

describe("reduce kernels", () => {
  it("property: softmax and log-softmax equal their definitions bit for bit, NaN and ±∞ included, float64 and float32", () => {
    fc.assert(
      fc.property(layoutArb, fc.boolean(), fc.boolean(), ([blocks, values], log, f32) => {
        const x = f32 ? Float32Array.from(values) : Float64Array.from(values);
        const out = f32 ? new Float32Array(x.length) : new Float64Array(x.length);
        softmax(x, blocks, out, log);
        const ref = refSoftmax(x, blocks.outer, blocks.r, blocks.inner, log).map((v) => (f32 ? Math.fround(v) : v));
        expect(Array.from(out)).toEqual(ref);
      }),
      { numRuns: 300 },
    );
  });

  it("property: logsumexp equals its definition bit for bit, NaN and ±∞ included", () => {
    fc.assert(
      fc.property(layoutArb, ([blocks, values]) => {
        const x = Float64Array.from(values);
        const out = new Float64Array(blocks.outer * blocks.inner);
        logsumexp(x, blocks, out);
        expect(Array.from(out)).toEqual(refLogsumexp(x, blocks.outer, blocks.r, blocks.inner));
      }),
      { numRuns: 300 },
    );
  });

  it("property: softmax's lse output equals logsumexp bit for bit (its same max and sum), NaN and ±∞ included", () => {
    fc.assert(
      fc.property(layoutArb, fc.boolean(), fc.boolean(), ([blocks, values], log, f32) => {
        const x = f32 ? Float32Array.from(values) : Float64Array.from(values);
        const lse = new Float64Array(blocks.outer * blocks.inner);
        softmax(x, blocks, new Float64Array(x.length), log, lse);
        const ref = new Float64Array(lse.length);
        logsumexp(x, blocks, ref);
        expect(Array.from(lse)).toEqual(Array.from(ref));
      }),
      { numRuns: 300 },
    );
  });

  it("a softmax row of [0, ln 2, ln 3] is [1, 2, 3]/6, and logsumexp of it is ln 6", () => {
    const x = Float64Array.from([0, Math.log(2), Math.log(3)]);
    const out = new Float64Array(3);
    softmax(x, { outer: 1, r: 3, inner: 1 }, out, false);
    // exp and the division each round once, relative to the value: a few float64 ulps.
    [1 / 6, 2 / 6, 3 / 6].forEach((v, j) => expect(Math.abs(out[j] - v)).toBeLessThan(4 * 2 ** -53));
    const l = new Float64Array(1);
    logsumexp(x, { outer: 1, r: 3, inner: 1 }, l);
    expect(Math.abs(l[0] - Math.log(6))).toBeLessThan(8 * 2 ** -53 * Math.log(6));
  });

  it("sum over the middle axis of [2, 3, 2] adds the rows of each block", () => {
    const x = Float64Array.from({ length: 12 }, (_, i) => i);
    const out = new Float64Array(4);
    sum(x, { outer: 2, r: 3, inner: 2 }, out);
    expect(Array.from(out)).toEqual([0 + 2 + 4, 1 + 3 + 5, 6 + 8 + 10, 7 + 9 + 11]);
  });
});
