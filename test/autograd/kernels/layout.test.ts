import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { permute, reductionLayout } from "../../../src/autograd/kernels/layout.ts";

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const caseArb = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
  fc.tuple(fc.constant(shape), fc.subarray(shape.map((_, i) => i), { minLength: 1 })));

describe("layout kernels", () => {
  it("property: reductionLayout's view holds at [o, j] the element whose kept axes spell o and reduced axes spell j", () => {
    fc.assert(
      fc.property(caseArb, ([shape, axes]) => {
        const x = Float64Array.from({ length: size(shape) }, (_, i) => i);
        const { perm, blocks } = reductionLayout(shape, axes);
        const view = perm === null ? x : new Float64Array(x.length);
        if (perm !== null) permute(x, shape, perm, view);
        const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
        expect(blocks.outer * blocks.r * blocks.inner).toBe(x.length);
        expect(blocks.r).toBe(size(axes.map((a) => shape[a])));
        // Every element of x, by its multi-index: where the view must hold it.
        for (let flat = 0; flat < x.length; flat++) {
          const idx = new Array<number>(shape.length);
          let rest = flat;
          for (let d = shape.length - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest = Math.floor(rest / shape[d]);
          }
          const spell = (ax: number[]) => ax.reduce((p, a) => p * shape[a] + idx[a], 0);
          const lead = kept.filter((a) => a < axes[0]);
          const trail = kept.filter((a) => a > axes[0]);
          const at = perm === null
            ? (spell(lead) * blocks.r + spell(axes)) * blocks.inner + spell(trail)
            : spell(kept) * blocks.r + spell(axes);
          expect(view[at]).toBe(x[flat]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
