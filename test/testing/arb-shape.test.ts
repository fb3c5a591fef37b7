import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { broadcastShapes, broadcastsTo } from "../../src/autograd/shape.ts";
import { ArgumentError } from "../../src/index.ts";
import { arbBroadcastShapes, arbShape } from "../../src/testing/index.ts";

describe("arbShape", () => {
  it("draws ranks and dimensions within the bounds", () => {
    fc.assert(
      fc.property(arbShape({ minRank: 1, maxRank: 3, minDim: 2, maxDim: 5 }), (s) => {
        expect(s.length).toBeGreaterThanOrEqual(1);
        expect(s.length).toBeLessThanOrEqual(3);
        for (const d of s) expect(d >= 2 && d <= 5 && Number.isInteger(d)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("shrinks to the smallest allowed shape", () => {
    const details = fc.check(fc.property(arbShape({ minRank: 1, minDim: 2 }), () => false), { seed: 1 });
    expect(details.counterexample).toEqual([[2]]);
  });

  it("refuses bounds that cannot be met", () => {
    expect(() => arbShape({ minRank: 3, maxRank: 2 })).toThrow(ArgumentError);
    expect(() => arbShape({ minDim: -1 })).toThrow(/arbShape: ranks and dimensions must be integers/);
  });
});

describe("arbBroadcastShapes", () => {
  it("pairs and triples broadcast together, each to the common shape", () => {
    for (const count of [2, 3] as const) {
      fc.assert(
        fc.property(arbBroadcastShapes({ count, maxRank: 3, maxDim: 3 }), (shapes) => {
          expect(shapes).toHaveLength(count);
          const out = broadcastShapes("test", ...shapes);
          for (const s of shapes) expect(broadcastsTo(s, out)).toBe(true);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("draws real broadcasting: some pairs differ in rank, some in a dimension of 1", () => {
    const pairs = fc.sample(arbBroadcastShapes({ minRank: 2, maxRank: 3, minDim: 2 }), { seed: 3, numRuns: 300 });
    expect(pairs.some(([a, b]) => a.length !== b.length)).toBe(true);
    expect(pairs.some(([a, b]) => a.length === b.length && a.some((d, i) => d !== b[i]))).toBe(true);
  });

  it("keeps minRank on every operand", () => {
    fc.assert(
      fc.property(arbBroadcastShapes({ minRank: 2, maxRank: 3 }), (shapes) => {
        for (const s of shapes) expect(s.length).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  it("shrinks to equal small shapes", () => {
    const details = fc.check(fc.property(arbBroadcastShapes({ count: 3, minRank: 1 }), () => false), { seed: 2 });
    expect(details.counterexample).toEqual([[[1], [1], [1]]]);
  });
});
