import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binary, broadcastCopy, Code, unary, type BinaryFn } from "../../../src/autograd/kernels/elementwise.ts";

/** out[idx] = f(a[idx mod aShape], b[idx mod bShape]) by explicit NumPy index arithmetic, one element at a time. */
function reference(f: BinaryFn, a: Float64Array, as: number[], b: Float64Array, bs: number[], out: number[]): number[] {
  const n = out.reduce((x, y) => x * y, 1);
  const res: number[] = [];
  const offset = (s: number[], idx: number[]) => {
    let o = 0;
    const lead = idx.length - s.length;
    for (let d = 0; d < s.length; d++) o = o * s[d] + (s[d] === 1 ? 0 : idx[lead + d]);
    return o;
  };
  for (let flat = 0; flat < n; flat++) {
    const idx: number[] = [];
    let rest = flat;
    for (let d = out.length - 1; d >= 0; d--) {
      idx[d] = rest % out[d];
      rest = Math.floor(rest / out[d]);
    }
    res.push(f(a[offset(as, idx)], b[offset(bs, idx)]));
  }
  return res;
}

/** A shape and a second one broadcast against it: each dimension kept or set to 1, some leading ones dropped. */
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });
const reduceArb = (s: number[]) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }), fc.nat(s.length - 1))
    .map(([ones, drop]) => s.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
const pairArb = shapeArb.chain((s) => fc.tuple(fc.oneof(fc.constant(s), reduceArb(s)), fc.oneof(fc.constant(s), reduceArb(s))));

/** NumPy's broadcast shape of two shapes that broadcast. */
function broadcastShape(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => Math.max(a[i - n + a.length] ?? 1, b[i - n + b.length] ?? 1));
}

const values = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(seed + 1.7 * i) * 3);
const size = (s: number[]) => s.reduce((x, y) => x * y, 1);

const CODES: [Code, BinaryFn][] = [
  [Code.add, (x, y) => x + y],
  [Code.sub, (x, y) => x - y],
  [Code.mul, (x, y) => x * y],
  [Code.div, (x, y) => x / y],
  [Code.generic, (x, y) => Math.max(x, y)],
];

describe("elementwise kernels", () => {
  it("property: binary(a, b) equals NumPy broadcasting computed index by index, for every layout of either operand", () => {
    fc.assert(
      fc.property(pairArb, fc.nat(4), ([as, bs], which) => {
        const [code, f] = CODES[which];
        const out = broadcastShape(as, bs);
        const a = values(size(as), 1);
        const b = values(size(bs), 2);
        const res = new Float64Array(size(out));
        binary(code, f, a, as, b, bs, res, out);
        // One IEEE operation per element on the same operands: the results are identical.
        expect(Array.from(res)).toEqual(reference(f, a, as, b, bs, out));
      }),
      { numRuns: 400 },
    );
  });

  it("a [rows, 1] column and a [rows, 1, 1] block broadcast along the trailing dimensions", () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const out = new Float64Array(6);
    binary(Code.mul, (x, y) => x * y, a, [2, 3], Float64Array.from([10, 100]), [2, 1], out, [2, 3]);
    expect(Array.from(out)).toEqual([1 * 10, 2 * 10, 3 * 10, 4 * 100, 5 * 100, 6 * 100]);
    binary(Code.sub, (x, y) => x - y, Float64Array.from([10, 100]), [2, 1, 1], a, [2, 1, 3], out, [2, 1, 3]);
    expect(Array.from(out)).toEqual([10 - 1, 10 - 2, 10 - 3, 100 - 4, 100 - 5, 100 - 6]);
  });

  it("unary applies each op's own function, in float32 and float64, whatever ops ran before", () => {
    const fns = [(x: number) => (x > 0 ? x : 0), Math.tanh, Math.exp, (x: number) => -x, (x: number) => 2 * x + 1];
    const x = values(37, 3);
    for (let round = 0; round < 3; round++) {
      for (const f of fns) {
        const out64 = new Float64Array(x.length);
        unary(f, x, out64);
        expect(Array.from(out64)).toEqual(Array.from(x, f));
        const x32 = Float32Array.from(x);
        const out32 = new Float32Array(x.length);
        unary(f, x32, out32);
        expect(Array.from(out32)).toEqual(Array.from(x32, (v) => Math.fround(f(v))));
      }
    }
  });

  it("broadcastCopy repeats a leading column and a trailing row", () => {
    const out = new Float64Array(6);
    broadcastCopy(Float64Array.from([7, 8]), [2, 1], out, [2, 3]);
    expect(Array.from(out)).toEqual([7, 7, 7, 8, 8, 8]);
    broadcastCopy(Float64Array.from([1, 2, 3]), [3], out, [2, 3]);
    expect(Array.from(out)).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
