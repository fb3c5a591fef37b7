import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as k from "../../../src/autograd/kernels/indexing.ts";

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
/** The multi-index of flat position `o` in `shape`, and back. */
const unflat = (shape: readonly number[], o: number): number[] => {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = o % shape[d];
    o = Math.floor(o / shape[d]);
  }
  return idx;
};
const flat = (shape: readonly number[], idx: readonly number[]): number => idx.reduce((p, i, d) => p * shape[d] + i, 0);
const iota = (n: number, from = 1) => Float64Array.from({ length: n }, (_, i) => from + i);

const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });
const sliceCase = shapeArb.chain((shape) =>
  fc.nat(shape.length - 1).chain((axis) =>
    fc.tuple(fc.constant(shape), fc.constant(axis), fc.nat(shape[axis] - 1), fc.integer({ min: 1, max: 3 })).map(
      ([s, a, start, step]) => ({ shape: s, axis: a, start, step, count: Math.ceil((s[a] - start) / step) }),
    ),
  ),
);

describe("indexing kernels, each against its definition by explicit multi-indices", () => {
  it("property: slice(x)[…k…] = x[…start + k·step…], and with add, out gets x added at exactly those positions", () => {
    fc.assert(
      fc.property(sliceCase, ({ shape, axis, start, step, count }) => {
        const x = iota(size(shape));
        const outShape = shape.map((d, i) => (i === axis ? count : d));
        const out = new Float64Array(size(outShape));
        k.slice(x, shape, { axis, start, step, count }, out, false);
        const source = (o: number) => {
          const idx = unflat(outShape, o);
          idx[axis] = start + idx[axis] * step;
          return flat(shape, idx);
        };
        expect(Array.from(out)).toEqual(Array.from(out, (_, o) => x[source(o)]));
        const back = new Float64Array(size(shape)).fill(0.5);
        k.slice(out, shape, { axis, start, step, count }, back, true);
        const expected = Array.from(back, () => 0.5);
        for (let o = 0; o < out.length; o++) expected[source(o)] += out[o];
        expect(Array.from(back)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("property: concat of parts along an axis puts part p's row o at [o, offset_p …]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(fc.nat(5), { minLength: 1, maxLength: 4 }), (outer, rows) => {
        const parts = rows.map((r, p) => iota(outer * r, 100 * p));
        const total = rows.reduce((a, b) => a + b, 0);
        const out = new Float32Array(outer * total);
        k.concat(parts, rows, outer, out);
        const expected: number[] = [];
        for (let o = 0; o < outer; o++) parts.forEach((x, p) => expected.push(...x.subarray(o * rows[p], (o + 1) * rows[p])));
        expect(Array.from(out)).toEqual(expected);
      }),
    );
  });

  const gatherCase = shapeArb.chain((shape) =>
    fc.nat(shape.length - 1).chain((axis) => {
      const ishape = fc.tuple(...shape.map((d, i) => fc.integer({ min: i === axis ? 0 : 1, max: i === axis ? 4 : d })));
      return ishape.chain((is) =>
        fc.tuple(fc.constant({ shape, axis, is }), fc.array(fc.nat(shape[axis] - 1), { minLength: size(is), maxLength: size(is) })),
      );
    }),
  );

  it("property: gather(x)[i] = x[i with index[i] along the axis], and scatterAdd(g) adds g[i] there (its adjoint)", () => {
    fc.assert(
      fc.property(gatherCase, ([{ shape, axis, is }, values]) => {
        const x = iota(size(shape));
        const index = Float64Array.from(values);
        const out = new Float64Array(index.length);
        k.gather(x, shape, axis, index, is, out);
        const target = (i: number) => {
          const idx = unflat(is, i);
          idx[axis] = index[i];
          return flat(shape, idx);
        };
        expect(Array.from(out)).toEqual(Array.from(out, (_, i) => x[target(i)]));
        const g = iota(index.length, 7);
        const scattered = new Float64Array(size(shape));
        k.scatterAdd(g, shape, axis, index, is, scattered);
        const expected = new Array<number>(size(shape)).fill(0);
        for (let i = 0; i < g.length; i++) expected[target(i)] += g[i];
        expect(Array.from(scattered)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("property: copyIntegers copies while whole numbers and returns the first that is not (−1 if none); firstOutOfRange likewise", () => {
    const entry = fc.oneof(fc.integer({ min: -3, max: 8 }), fc.double({ noNaN: false }), fc.constant("2" as unknown));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 10 }), fc.integer({ min: 0, max: 6 }), (values, n) => {
        const out = new Float64Array(values.length);
        const bad = k.copyIntegers(values, out);
        expect(bad).toBe(values.findIndex((v) => typeof v !== "number" || !Number.isInteger(v)));
        const whole = bad === -1 ? values.length : bad;
        expect(Array.from(out.subarray(0, whole))).toEqual(values.slice(0, whole));
        const ints = values.filter((v): v is number => typeof v === "number" && Number.isInteger(v));
        expect(k.firstOutOfRange(ints, n)).toBe(ints.findIndex((v) => v < 0 || v >= n));
      }),
    );
  });
});
