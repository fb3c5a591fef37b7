import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { gateByKind, gateByMask, maskOf, relu, type MaskKind } from "../../../src/autograd/kernels/mask.ts";
import { setElementwiseF32 } from "../../../src/autograd/kernels/elementwise-f32-wasm.ts";

afterEach(() => setElementwiseF32(true));

const MASKS: Record<MaskKind, (v: number) => number> = { positive: (v) => (v > 0 ? 1 : 0), sign: (v) => (v > 0 ? 1 : v < 0 ? -1 : 0) };

/** Values with exact zeros of both signs, NaN and infinities among them. */
const valueArb = fc.oneof(fc.double({ min: -4, max: 4, noNaN: true }), fc.constantFrom(0, -0, NaN, Infinity, -Infinity));

describe("fused derivative gates", () => {
  it("property: gateByKind(kind, g, x) = g·m(x) exactly, and +0 where m(x) = 0 (an infinite g gives no NaN), float64 and float32", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(valueArb, valueArb), { minLength: 1, maxLength: 600 }), fc.constantFrom<MaskKind>("positive", "sign"), fc.boolean(), (pairs, kind, simd) => {
        setElementwiseF32(simd);
        for (const Arr of [Float64Array, Float32Array]) {
          const g = Arr.from(pairs.map((p) => p[0])), x = Arr.from(pairs.map((p) => p[1]));
          const out = new Arr(g.length), mask = new Arr(g.length), byMask = new Arr(g.length);
          gateByKind(kind, g, x, out);
          maskOf(kind, x, mask);
          gateByMask(g, mask, byMask);
          const m = Array.from(x, MASKS[kind]);
          const expected = Arr.from(m.map((mi, i) => (mi === 0 ? 0 : g[i] * mi)));
          expect(Array.from(mask)).toEqual(m);
          expect(Array.from(out)).toEqual(Array.from(expected));
          expect(Array.from(byMask)).toEqual(Array.from(expected));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("property: relu(x) = max(x, 0) exactly (NaN kept, −0 → +0), and the mask of a function is its values, float64 and float32", () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 600 }), fc.boolean(), (xs, simd) => {
        setElementwiseF32(simd);
        for (const Arr of [Float64Array, Float32Array]) {
          const x = Arr.from(xs), out = new Arr(x.length), m = new Arr(x.length);
          relu(x, out);
          maskOf(Math.sign, x, m);
          expect(Array.from(out)).toEqual(Array.from(x, (v) => (v > 0 || v !== v ? v : 0)));
          expect(Array.from(m)).toEqual(Array.from(x, Math.sign));
        }
      }),
      { numRuns: 40 },
    );
  });
});
